"""Barriers, toolbox suggestions that fit the youth, referrals as agreements, target-group tips."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.agenda.models import DueItem
from koers.contacts.selectors import toolbox_for
from koers.contacts.services import REFERRAL_FOLLOW_UP_DAYS, contact_record
from koers.method.models import BarrierKind, TargetGroupGuidance
from koers.trajectories.models import Barrier, Youth
from koers.trajectories.services import barrier_record, barrier_resolve
from tests.concurrency import at_once
from tests.conftest import days_ago


def _barrier(youth, consultant, kind=BarrierKind.SMALL_NETWORK, days=10):
    return barrier_record(actor=consultant, youth=youth, kind=kind, noted_on=days_ago(days), source="youth")


@pytest.mark.parametrize("kind", BarrierKind.values)
def test_every_barrier_kind_brings_suggestions_that_go_when_it_is_resolved(kind, youth, consultant):
    # `youth` has no trajectory: only the barrier brings help here.
    assert toolbox_for(youth).suggestions == ()
    barrier = _barrier(youth, consultant, kind=kind)
    suggestions = toolbox_for(youth).suggestions
    assert suggestions, kind
    assert all(s.reasons[0].startswith("belemmering: ") for s in suggestions)
    barrier_resolve(actor=consultant, barrier=barrier, on=days_ago(0))
    assert toolbox_for(youth).suggestions == ()


def test_a_target_group_marker_brings_suggestions_with_its_reason(youth):
    Youth.objects.filter(pk=youth.pk).update(target_groups=["refugee_residence_permit"])
    youth.refresh_from_db()
    suggestions = toolbox_for(youth).suggestions
    assert suggestions and all("doelgroep: statushouder" in s.reasons for s in suggestions)


def test_an_open_barrier_of_the_same_kind_is_refused(youth, consultant):
    _barrier(youth, consultant)
    with pytest.raises(ValidationError, match="Deze belemmering staat al open"):
        _barrier(youth, consultant)
    with pytest.raises(ValidationError, match="Kies een belemmering uit de lijst"):
        barrier_record(actor=consultant, youth=youth, kind="unknown", noted_on=days_ago(1), source="youth")
    with pytest.raises(ValidationError, match="Deze datum ligt in de toekomst"):
        barrier_record(actor=consultant, youth=youth, kind=BarrierKind.HEALTH, noted_on=days_ago(-1), source="youth")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_records_of_a_barrier_record_it_once(taxonomy, youth, consultant):
    results = at_once(10, lambda _i: _barrier(youth, consultant))
    # One records it; the others are told it is open already (no deadlock, no duplicate-key error).
    assert sum(isinstance(r, Barrier) for r in results) == 1, results
    refused = [r for r in results if not isinstance(r, Barrier)]
    assert all(isinstance(r, ValidationError) for r in refused), results
    assert all(r.message_dict == {"kind": ["Deze belemmering staat al open."]} for r in refused), refused
    assert Barrier.objects.filter(youth=youth).count() == 1


def test_a_chosen_referral_is_an_intervention_and_an_agreement_on_the_agenda(started, consultant):
    _barrier(started.youth, consultant, kind=BarrierKind.PSYCHOSOCIAL)
    suggestion = next(s for s in toolbox_for(started.youth).suggestions if s.referral)
    contact = contact_record(
        actor=consultant, trajectory=started, date=days_ago(0), channel="office", toolbox_ids=[suggestion.id]
    )
    assert contact.toolbox_items.get().pk == suggestion.id
    assert contact.interventions.exists()
    agreement = contact.agreements.get()
    assert agreement.owner == "consultant" and agreement.description.startswith("Verwijzing opvolgen: ")
    assert agreement.due_on == days_ago(-REFERRAL_FOLLOW_UP_DAYS)
    assert DueItem.objects.filter(trajectory=started, kind="agreement", about=agreement.description).exists()


def test_the_file_records_and_resolves_a_barrier(started, consultant, as_user):
    client = as_user(consultant)
    url = reverse("barrier_create", args=[started.youth_id])
    data = {"barrier-kind": "small_network", "barrier-noted_on": days_ago(2).isoformat(), "barrier-source": "youth"}
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("youth_file", args=[started.youth_id]), {"open": "barriers"}).content.decode()
    assert "Klein netwerk" in page and "Hulp die past (gereedschapskist)" in page
    assert "Waarom: belemmering: klein netwerk" in page
    assert 'name="contact-toolbox"' in page  # the same help can be chosen at a contact
    barrier = Barrier.objects.get(youth=started.youth)
    client.post(reverse("barrier_resolve", args=[started.youth_id, barrier.pk]))
    barrier.refresh_from_db()
    assert barrier.resolved_on == days_ago(0)
    page = client.get(reverse("youth_file", args=[started.youth_id]), {"open": "barriers"}).content.decode()
    assert "Waarom: belemmering: klein netwerk" not in page and "Geen open belemmeringen." in page


def test_a_refused_barrier_shows_the_errors_on_the_file(started, consultant, as_user):
    url = reverse("barrier_create", args=[started.youth_id])
    response = as_user(consultant).post(
        url, {"barrier-kind": "small_network", "barrier-noted_on": days_ago(-3).isoformat(), "barrier-source": "youth"}
    )
    assert response.status_code == 200
    assert "Fout" in response.content.decode().split("</title>")[0]
    assert not Barrier.objects.exists()


def test_barriers_of_another_organisation_cannot_be_touched(started, consultant, outsider, as_user):
    barrier = _barrier(started.youth, consultant)
    client = as_user(outsider)
    data = {"barrier-kind": "health", "barrier-noted_on": days_ago(1).isoformat(), "barrier-source": "youth"}
    assert client.post(reverse("barrier_create", args=[started.youth_id]), data).status_code == 404
    assert client.post(reverse("barrier_resolve", args=[started.youth_id, barrier.pk])).status_code == 404
    barrier.refresh_from_db()
    assert barrier.resolved_on is None and Barrier.objects.count() == 1


def test_target_group_tips_are_for_staff_and_never_in_the_api(started, consultant, as_user, api):
    Youth.objects.filter(pk=started.youth_id).update(target_groups=["autism"])
    tip = TargetGroupGuidance.objects.get(version__organisation=consultant.organisation, marker="autism").tips[0]
    page = as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert "Tips bij autisme" in page and tip in page
    for path in (f"/youths/{started.youth_id}", "/method", f"/trajectories/{started.pk}"):
        body = api(consultant).get(path).content.decode()
        assert tip not in body, path


def test_a_functional_administrator_cannot_record_barriers(started, admin, as_user):
    data = {"barrier-kind": "health", "barrier-noted_on": days_ago(1).isoformat(), "barrier-source": "youth"}
    response = as_user(admin).post(reverse("barrier_create", args=[started.youth_id]), data)
    assert response.status_code == 403
    assert not Barrier.objects.exists()


def test_the_phase_brings_its_own_help_with_its_reason(started, consultant):
    # In the search period: a test where education level or talents are unclear (plan conversation).
    suggestions = toolbox_for(started.youth, started.phase).suggestions
    assert suggestions and all("fase: 2e gesprek (plan)" in s.reasons for s in suggestions)
    assert toolbox_for(started.youth, "registration").suggestions == ()
