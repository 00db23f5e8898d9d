import datetime as dt

import pytest

from koers.audit.models import AccessLogEntry
from koers.trajectories.models import Youth
from tests.conftest import born_years_ago

BORN = born_years_ago(23, month=2, day=11).isoformat()  # 22 or 23 years old, in any year
NEW_YOUTH = {"first_name": "Daan", "last_name": "Hoekstra", "birth_date": BORN, "email": "daan@example.org"}


def test_openapi_document_lists_the_paths(api, db):
    response = api(None).client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/youths",
        "/api/v1/youths/{youth_id}",
        "/api/v1/youths/{youth_id}/trajectories",
        "/api/v1/trajectories/{trajectory_id}",
        "/api/v1/trajectories/{trajectory_id}/milestones",
        "/api/v1/trajectories/{trajectory_id}/contacts",
        "/api/v1/trajectories/{trajectory_id}/appointments",
        "/api/v1/appointments/{appointment_id}/status",
        "/api/v1/trajectories/{trajectory_id}/agenda",
        "/api/v1/youths/{youth_id}/access-log",
    ]:
        assert path in paths


def test_without_token_the_api_answers_401(api, db):
    response = api(None).get("/youths")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_wrong_token_is_refused(api, consultant):
    client = api(None)
    client.headers = {"Authorization": "Bearer koers_not-a-real-token"}
    assert client.get("/youths").status_code == 401


def test_consultant_creates_a_youth_in_own_caseload(api, consultant):
    response = api(consultant).post("/youths", NEW_YOUTH)
    assert response.status_code == 201
    youth = Youth.objects.get(pk=response.json()["id"])
    assert youth.organisation == consultant.organisation
    assert youth.consultant == consultant
    assert AccessLogEntry.objects.filter(youth_id=youth.pk, user=consultant, action="create", channel="api").exists()


def test_a_full_name_is_split_into_first_and_last_name(api, consultant):
    response = api(consultant).post(
        "/youths", {"name": "Aylin van der Meer", "birth_date": born_years_ago(25, month=9, day=30).isoformat()}
    )
    youth = Youth.objects.get(pk=response.json()["id"])
    assert (youth.first_name, youth.last_name) == ("Aylin", "van der Meer")


def test_team_lead_assigns_a_consultant_by_username(api, team_lead, consultant):
    response = api(team_lead).post("/youths", {**NEW_YOUTH, "consultant": consultant.username})
    assert response.status_code == 201
    assert Youth.objects.get(pk=response.json()["id"]).consultant == consultant


def test_consultant_of_another_organisation_cannot_be_assigned(api, team_lead, outsider):
    response = api(team_lead).post("/youths", {**NEW_YOUTH, "consultant": outsider.username})
    assert response.status_code == 400
    assert "consultant" in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_YOUTH, "birth_date": "11-02-2003"}, "birth_date"),
        ({**NEW_YOUTH, "birth_date": born_years_ago(11).isoformat()}, "birth_date"),  # too young
        ({**NEW_YOUTH, "birth_date": born_years_ago(40).isoformat()}, "birth_date"),  # too old
        ({**NEW_YOUTH, "email": "geen-adres"}, "email"),
        ({**NEW_YOUTH, "target_groups": ["left_handed"]}, "target_groups.0"),
        ({"birth_date": BORN}, "__all__"),
        ({"first_name": "Daan", "last_name": "Hoekstra"}, "birth_date"),
    ],
)
def test_bad_youth_input_gets_a_message_per_field(api, consultant, body, field):
    response = api(consultant).post("/youths", body)
    assert 400 <= response.status_code < 500
    errors = response.json()["errors"]
    assert field in errors, errors
    assert all(isinstance(message, str) and message for message in errors[field])
    assert not Youth.objects.exists()


def test_invalid_json_is_a_client_error(api, consultant):
    response = api(consultant).post("/youths", raw="{not json")
    assert 400 <= response.status_code < 500


def test_get_youth_returns_details_and_logs_the_read(api, consultant, youth, trajectory):
    response = api(consultant).get(f"/youths/{youth.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Sanne de Vries"
    assert body["birth_date"] == youth.birth_date.isoformat()
    assert body["trajectories"] == [{"id": trajectory.pk, "phase": "registration"}]
    assert AccessLogEntry.objects.filter(youth_id=youth.pk, user=consultant, action="view", channel="api").count() == 1


@pytest.mark.parametrize("persona", ["colleague", "team_lead"])
def test_team_mates_and_team_lead_may_read(api, request, youth, persona):
    assert api(request.getfixturevalue(persona)).get(f"/youths/{youth.pk}").status_code == 200


def test_other_organisation_gets_404_like_a_missing_youth(api, outsider, youth):
    assert api(outsider).get(f"/youths/{youth.pk}").status_code == 404
    assert api(outsider).get("/youths/999999").status_code == 404
    assert not AccessLogEntry.objects.filter(user=outsider).exists()


def test_consultant_of_another_team_gets_404(api, other_team_consultant, youth):
    assert api(other_team_consultant).get(f"/youths/{youth.pk}").status_code == 404


def test_functional_administrator_is_forbidden(api, admin, youth):
    assert api(admin).get(f"/youths/{youth.pk}").status_code == 403
    assert api(admin).get("/youths").status_code == 403
    assert api(admin).post("/youths", NEW_YOUTH).status_code == 403


def test_list_shows_only_own_organisation_and_logs_each_youth(api, team_lead, youth, outsider):
    from koers.trajectories.services import youth_create

    youth_create(
        actor=outsider, consultant=None, first_name="Elders", last_name="Jongere", birth_date=born_years_ago(24)
    )
    response = api(team_lead).get("/youths")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [youth.pk]
    assert AccessLogEntry.objects.filter(user=team_lead, youth_id=youth.pk, subject="youth_list").count() == 1


def test_list_query_count_does_not_grow_with_the_list(api, team_lead, consultant, django_assert_max_num_queries):
    from koers.trajectories.services import trajectory_create, youth_create

    for number in range(12):
        youth = youth_create(
            actor=consultant,
            consultant=consultant,
            first_name=f"J{number}",
            last_name="Test",
            birth_date=born_years_ago(25),
        )
        trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 1, 5), source="self")
    client = api(team_lead)
    with django_assert_max_num_queries(6):
        assert len(client.get("/youths").json()) == 12


def test_access_log_shows_who_looked(api, consultant, colleague, youth):
    api(colleague).get(f"/youths/{youth.pk}")
    response = api(consultant).get(f"/youths/{youth.pk}/access-log")
    assert response.status_code == 200
    entries = response.json()
    assert any(e["user"] == "collega" and e["action"] == "view" and e["channel"] == "api" for e in entries)
    # Reading the log is itself a read of the youth's data, so it is logged too.
    assert entries[0]["user"] == "consulent" and entries[0]["subject"] == "access_log"


def test_access_log_permissions(api, admin, outsider, youth):
    assert api(admin).get(f"/youths/{youth.pk}/access-log").status_code == 403
    assert api(outsider).get(f"/youths/{youth.pk}/access-log").status_code == 404


def test_working_element_codes_are_listed_for_coding_contacts(api, consultant):
    response = api(consultant).get("/working-elements")
    assert response.status_code == 200
    codes = {row["code"]: row for row in response.json()}
    assert len(codes) == 30
    assert codes["trust_personal_attention"]["theme"] == "Begeleiding met vertrouwen"


def test_working_elements_need_a_token(api, db):
    assert api(None).get("/working-elements").status_code == 401
