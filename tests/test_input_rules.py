"""One set of input rules for pages, API and commands: the services decide, everyone gets the same answer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Contact
from koers.contacts.services import AGREEMENTS_MAX, NOTES_MAX_LENGTH, NewAgreement, contact_record
from koers.trajectories.models import Youth
from koers.trajectories.services import youth_create
from tests.conftest import born_years_ago
from tests.web.test_contacts import post_contact
from tests.web.test_youth_new import URL as YOUTH_NEW_URL
from tests.web.test_youth_new import form_data

INVISIBLE = "\u200b\u200b"
RTL_OVERRIDE = "\u202e"


# Limits


def test_web_notes_have_the_same_limit_as_the_api(trajectory, consultant, as_user):
    response = post_contact(as_user(consultant), trajectory.youth_id, **{"contact-notes": "x" * (NOTES_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert "Deze tekst is te lang" in response.content.decode()
    assert not Contact.objects.exists()


def test_api_notes_are_limited(api, consultant, trajectory):
    body = {"date": "2026-03-05", "channel": "phone", "notes": "x" * (NOTES_MAX_LENGTH + 1)}
    assert api(consultant).post(f"/trajectories/{trajectory.pk}/contacts", body).status_code == 422


def test_api_refuses_more_agreements_than_the_pages_allow(api, consultant, trajectory):
    agreement = {"owner": "youth", "description": "Bellen"}
    body = {"date": "2026-03-05", "channel": "phone", "agreements": [agreement] * 3000}
    response = api(consultant).post(f"/trajectories/{trajectory.pk}/contacts", body)
    assert response.status_code == 422
    assert not Contact.objects.exists()


def test_the_service_itself_holds_the_agreement_limit(trajectory, consultant):
    with pytest.raises(ValidationError, match=f"Leg hoogstens {AGREEMENTS_MAX} afspraken per contact vast") as refused:
        contact_record(
            actor=consultant,
            trajectory=trajectory,
            date=dt.date(2026, 3, 5),
            channel="phone",
            agreements=[NewAgreement(owner="youth", description="Bellen")] * (AGREEMENTS_MAX + 1),
        )
    assert "agreements" in refused.value.message_dict


def test_an_over_long_agreement_is_refused_not_cut_off(trajectory, consultant):
    with pytest.raises(ValidationError, match="Deze tekst is te lang: 301 tekens, het maximum is 300"):
        contact_record(
            actor=consultant,
            trajectory=trajectory,
            date=dt.date(2026, 3, 5),
            channel="phone",
            agreements=[NewAgreement(owner="youth", description="x" * 301)],
        )


# Normalised text


@pytest.mark.parametrize("name", [INVISIBLE, "\u200b \u2060", "\x07\x08", "123"])
def test_a_name_needs_a_visible_letter_on_the_page(consultant, as_user, today, name):
    response = as_user(consultant).post(YOUTH_NEW_URL, form_data(today, first_name=name, consultant=consultant.pk))
    assert response.status_code == 200
    assert "Vul een naam in met letters." in response.content.decode()
    assert not Youth.objects.exists()


@pytest.mark.parametrize("name", [INVISIBLE, "\x1b\x07 \u200b", "\u202e12"])
def test_a_name_needs_a_visible_letter_in_the_api(api, consultant, name):
    response = api(consultant).post(
        "/youths", {"first_name": name, "last_name": "Bakker", "birth_date": str(born_years_ago(23))}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["first_name"] == ["Vul een naam in met letters."]


def test_control_and_invisible_characters_are_taken_out_of_names(consultant):
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name="Sa\u200bn\x07ne", last_name=" de\tVries ",
        birth_date=born_years_ago(23),
    )  # fmt: skip
    assert (youth.first_name, youth.last_name) == ("Sanne", "de Vries")


def test_names_are_stored_in_one_normal_form(consultant):
    decomposed = "Ze\u0301nith"  # e + combining acute accent
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name=decomposed, last_name="Bakker",
        birth_date=born_years_ago(23),
    )  # fmt: skip
    assert youth.first_name == "Z\u00e9nith"


def test_a_right_to_left_override_is_taken_out_of_notes(api, consultant, trajectory):
    notes = f"Afspraak {RTL_OVERRIDE}tegnah{RTL_OVERRIDE} nakijken\nTweede regel"
    response = api(consultant).post(
        f"/trajectories/{trajectory.pk}/contacts", {"date": "2026-03-05", "channel": "phone", "notes": notes}
    )
    assert response.status_code == 201
    assert Contact.objects.get().notes == "Afspraak tegnah nakijken\nTweede regel"


@pytest.mark.parametrize("birth_date", [1041379200, "1041379200", "2003-01-01T00:00:00", "01-01-2003", "2003-1-1"])
def test_dates_only_as_year_month_day(api, consultant, birth_date):
    body = {"first_name": "Noah", "last_name": "Bakker", "birth_date": birth_date}
    response = api(consultant).post("/youths", body)
    assert response.status_code == 422
    assert response.json()["errors"]["birth_date"] == ["Geef een datum als JJJJ-MM-DD."]


def test_a_date_in_the_query_only_as_year_month_day(api, consultant, trajectory):
    response = api(consultant).get(f"/trajectories/{trajectory.pk}/agenda", on="1767225600")
    assert response.status_code == 422


# The duplicate check sees what the user may see, and logs what it shows.


def test_a_youth_of_another_team_is_not_revealed(other_team_consultant, youth, as_user, today):
    data = form_data(today, first_name=youth.first_name, last_name=youth.last_name, birth_date=youth.birth_date)
    response = as_user(other_team_consultant).post(YOUTH_NEW_URL, {**data, "consultant": other_team_consultant.pk})
    assert response.status_code == 302  # no message: this consultant may not know the other youth
    assert not AccessLogEntry.objects.filter(youth_id=youth.pk, user=other_team_consultant).exists()


def test_a_shown_duplicate_is_logged_and_linked(colleague, youth, as_user, today):
    data = form_data(today, first_name="SANNE", last_name="de vries", birth_date=youth.birth_date)
    response = as_user(colleague).post(YOUTH_NEW_URL, {**data, "consultant": colleague.pk})
    page = response.content.decode()
    assert "Er is al een jongere met deze naam en geboortedatum" in page
    assert f'href="/jongeren/{youth.pk}/"' in page
    entry = AccessLogEntry.objects.get(youth_id=youth.pk, user=colleague)
    assert (entry.action, entry.subject, entry.channel) == ("view", "duplicate_check", "web")


def test_the_api_answers_409_with_the_existing_id_and_logs_it(api, consultant, youth):
    body = {"first_name": youth.first_name, "last_name": youth.last_name, "birth_date": str(youth.birth_date)}
    response = api(consultant).post("/youths", body)
    assert response.status_code == 409
    assert response.json()["existing_id"] == youth.pk
    assert AccessLogEntry.objects.filter(youth_id=youth.pk, subject="duplicate_check", channel="api").exists()
    confirmed = api(consultant).post("/youths", {**body, "confirm_duplicate": True})
    assert confirmed.status_code == 201
    assert Youth.objects.filter(last_name=youth.last_name).count() == 2


def test_the_api_cannot_assign_a_youth_to_an_inactive_consultant(api, team_lead, colleague):
    colleague.is_active = False
    colleague.save()
    body = {
        "first_name": "Noah",
        "last_name": "Bakker",
        "birth_date": str(born_years_ago(23)),
        "consultant": colleague.username,
    }
    response = api(team_lead).post("/youths", body)
    assert response.status_code == 400
    assert "consultant" in response.json()["errors"]
    assert not Youth.objects.filter(first_name="Noah").exists()
