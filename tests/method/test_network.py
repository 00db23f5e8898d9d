"""The network (circle of support): people around the youth; involving them needs consent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.contacts.services import contact_record
from koers.trajectories.models import NetworkConsent, NetworkMember
from koers.trajectories.services import network_consent_record, network_consent_revoke, network_member_add
from tests.concurrency import at_once
from tests.conftest import days_ago


def _member(youth, consultant, name="Fatima Bakker", relation="family", influence="supportive"):
    return network_member_add(actor=consultant, youth=youth, name=name, relation=relation, influence=influence)


def _consent(member, consultant, days=10):
    return network_consent_record(
        actor=consultant, member=member, purpose="Meedenken over werk", given_by="de jongere", given_on=days_ago(days)
    )


def test_no_network_involvement_without_consent(started, consultant):
    aunt = _member(started.youth, consultant)
    with pytest.raises(ValidationError, match="De jongere gaf geen toestemming om Fatima Bakker te betrekken"):
        contact_record(
            actor=consultant, trajectory=started, date=days_ago(0), channel="office", network_member_ids=[aunt.pk]
        )
    assert not started.contacts.exists()


def test_with_consent_the_member_takes_part_and_counts_as_network(started, consultant):
    aunt = _member(started.youth, consultant)
    _consent(aunt, consultant)
    contact = contact_record(
        actor=consultant, trajectory=started, date=days_ago(0), channel="office", network_member_ids=[aunt.pk]
    )
    assert list(contact.network_members.all()) == [aunt]
    assert "network" in contact.participants


def test_revocation_takes_effect_from_that_day(started, consultant):
    aunt = _member(started.youth, consultant)
    _consent(aunt, consultant, days=10)
    network_consent_revoke(actor=consultant, member=aunt, on=days_ago(3))
    with pytest.raises(ValidationError, match="De jongere gaf geen toestemming om Fatima Bakker te betrekken"):
        contact_record(
            actor=consultant, trajectory=started, date=days_ago(1), channel="office", network_member_ids=[aunt.pk]
        )
    # Before the revocation the consent held: a contact of that time can still be recorded.
    contact = contact_record(
        actor=consultant, trajectory=started, date=days_ago(5), channel="office", network_member_ids=[aunt.pk]
    )
    assert contact.network_members.count() == 1
    with pytest.raises(ValidationError, match="Er is geen toestemming om in te trekken"):
        network_consent_revoke(actor=consultant, member=aunt, on=days_ago(0))  # nothing open any more


def test_a_member_of_another_youth_is_refused(started, consultant, colleague):
    from tests.web.conftest import youth_with_history

    other, _ = youth_with_history(consultant, 3)
    stranger = _member(other, consultant, name="Iemand Anders")
    _consent(stranger, consultant)
    with pytest.raises(ValidationError, match="Deze persoon hoort niet bij het netwerk van deze jongere"):
        contact_record(
            actor=consultant, trajectory=started, date=days_ago(0), channel="office", network_member_ids=[stranger.pk]
        )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_consents_record_one(taxonomy, youth, consultant):
    aunt = _member(youth, consultant)
    results = at_once(8, lambda _i: _consent(aunt, consultant))
    # One records it; the others are told there is consent already (no deadlock, no duplicate-key error).
    assert sum(isinstance(r, NetworkConsent) for r in results) == 1, results
    refused = [r for r in results if not isinstance(r, NetworkConsent)]
    assert all(isinstance(r, ValidationError) for r in refused), results
    assert all(r.message_dict == {"purpose": ["Er is al toestemming voor deze persoon."]} for r in refused), refused
    assert NetworkConsent.objects.filter(member=aunt).count() == 1


def test_the_file_adds_a_member_records_and_revokes_consent(started, consultant, as_user):
    client = as_user(consultant)
    youth_id = started.youth_id
    response = client.post(
        reverse("network_member_create", args=[youth_id]),
        {"member-name": "Mo de Boer", "member-relation": "mentor", "member-influence": "supportive"},
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get(youth_id=youth_id)
    page = client.get(reverse("youth_file", args=[youth_id]), {"open": "network"}).content.decode()
    assert "Mo de Boer" in page and "Geen toestemming: niet betrekken." in page
    assert 'name="contact-network"' not in page  # not offered at a contact without consent
    client.post(
        reverse("network_consent_create", args=[youth_id]),
        {
            "consent-member": str(member.pk),
            "consent-purpose": "Mee naar een sollicitatiegesprek",
            "consent-given_by": "de jongere",
            "consent-given_on": days_ago(0).isoformat(),
        },
    )
    page = client.get(reverse("youth_file", args=[youth_id]), {"open": "network"}).content.decode()
    assert "Toestemming sinds" in page and "Mee naar een sollicitatiegesprek" in page
    assert f'name="contact-network" value="{member.pk}"' in page
    client.post(reverse("network_consent_revoke", args=[youth_id, member.pk]))
    assert NetworkConsent.objects.get(member=member).revoked_on == days_ago(0)
    page = client.get(reverse("youth_file", args=[youth_id]), {"open": "network"}).content.decode()
    assert 'name="contact-network"' not in page


def test_another_organisation_cannot_see_or_change_the_network(started, consultant, outsider, as_user):
    aunt = _member(started.youth, consultant)
    client = as_user(outsider)
    data = {"member-name": "X Y", "member-relation": "friend", "member-influence": "unknown"}
    assert client.post(reverse("network_member_create", args=[started.youth_id]), data).status_code == 404
    assert client.post(reverse("network_consent_revoke", args=[started.youth_id, aunt.pk])).status_code == 404
    assert NetworkMember.objects.count() == 1


def test_a_functional_administrator_cannot_touch_the_network(started, admin, as_user):
    data = {"member-name": "X Y", "member-relation": "friend", "member-influence": "unknown"}
    assert as_user(admin).post(reverse("network_member_create", args=[started.youth_id]), data).status_code == 403
