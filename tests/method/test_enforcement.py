"""Enforcement as the young people asked: proposed only after a personal conversation about it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.contacts.models import EnforcementProposal
from koers.contacts.services import enforcement_propose
from koers.method.default import default_method
from tests.concurrency import at_once
from tests.conftest import days_ago


def _talk(client, youth_id, *, channel="office", days=2, purpose="enforcement_conversation", participants=("youth",)):
    data = {
        "contact-date": days_ago(days).isoformat(),
        "contact-channel": channel,
        "contact-purpose": purpose,
        "contact-participants": list(participants),
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "1",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-owner": "youth",
    }
    assert client.post(reverse("contact_create", args=[youth_id]), data).status_code == 302


def _propose(client, youth_id, reason="Geen les gevolgd sinds oktober"):
    data = {"enforcement-proposed_on": days_ago(0).isoformat(), "enforcement-reason": reason}
    return client.post(reverse("enforcement_propose", args=[youth_id]), data)


def test_the_step_is_part_of_the_default_method():
    keys = {s["key"] for s in default_method()["steps"]}
    assert "follow_up.enforcement_conversation_first" in keys


def test_without_a_personal_conversation_the_proposal_is_refused(started, consultant, as_user):
    client = as_user(consultant)
    response = _propose(client, started.youth_id)
    assert response.status_code == 200
    assert "Bespreek handhaving eerst met de jongere zelf" in response.content.decode()
    assert not EnforcementProposal.objects.exists()


@pytest.mark.parametrize(
    "talk",
    [
        {"channel": "phone"},  # not in person or by video
        {"channel": "message"},
        {"purpose": "status_check"},  # not about enforcement
        {"participants": ("parent",)},  # without the youth
        {"days": 45},  # too long ago
    ],
)
def test_a_conversation_that_does_not_count(talk, started, consultant, as_user):
    client = as_user(consultant)
    _talk(client, started.youth_id, **talk)
    assert _propose(client, started.youth_id).status_code == 200
    assert not EnforcementProposal.objects.exists()


@pytest.mark.parametrize("channel", ["office", "home_visit", "walk", "video"])
def test_after_a_face_to_face_or_video_conversation_it_is_recorded_and_shown(channel, started, consultant, as_user):
    client = as_user(consultant)
    _talk(client, started.youth_id, channel=channel)
    assert _propose(client, started.youth_id).status_code == 302
    proposal = EnforcementProposal.objects.get()
    assert proposal.conversation.channel == channel and proposal.proposed_by == consultant
    page = client.get(reverse("youth_file", args=[started.youth_id]), {"open": "enforcement"}).content.decode()
    assert "Voorgesteld op" in page and "na het gesprek erover van" in page
    assert "Geen les gevolgd sinds oktober" in page
    assert _propose(client, started.youth_id).status_code == 200  # not twice after one conversation
    assert EnforcementProposal.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_proposals_record_one(taxonomy, started, consultant, as_user):
    _talk(as_user(consultant), started.youth_id)
    results = at_once(
        8, lambda _i: enforcement_propose(actor=consultant, trajectory=started, on=days_ago(0), reason="Verzuim")
    )
    assert sum(isinstance(r, EnforcementProposal) for r in results) == 1
    assert all(isinstance(r, EnforcementProposal | ValidationError) for r in results), results
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert all(r.message_dict == {"proposed_on": ["Na dit gesprek is handhaving al voorgesteld."]} for r in refused)
    assert EnforcementProposal.objects.filter(trajectory=started).count() == 1


def test_other_organisation_and_administrator_cannot_propose(started, consultant, outsider, admin, as_user):
    _talk(as_user(consultant), started.youth_id)
    assert _propose(as_user(outsider), started.youth_id).status_code == 404
    assert _propose(as_user(admin), started.youth_id).status_code == 403
    assert not EnforcementProposal.objects.exists()
