"""The destruction list: proposed at night, reviewed by functional admin, approved by a second
person (a team lead), destroyed after the waiting period, one file per transaction."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from koers.retention.models import DestructionItem, DestructionStatus, ItemStatus
from koers.retention.services.destruction import (
    destruction_approve,
    destruction_cancel,
    destruction_carry_out,
    destruction_propose,
    destruction_review,
    destruction_send_back,
    item_postpone,
)
from koers.trajectories.models import ClosingReason, MilestoneKind, Youth
from koers.trajectories.services.milestones import milestone_record, trajectory_create
from koers.trajectories.services.youths import youth_create
from tests.conftest import born_years_ago
from tests.retention.conftest import PAST

pytestmark = pytest.mark.django_db


def _later(days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(PAST, dt.time(3))) + dt.timedelta(days=days)


def _closed_youth(consultant, first_name: str) -> Youth:
    """Another youth whose trajectory was closed before a first conversation on 1 April 2026."""
    other = youth_create(
        actor=consultant, consultant=consultant, first_name=first_name, last_name="Test", birth_date=born_years_ago(20)
    )
    started = trajectory_create(actor=consultant, youth=other, registered_on=dt.date(2026, 3, 2), source="uwv")
    milestone_record(
        actor=consultant,
        trajectory=started,
        kind=MilestoneKind.CLOSED,
        date=dt.date(2026, 4, 1),
        reason=ClosingReason.MOVED,
    )
    return other


def _approved(org, admin, team_lead):
    proposed = destruction_propose(org.pk, today=PAST)
    destruction_review(admin, proposed.pk)
    return destruction_approve(team_lead, proposed.pk)


def test_a_file_past_its_date_is_proposed_once(closed, org):
    proposed = destruction_propose(org.pk, today=PAST)
    item = proposed.items.get()
    assert (item.youth_id, item.line, item.keep_until) == (closed.pk, "8.4.1", dt.date(2026, 5, 13))
    # A second night while the list waits for people proposes nothing beside it.
    assert destruction_propose(org.pk, today=PAST) is None


def test_a_file_before_its_date_or_still_running_is_not_proposed(closed, trajectory, org, consultant):
    assert destruction_propose(org.pk, today=dt.date(2026, 5, 13)) is None
    trajectory_create(actor=consultant, youth=closed, registered_on=dt.date(2026, 5, 20), source="uwv")
    assert destruction_propose(org.pk, today=PAST) is None


def test_the_approver_is_a_second_person_and_a_team_lead(closed, org, admin, team_lead, consultant):
    proposed = destruction_propose(org.pk, today=PAST)
    with pytest.raises(PermissionDenied):
        destruction_review(consultant, proposed.pk)
    with pytest.raises(PermissionDenied):
        destruction_approve(admin, proposed.pk)
    with pytest.raises(ValidationError, match="wacht niet op goedkeuring"):
        destruction_approve(team_lead, proposed.pk)  # not reviewed yet
    destruction_review(admin, proposed.pk)
    approved = destruction_approve(team_lead, proposed.pk)
    assert approved.status == DestructionStatus.APPROVED
    assert approved.destroy_after.date() == (approved.decided_at + dt.timedelta(days=14)).date()


def test_another_organisation_cannot_touch_the_list(closed, org, admin, outsider):
    proposed = destruction_propose(org.pk, today=PAST)
    destruction_review(admin, proposed.pk)
    with pytest.raises(type(proposed).DoesNotExist):
        destruction_approve(outsider, proposed.pk)


def test_sent_back_with_a_reason_it_returns_to_the_reviewer(closed, org, admin, team_lead):
    proposed = destruction_propose(org.pk, today=PAST)
    destruction_review(admin, proposed.pk)
    with pytest.raises(ValidationError):
        destruction_send_back(team_lead, proposed.pk, note="  ")
    back = destruction_send_back(team_lead, proposed.pk, note="Kijk nog eens naar de bezwaren.")
    assert (back.status, back.decision_note) == (DestructionStatus.PROPOSED, "Kijk nog eens naar de bezwaren.")


def test_nothing_is_destroyed_before_the_waiting_period_ends(closed, org, admin, team_lead):
    approved = _approved(org, admin, team_lead)
    assert destruction_carry_out(now=approved.destroy_after - dt.timedelta(minutes=1)) == 0
    closed.refresh_from_db()
    assert (closed.first_name, closed.destroyed_on) == ("Sanne", None)


def test_after_the_waiting_period_the_file_is_anonymised_and_the_report_stays(
    closed, org, admin, team_lead, django_capture_on_commit_callbacks
):
    approved = _approved(org, admin, team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        assert destruction_carry_out(now=approved.destroy_after) == 1
    approved.refresh_from_db()
    assert approved.status == DestructionStatus.DONE
    youth = Youth.objects.get(pk=closed.pk)
    assert (youth.first_name, youth.last_name, youth.email, youth.phone) == ("", "", "", "")
    assert youth.birth_date == dt.date(youth.birth_date.year, 1, 1)
    assert youth.destroyed_on is not None
    item = DestructionItem.objects.get(destruction_list=approved)
    assert item.status == ItemStatus.DESTROYED
    # A second run does nothing more.
    assert destruction_carry_out(now=approved.destroy_after) == 0


def test_a_stop_halfway_goes_on_at_the_next_run(org, admin, team_lead, consultant, closed):
    for name in ("Ali", "Bo"):
        _closed_youth(consultant, name)
    approved = _approved(org, admin, team_lead)
    assert approved.items.count() == 3
    assert destruction_carry_out(now=approved.destroy_after, budget_seconds=0) == 0
    assert approved.items.filter(status=ItemStatus.PROPOSED).count() == 3
    assert destruction_carry_out(now=approved.destroy_after) == 3
    assert Youth.objects.filter(destroyed_on__isnull=False).count() == 3


def test_a_file_kept_longer_is_not_destroyed_and_not_proposed_for_a_year(closed, org, admin, team_lead):
    proposed = destruction_propose(org.pk, today=PAST)
    item = proposed.items.get()
    with pytest.raises(ValidationError):
        item_postpone(admin, item.pk, reason="")
    item_postpone(admin, item.pk, reason="Bezwaar loopt nog", today=PAST)
    destruction_review(admin, proposed.pk)
    approved = destruction_approve(team_lead, proposed.pk)
    assert destruction_carry_out(now=approved.destroy_after) == 0
    closed.refresh_from_db()
    assert closed.destroyed_on is None
    assert destruction_propose(org.pk, today=PAST + dt.timedelta(days=364)) is None
    assert destruction_propose(org.pk, today=PAST + dt.timedelta(days=366)) is not None


def test_a_file_that_came_back_into_use_is_left_alone(closed, org, admin, team_lead, consultant):
    approved = _approved(org, admin, team_lead)
    trajectory_create(actor=consultant, youth=closed, registered_on=dt.date(2026, 6, 2), source="uwv")
    assert destruction_carry_out(now=approved.destroy_after) == 1
    item = approved.items.get()
    assert item.status == ItemStatus.POSTPONED
    closed.refresh_from_db()
    assert closed.first_name == "Sanne"


def test_a_stopped_list_is_not_carried_out(closed, org, admin, team_lead):
    approved = _approved(org, admin, team_lead)
    destruction_cancel(admin, approved.pk, note="Archief kijkt eerst mee.")
    assert destruction_carry_out(now=approved.destroy_after) == 0
    closed.refresh_from_db()
    assert closed.destroyed_on is None


def test_the_registry_says_what_the_destruction_does_with_every_linked_model():
    from django.apps import apps

    from koers.privacy.registry import DESTROY_LINKED, NOT_PERSONAL_DATA, REGISTRY

    assert {linked.label for linked in DESTROY_LINKED} == set(NOT_PERSONAL_DATA)
    for entry in REGISTRY:
        names = {field.name for field in entry.model._meta.get_fields()}
        assert set(entry.kept_on_destroy) - {"*"} <= names, entry.model
        assert set(entry.years_on_destroy) <= names, entry.model
    for linked in DESTROY_LINKED:
        names = {field.name for field in apps.get_model(linked.label)._meta.get_fields()}
        assert set(linked.kept_on_destroy) <= names, linked.label
