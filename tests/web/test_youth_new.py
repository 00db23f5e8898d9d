"""Jongere aanmelden: a new youth with the first trajectory's registration, in one go."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.accounts.models import Role
from koers.audit.models import AccessLogEntry
from koers.trajectories.models import ConsultantAssignment, Milestone, Phase, Trajectory, Youth
from tests.conftest import days_ago, make_user

URL = reverse("youth_new")


def form_data(today: dt.date, **overrides) -> dict:
    data = {
        "first_name": "Noah",
        "last_name": "Bakker",
        "birth_date": dt.date(today.year - 20, 3, 14).isoformat(),
        "email": "noah@example.org",
        "phone": "0687654321",
        "has_start_qualification": "no",
        "target_groups": ["autism"],
        "registered_on": days_ago(2).isoformat(),
        "source": "municipality",
    }
    data.update(overrides)
    return data


def nothing_created() -> bool:
    return not (Youth.objects.exists() or Trajectory.objects.exists() or AccessLogEntry.objects.exists())


def test_consultant_registers_a_youth_for_themself(consultant, as_user, today):
    client = as_user(consultant)
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["form"]["consultant"].value() == consultant.pk
    assert "gevoelig" in page.content.decode()

    response = client.post(URL, form_data(today, consultant=consultant.pk), follow=True)
    youth = Youth.objects.get()
    assert response.redirect_chain[0][0] == reverse("youth_file", args=[youth.pk])
    assert "Jongere aangemeld" in response.content.decode()
    assert (youth.first_name, youth.last_name, youth.organisation_id) == ("Noah", "Bakker", consultant.organisation_id)
    assert youth.consultant == consultant and youth.has_start_qualification is False
    assert youth.target_groups == ["autism"] and youth.email == "noah@example.org"
    assert ConsultantAssignment.objects.get(youth=youth).consultant == consultant
    trajectory = Trajectory.objects.get(youth=youth)
    assert trajectory.phase == Phase.REGISTRATION
    registration = Milestone.objects.get(trajectory=trajectory)
    assert (registration.kind, registration.date, registration.source) == ("registration", days_ago(2), "municipality")
    entry = AccessLogEntry.objects.get(youth_id=youth.pk, action="create")
    assert (entry.user, entry.channel, entry.subject) == (consultant, "web", "youth")


def test_team_lead_must_choose_a_consultant(team_lead, colleague, as_user, today):
    client = as_user(team_lead)
    page = client.get(URL)
    assert page.context["form"]["consultant"].value() is None
    assert "Kies een consulent" in page.content.decode()

    response = client.post(URL, form_data(today))
    assert response.status_code == 200
    assert response.context["form"].errors["consultant"]
    assert nothing_created()

    response = client.post(URL, form_data(today, consultant=colleague.pk, has_start_qualification="yes"))
    youth = Youth.objects.get()
    assert response["Location"] == reverse("youth_file", args=[youth.pk])
    assert youth.consultant == colleague and youth.has_start_qualification is True


def test_only_active_consultants_of_the_own_organisation(consultant, team_lead, outsider, as_user, today):
    stranger = make_user("vreemde", outsider.organisation, Role.CONSULTANT)
    retired = make_user("oud", consultant.organisation, Role.CONSULTANT)
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    for candidate in (stranger, retired, team_lead, "abc"):
        response = as_user(consultant).post(URL, form_data(today, consultant=getattr(candidate, "pk", candidate)))
        assert response.status_code == 200
        assert response.context["form"].errors["consultant"] == ["Kies een consulent van uw eigen organisatie."]
    assert nothing_created()
    assert f'value="{stranger.pk}"' not in as_user(consultant).get(URL).content.decode()


@pytest.mark.parametrize("years", [15, 29])
def test_age_out_of_range_is_shown_at_the_birth_date(consultant, as_user, today, years):
    birth_date = dt.date(today.year - years, 1, 1).isoformat()
    response = as_user(consultant).post(URL, form_data(today, consultant=consultant.pk, birth_date=birth_date))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["birth_date"]
    body = response.content.decode()
    assert 'value="Noah"' in body and f'value="{birth_date}"' in body  # what was typed stays
    assert nothing_created()


def test_registration_date_in_the_future_rolls_everything_back(consultant, as_user, today):
    data = form_data(today, consultant=consultant.pk, registered_on=days_ago(-3).isoformat())
    response = as_user(consultant).post(URL, data)
    assert list(response.context["form"].errors) == ["registered_on"]
    assert nothing_created()


def test_youth_for_another_team_goes_back_to_vandaag(consultant, other_team_consultant, as_user, today):
    response = as_user(consultant).post(URL, form_data(today, consultant=other_team_consultant.pk))
    assert response["Location"] == reverse("today")
    assert Youth.objects.get().consultant == other_team_consultant


@pytest.mark.parametrize("method", ["get", "post"])
def test_admin_is_forbidden(admin, as_user, today, method):
    response = getattr(as_user(admin), method)(URL, form_data(today, consultant=admin.pk))
    assert response.status_code == 403
    assert nothing_created()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, db, today, method):
    response = getattr(client, method)(URL, form_data(today))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_vandaag_links_to_the_page(consultant, as_user):
    body = as_user(consultant).get(reverse("today")).content.decode()
    assert f'href="{URL}"' in body and "Jongere aanmelden" in body


def test_a_second_youth_with_the_same_name_and_birth_date_needs_confirmation(consultant, youth, as_user):
    from koers.trajectories.models import Youth

    client = as_user(consultant)
    data = {
        "first_name": "sanne",
        "last_name": "De Vries",
        "birth_date": youth.birth_date.isoformat(),
        "has_start_qualification": "no",
        "consultant": consultant.pk,
        "registered_on": "2026-11-02",
        "source": "self",
    }
    response = client.post("/jongeren/nieuw/", data)
    assert response.status_code == 200
    assert "Er is al een jongere met deze naam en geboortedatum" in response.content.decode()
    assert 'name="confirm_duplicate"' in response.content.decode()
    assert Youth.objects.count() == 1
    response = client.post("/jongeren/nieuw/", {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Youth.objects.count() == 2
