"""Toestemming voor onderzoek in the portal: the youth reads what it means, sees their own
consents and withdraws one; nobody else's; the consultant sees who withdrew it, and the youth is
out of the research export from that day."""

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.research.selectors import consenting_count, consenting_ids
from koers.trajectories.models import ResearchConsent
from koers.trajectories.services import research_consent_record, research_consent_revoke
from tests.conftest import days_ago, signed_in_client
from tests.portal.conftest import page_text, portal_client

pytestmark = pytest.mark.django_db

PAGE = "/mijn/onderzoek/"


def withdraw_url(consent) -> str:
    return reverse("portal_research_withdraw", args=[consent.pk])


@pytest.fixture
def consent(invited, consultant):
    return research_consent_record(actor=consultant, youth=invited, given_on=days_ago(20))


def test_the_page_explains_research_consent_in_plain_words(invited):
    text = page_text(portal_client(invited).get(PAGE))
    assert "zonder je naam" in text
    assert "Ze krijgen niet: je naam, adres, e-mailadres of telefoonnummer." in text
    assert "verandert niets aan de hulp die je krijgt" in text
    assert "Je hebt geen toestemming gegeven." in text
    assert "Toestemming intrekken" not in text


def test_over_mij_links_to_it(invited):
    assert PAGE in page_text(portal_client(invited).get("/mijn/instellingen/"))


def test_the_youth_sees_and_withdraws_their_own_consent(invited, consent):
    client = portal_client(invited)
    page = page_text(client.get(PAGE))
    assert "Deze toestemming geldt nu." in page and withdraw_url(consent) in page

    response = client.post(withdraw_url(consent))

    assert response.status_code == 302 and response["Location"] == PAGE
    consent.refresh_from_db()
    assert (consent.revoked_on, consent.revoked_by, consent.withdrawn_by_youth) == (timezone.localdate(), None, True)
    page = page_text(client.get(PAGE))
    assert "Je toestemming is ingetrokken." in page
    assert "Je hebt deze toestemming zelf ingetrokken" in page and withdraw_url(consent) not in page
    entry = AccessLogEntry.objects.filter(youth_id=invited.pk, action=AccessAction.CHANGE).get()
    assert (entry.user_id, entry.channel, entry.subject) == (None, AccessChannel.PORTAL, "research_consent")


def test_a_double_tap_withdraws_once(invited, consent):
    client = portal_client(invited)
    client.post(withdraw_url(consent))
    consent.refresh_from_db()
    first = consent.revoked_at

    again = client.post(withdraw_url(consent))

    assert again.status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at == first
    assert ResearchConsent.objects.filter(youth=invited).count() == 1


def test_a_consent_the_consultant_withdrew_stays_as_it_was(invited, consent, consultant):
    research_consent_revoke(actor=consultant, youth=invited, on=days_ago(2))
    client = portal_client(invited)
    assert "via je consulent" in page_text(client.get(PAGE))

    client.post(withdraw_url(consent))

    consent.refresh_from_db()
    assert (consent.revoked_on, consent.revoked_by) == (days_ago(2), consultant)


@pytest.mark.parametrize("other", ["youth_b", "youth_c"])
def test_another_youths_consent_is_refused(other, request, invited, consent):
    theirs = request.getfixturevalue(other)
    their_consent = research_consent_record(actor=theirs.consultant, youth=theirs, given_on=days_ago(5))
    client = portal_client(invited)

    assert client.post(withdraw_url(their_consent)).status_code == 404
    assert client.post(reverse("portal_research_withdraw", args=[999_999])).status_code == 404

    their_consent.refresh_from_db()
    assert their_consent.revoked_on is None
    page = page_text(client.get(PAGE))
    assert withdraw_url(their_consent) not in page and withdraw_url(consent) in page


def test_a_stranger_withdraws_nothing(client, consent):
    response = client.post(withdraw_url(consent))
    assert response.status_code == 302 and response["Location"].startswith("/mijn/inloggen/")
    consent.refresh_from_db()
    assert consent.revoked_on is None


def test_only_posting_withdraws(invited, consent):
    assert portal_client(invited).get(withdraw_url(consent)).status_code == 405
    consent.refresh_from_db()
    assert consent.revoked_on is None


def test_the_consultant_sees_the_withdrawal_and_the_export_drops_the_youth(invited, consent, consultant):
    today = timezone.localdate()
    org = invited.organisation_id
    assert invited.pk in consenting_ids(organisation_id=org, on=today)
    before = consenting_count(organisation_id=org, on=today)

    portal_client(invited).post(withdraw_url(consent))

    assert invited.pk not in consenting_ids(organisation_id=org, on=today)
    assert consenting_count(organisation_id=org, on=today) == before - 1
    assert invited.pk in consenting_ids(organisation_id=org, on=days_ago(1))  # it held until today
    panel = signed_in_client(consultant).get(reverse("youth_form", args=[invited.pk, "research_consent"]))
    assert "door de jongere zelf, in Mijn Koers" in page_text(panel)
