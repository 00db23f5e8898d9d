import pytest

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Appointment, Contact
from koers.trajectories.models import Milestone

FIRST = {"kind": "first_conversation", "date": "2026-03-05"}  # a Thursday


def _items(response):
    assert response.status_code == 200, response.content
    return {item["kind"]: item for item in response.json()}


def test_create_trajectory_and_read_its_phase(api, consultant, youth):
    client = api(consultant)
    response = client.post(f"/youths/{youth.pk}/trajectories", {"registered_on": "2026-03-02", "source": "uwv"})
    assert response.status_code == 201
    body = client.get(f"/trajectories/{response.json()['id']}").json()
    assert body["phase"] == "registration"
    assert body["registered_on"] == "2026-03-02" and body["source"] == "uwv"


def test_second_open_trajectory_is_refused(api, consultant, trajectory):
    response = api(consultant).post(
        f"/youths/{trajectory.youth_id}/trajectories", {"registered_on": "2026-04-01", "source": "self"}
    )
    assert response.status_code == 400
    assert "registered_on" in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"registered_on": "2026-02-30", "source": "uwv"}, "registered_on"),
        ({"registered_on": "2026-03-02", "source": "brief"}, "source"),
        ({"source": "uwv"}, "registered_on"),
    ],
)
def test_bad_trajectory_input(api, consultant, youth, body, field):
    response = api(consultant).post(f"/youths/{youth.pk}/trajectories", body)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_the_phase_follows_the_milestones(api, consultant, trajectory):
    client = api(consultant)
    path = f"/trajectories/{trajectory.pk}/milestones"
    steps = [
        ({"kind": "invitation", "date": "2026-03-03"}, "invited"),
        (FIRST, "search_period"),
        ({"kind": "plan_conversation", "date": "2026-04-02", "route": "work"}, "follow_up"),
        ({"kind": "outflow", "date": "2026-06-01", "destination": "work"}, "aftercare"),
        ({"kind": "aftercare_extension", "date": "2026-08-20"}, "aftercare"),
        ({"kind": "closed", "date": "2026-11-20", "reason": "completed"}, "closed"),
    ]
    for body, phase in steps:
        response = client.post(path, body)
        assert response.status_code == 201, response.content
        assert response.json()["phase"] == phase
    body = client.get(f"/trajectories/{trajectory.pk}").json()
    assert body["phase"] == "closed"
    assert body["route"] == "work" and body["destination"] == "work" and body["closing_reason"] == "completed"
    assert body["aftercare_ends_on"] == "2026-12-01"  # 1 June + 3 months x (1 + 1 extension)


def test_outflow_before_the_first_conversation_is_refused_with_a_message(api, consultant, trajectory):
    response = api(consultant).post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "outflow", "date": "2026-03-10", "destination": "work"}
    )
    assert response.status_code == 400
    assert "1e gesprek" in response.json()["errors"]["kind"][0]
    assert not Milestone.objects.filter(kind="outflow").exists()


def test_a_date_before_the_previous_milestone_is_refused(api, consultant, trajectory):
    response = api(consultant).post(f"/trajectories/{trajectory.pk}/milestones", {**FIRST, "date": "2026-02-01"})
    assert response.status_code == 400
    assert "date" in response.json()["errors"]


def test_route_is_required_for_the_plan_conversation(api, consultant, trajectory):
    client = api(consultant)
    client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    response = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "plan_conversation", "date": "2026-04-02"}
    )
    assert response.status_code == 400
    assert "route" in response.json()["errors"]
    response = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "plan_conversation", "date": "2026-04-02", "route": "x"}
    )
    assert "route" in response.json()["errors"]


def test_no_milestone_on_a_closed_trajectory(api, consultant, trajectory):
    client = api(consultant)
    client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "closed", "date": "2026-03-04", "reason": "moved"}
    )
    response = client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    assert response.status_code == 400
    assert "afgesloten" in response.json()["errors"]["kind"][0]


