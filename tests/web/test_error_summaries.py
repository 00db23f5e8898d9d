"""Every refused form reports all its errors in one round, in a list at its top whose links go to
the fields, and the page title starts with "Fout:"."""

import datetime as dt
import re

from django.urls import reverse

from koers.contacts.models import Contact
from koers.trajectories.models import Youth
from tests.conftest import PASSWORD, days_ago
from tests.web.test_youth_new import form_data


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def summary_links(response) -> dict[str, str]:
    """href -> text of the links in the error list at the top of the form."""
    html = response.content.decode()
    block = re.search(r"data-error-summary[^>]*>(.*?)</ul>", html, re.S).group(1)
    return {href: text for href, text in re.findall(r'<a [^>]*href="#([^"]+)">([^<]+)</a>', block)}


def test_registration_shows_the_email_and_the_age_limit_at_once(consultant, as_user, today):
    too_old = dt.date(today.year - 40, 1, 1).isoformat()
    data = form_data(today, consultant=consultant.pk, email="geen-adres", birth_date=too_old, first_name="123")
    response = as_user(consultant).post(reverse("youth_new"), data)

    assert response.status_code == 200
    assert not Youth.objects.exists()
    assert title(response).startswith("Fout:")
    links = summary_links(response)
    assert set(links) == {"id_email", "id_birth_date", "id_first_name"}
    for target in links:
        assert f'id="{target}"' in response.content.decode()
    assert "27 jaar" in links["id_birth_date"]
    assert "e-mailadres" in links["id_email"].lower()
    assert "melding" not in " ".join(links.values()).lower()


def test_registration_in_the_future_is_reported_with_the_other_errors(consultant, as_user, today):
    data = form_data(today, consultant=consultant.pk, email="x", registered_on=days_ago(-3).isoformat())
    links = summary_links(as_user(consultant).post(reverse("youth_new"), data))
    assert {"id_email", "id_registered_on"} <= set(links)
    assert "toekomst" in links["id_registered_on"]


def test_contact_form_reports_a_future_date_and_a_missing_channel_together(started, consultant, as_user):
    data = {
        "contact-date": days_ago(-2).isoformat(),
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "agreements-TOTAL_FORMS": "3",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-owner": "youth",
        "agreements-0-description": "Cv sturen",
        "agreements-0-due_on": days_ago(-2000).isoformat(),
    }
    response = as_user(consultant).post(reverse("contact_create", args=[started.youth_id]), data)
    assert response.status_code == 200
    assert not Contact.objects.exists()
    assert title(response).startswith("Fout:")
    body = response.content.decode()
    assert "toekomst" in body and "Kies hoe het contact was" in body  # the date and the channel at once
    assert "Plan niet verder vooruit" in body  # and the agreement's date
    links = summary_links(response)
    assert links["id_contact-date"].startswith("Deze datum ligt in de toekomst")
    assert links["id_contact-channel_0"] == "Kies hoe het contact was."  # the first of the radio buttons
    assert 'id="id_contact-channel_0"' in body


def test_sign_in_with_a_wrong_password_says_fout_in_the_title(client, consultant):
    response = client.post(reverse("login"), {"username": consultant.username, "password": "fout-wachtwoord"})
    assert response.status_code == 200
    assert title(response).startswith("Fout:")
    assert "data-error-summary" in response.content.decode()


def test_a_wrong_second_factor_code_says_fout_in_the_title(client, consultant):
    client.post(reverse("login"), {"username": consultant.username, "password": PASSWORD})
    response = client.post(reverse("second_factor"), {"code": "000000"})
    assert response.status_code == 200
    assert title(response).startswith("Fout:")
    assert "id_code" in summary_links(response)


def test_agreement_errors_are_in_the_same_summary_as_the_contact_errors(started, consultant, as_user):
    data = {
        "contact-date": days_ago(-2).isoformat(),
        "contact-channel": "office",
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "agreements-TOTAL_FORMS": "3",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-owner": "youth",
        "agreements-0-description": "",
        "agreements-0-due_on": days_ago(-9).isoformat(),
    }
    response = as_user(consultant).post(reverse("contact_create", args=[started.youth_id]), data)
    assert response.content.decode().count("data-error-summary") == 1
    links = summary_links(response)
    assert links["id_contact-date"].startswith("Deze datum ligt in de toekomst")
    assert links["id_agreements-0-description"] == "Afspraak 1: Beschrijf de afspraak, of maak de datum leeg."