def test_a_milestone_recorded_twice_is_refused(api, consultant, trajectory):
    client = api(consultant)
    assert client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST).status_code == 201
    assert client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST).status_code == 400


def test_a_correction_stays_visible_in_the_history(api, consultant, trajectory):
    client = api(consultant)
    first_id = client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST).json()["id"]
    response = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {**FIRST, "date": "2026-03-06", "replaces": first_id}
    )
    assert response.status_code == 201
    milestones = client.get(f"/trajectories/{trajectory.pk}").json()["milestones"]
    firsts = [m for m in milestones if m["kind"] == "first_conversation"]
    assert [(m["date"], m["counts"]) for m in firsts] == [("2026-03-05", False), ("2026-03-06", True)]
    agenda = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-03-10"))
    assert agenda["second_conversation"]["due"] == "2026-04-03"


def test_withdrawing_goes_back_a_phase_and_is_recorded(api, consultant, trajectory):
    client = api(consultant)
    first_id = client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST).json()["id"]
    response = client.post(
        f"/trajectories/{trajectory.pk}/milestones/{first_id}/withdraw", {"note": "Gesprek ging niet door"}
    )
    assert response.status_code == 201
    assert response.json()["phase"] == "registration"
    assert Milestone.objects.get(pk=response.json()["id"]).note == "Gesprek ging niet door"
    milestones = client.get(f"/trajectories/{trajectory.pk}").json()["milestones"]
    assert [m["withdrawn"] for m in milestones if m["kind"] == "first_conversation"] == [False, True]


def test_agenda_after_the_first_conversation(api, consultant, trajectory):
    client = api(consultant)
    client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    agenda = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-03-06"))
    assert agenda["second_conversation"] == {**agenda["second_conversation"], "due": "2026-04-02", "overdue": False}
    # Search period ends 2 April; Goede Vrijdag (3 April) and 2e Paasdag (6 April) are skipped.
    assert agenda["continue_application"]["due"] == "2026-04-13"
    late = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-04-03"))
    assert late["second_conversation"]["overdue"] is True
    # Before the first conversation was held, the agenda as it stood had no second conversation.
    before = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-03-04"))
    assert "second_conversation" not in before


def test_plan_conversation_closes_the_second_conversation_item(api, consultant, trajectory):
    client = api(consultant)
    client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    client.post(
        f"/trajectories/{trajectory.pk}/milestones",
        {"kind": "plan_conversation", "date": "2026-04-01", "route": "school"},
    )
    agenda = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-04-01"))
    assert "second_conversation" not in agenda


def test_contact_with_interventions_and_agreements(api, consultant, trajectory):
    client = api(consultant)
    client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    response = client.post(
        f"/trajectories/{trajectory.pk}/contacts",
        {
            "date": "2026-03-12",
            "channel": "phone",
            "purpose": "continue_application",
            "interventions": ["trust_personal_attention", "qualities_motivation", "skills_job_application"],
            "agreements": [{"owner": "youth", "description": "Drie sollicitaties versturen", "due_on": "2026-03-20"}],
        },
    )
    assert response.status_code == 201, response.content
    contact = Contact.objects.get(pk=response.json()["id"])
    assert sorted(contact.interventions.values_list("code", flat=True)) == [
        "qualities_motivation",
        "skills_job_application",
        "trust_personal_attention",
    ]
    agenda = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-03-21"))
    assert agenda["agreement"]["due"] == "2026-03-20" and agenda["agreement"]["overdue"] is True
    assert "continue_application" not in agenda  # the reminder was given in this contact
    assert agenda["contact_norm"]["due"] == "2026-04-11"  # 30 days after the phone contact


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-03-12", "channel": "pigeon"}, "channel"),
        ({"date": "2026-03-12", "channel": "phone", "interventions": ["made_up"]}, "interventions"),
        ({"date": "2026-02-01", "channel": "phone"}, "date"),
        ({"channel": "phone"}, "date"),
    ],
)
def test_bad_contact_input(api, consultant, trajectory, body, field):
    response = api(consultant).post(f"/trajectories/{trajectory.pk}/contacts", body)
    assert 400 <= response.status_code < 500
    assert field in response.json()["errors"]
    assert not Contact.objects.exists()


def test_no_show_creates_a_follow_up_within_two_working_days(api, consultant, trajectory):
    client = api(consultant)
    response = client.post(f"/trajectories/{trajectory.pk}/appointments", {"date": "2026-04-24", "time": "10:00"})
    assert response.status_code == 201
    appointment_id = response.json()["id"]
    status = client.post(f"/appointments/{appointment_id}/status", {"status": "no_show"})
    assert status.status_code == 200 and status.json()["status"] == "no_show"
    agenda = _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-04-24"))
    # Friday 24 April; Monday 27 April is Koningsdag, so the 2nd working day is Wednesday 29 April.
    assert agenda["no_show_follow_up"]["due"] == "2026-04-29"
    client.post(f"/trajectories/{trajectory.pk}/contacts", {"date": "2026-04-28", "channel": "phone"})
    assert "no_show_follow_up" not in _items(client.get(f"/trajectories/{trajectory.pk}/agenda", on="2026-04-28"))


def test_bad_appointment_status(api, consultant, trajectory):
    client = api(consultant)
    appointment_id = client.post(f"/trajectories/{trajectory.pk}/appointments", {"date": "2026-04-24"}).json()["id"]
    response = client.post(f"/appointments/{appointment_id}/status", {"status": "forgotten"})
    assert response.status_code == 422 and "status" in response.json()["errors"]
    assert Appointment.objects.get().status == "planned"


def test_agenda_rejects_a_bad_date(api, consultant, trajectory):
    response = api(consultant).get(f"/trajectories/{trajectory.pk}/agenda", on="morgen")
    assert response.status_code == 422 and "on" in response.json()["errors"]


ENDPOINTS = [
    ("get", "/trajectories/{t}", None),
    ("get", "/trajectories/{t}/agenda", None),
    ("post", "/trajectories/{t}/milestones", FIRST),
    ("post", "/trajectories/{t}/contacts", {"date": "2026-03-12", "channel": "phone"}),
    ("post", "/trajectories/{t}/appointments", {"date": "2026-03-12"}),
    ("post", "/appointments/{a}/status", {"status": "held"}),
    ("post", "/youths/{y}/trajectories", {"registered_on": "2026-03-02", "source": "uwv"}),
]


def _call(client, method, path, body, trajectory, appointment):
    path = path.format(t=trajectory.pk, a=appointment.pk, y=trajectory.youth_id)
    return client.get(path) if method == "get" else client.post(path, body)


@pytest.fixture
def appointment(consultant, trajectory):
    import datetime as dt

    from koers.contacts.services import appointment_create

    return appointment_create(actor=consultant, trajectory=trajectory, date=dt.date(2026, 3, 20))


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_endpoint_is_404_for_another_organisation(api, outsider, trajectory, appointment, method, path, body):
    assert _call(api(outsider), method, path, body, trajectory, appointment).status_code == 404
    assert not AccessLogEntry.objects.filter(user=outsider).exists()


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_endpoint_is_403_for_a_functional_administrator(api, admin, trajectory, appointment, method, path, body):
    assert _call(api(admin), method, path, body, trajectory, appointment).status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_endpoint_is_allowed_for_the_team_lead_and_logged(
    api, team_lead, trajectory, appointment, method, path, body
):
    if path.startswith("/youths/"):
        body = None  # the youth already has an open trajectory: exercise a read instead
        response = api(team_lead).get(f"/youths/{trajectory.youth_id}")
    else:
        response = _call(api(team_lead), method, path, body, trajectory, appointment)
    assert response.status_code in (200, 201), response.content
    assert AccessLogEntry.objects.filter(user=team_lead, youth_id=trajectory.youth_id, channel="api").exists()
