import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError

from koers.agenda.models import DueItem
from koers.contacts.services import contact_record
from koers.trajectories.models import ConsultantAssignment, Milestone, Phase
from koers.trajectories.services import (
    milestone_record,
    milestone_withdraw,
    trajectory_create,
    youth_create,
    youth_hand_over,
)

D = dt.date


def _record(actor, trajectory, kind, date, **values):
    return milestone_record(actor=actor, trajectory=trajectory, kind=kind, date=date, **values)


TOO_YOUNG = "De jongere moet minstens 17 jaar en 9 maanden oud zijn."
TOO_OLD = "Koers is voor jongeren tot en met 27 jaar."


@pytest.mark.parametrize(
    ("birth_date", "refusal"),
    [(D(2009, 2, 22), None), (D(2009, 2, 23), TOO_YOUNG), (D(1998, 11, 23), None), (D(1998, 11, 22), TOO_OLD)],
)
def test_age_limits_17_years_9_months_to_27(consultant, birth_date, refusal):
    # On 22 Nov 2026: 17 years and 9 months old from 22 Feb 2009; 28 on 22 Nov 1998.
    with time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC), tick=False):
        if refusal is None:
            youth_create(actor=consultant, consultant=consultant, first_name="A", last_name="B", birth_date=birth_date)
        else:
            with pytest.raises(ValidationError, match=refusal) as error:
                youth_create(
                    actor=consultant, consultant=consultant, first_name="A", last_name="B", birth_date=birth_date
                )
            assert error.value.message_dict == {"birth_date": [refusal]}


def test_every_impossible_order_is_refused_and_nothing_is_saved(consultant, trajectory):
    cases = [
        ("plan_conversation", D(2026, 3, 10), {"route": "work"}, "kind", "2e gesprek (plan) kan pas na 1e gesprek."),
        ("outflow", D(2026, 3, 10), {"destination": "work"}, "kind", "Uitstroom kan pas na 1e gesprek."),
        ("aftercare_extension", D(2026, 3, 10), {}, "kind", "Nazorg verlengd kan pas na uitstroom."),
        ("invitation", D(2026, 3, 1), {}, "date", "uitnodiging 1e gesprek ligt vóór melding (2 maart 2026)."),
        ("registration", D(2026, 3, 2), {"source": "uwv"}, "kind", "De melding is al vastgelegd."),
    ]
    for kind, date, values, field, message in cases:
        with pytest.raises(ValidationError, match=re.escape(message)) as error:
            _record(consultant, trajectory, kind, date, **values)
        assert field in error.value.error_dict, kind
    assert Milestone.objects.filter(trajectory=trajectory).count() == 1


def test_closing_before_the_last_milestone_is_refused(consultant, trajectory):
    _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    with pytest.raises(ValidationError, match="laatste mijlpaal"):
        _record(consultant, trajectory, "closed", D(2026, 3, 4), reason="stopped")


def test_withdrawing_a_milestone_that_others_build_on_is_refused(consultant, trajectory):
    first = _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    _record(consultant, trajectory, "plan_conversation", D(2026, 4, 2), route="work")
    with pytest.raises(ValidationError, match=re.escape("2e gesprek (plan) kan pas na 1e gesprek.")):
        milestone_withdraw(actor=consultant, milestone=first, note="Vergissing")


def test_correcting_the_closure_reopens_the_trajectory(consultant, trajectory):
    closed = _record(consultant, trajectory, "closed", D(2026, 3, 4), reason="moved")
    milestone_withdraw(actor=consultant, milestone=closed, note="Verhuizing ging niet door")
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.REGISTRATION
    _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.SEARCH_PERIOD
    # The history keeps all three rows of the closure: recorded, withdrawn; plus the new one.
    assert list(trajectory.milestones.values_list("kind", "withdrawn")) == [
        ("registration", False),
        ("closed", False),
        ("closed", True),
        ("first_conversation", False),
    ]


def test_a_new_trajectory_can_start_after_closure(consultant, trajectory):
    _record(consultant, trajectory, "closed", D(2026, 3, 4), reason="stopped")
    again = trajectory_create(actor=consultant, youth=trajectory.youth, registered_on=D(2026, 6, 1), source="self")
    assert again.phase == Phase.REGISTRATION


def test_hand_over_records_the_change_and_asks_for_an_introduction(consultant, colleague, trajectory):
    _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    youth_hand_over(
        actor=consultant,
        youth=trajectory.youth,
        consultant=colleague,
        note="Warme overdracht",
        youth_informed=True,
        on=D(2026, 4, 20),
    )
    assignment = ConsultantAssignment.objects.get(previous_consultant=consultant)
    assert assignment.consultant == colleague
    item = DueItem.objects.get(trajectory=trajectory, kind="handover_introduction")
    # 10 working days after Monday 20 April 2026, skipping Koningsdag (27 April) and 5 May.
    assert item.due == D(2026, 5, 6) and item.consultant == colleague
    # The old consultant's contact does not count; the new consultant's does.
    contact_record(actor=consultant, trajectory=trajectory, date=D(2026, 4, 21), channel="phone")
    assert DueItem.objects.filter(trajectory=trajectory, kind="handover_introduction").exists()
    contact_record(actor=colleague, trajectory=trajectory, date=D(2026, 4, 22), channel="office")
    assert not DueItem.objects.filter(trajectory=trajectory, kind="handover_introduction").exists()
    assert set(DueItem.objects.filter(trajectory=trajectory).values_list("consultant", flat=True)) == {colleague.pk}


def test_hand_over_to_someone_of_another_organisation_is_refused(consultant, outsider, youth):
    with pytest.raises(ValidationError, match="Kies een consulent van uw eigen organisatie"):
        youth_hand_over(
            actor=consultant, youth=youth, consultant=outsider, note="Warme overdracht", youth_informed=True
        )
    youth.refresh_from_db()
    assert youth.consultant == consultant


def test_stored_agenda_matches_the_rules_after_each_change(consultant, trajectory):
    _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    kinds = set(DueItem.objects.filter(trajectory=trajectory).values_list("kind", flat=True))
    assert {"second_conversation", "continue_application", "contact_norm"} <= kinds
    _record(consultant, trajectory, "plan_conversation", D(2026, 4, 2), route="care")
    _record(consultant, trajectory, "outflow", D(2026, 6, 30), destination="school")
    kinds = list(DueItem.objects.filter(trajectory=trajectory).values_list("kind", "due"))
    assert ("aftercare_check_in", D(2026, 7, 30)) in kinds
    assert ("aftercare_end_preparation", D(2026, 9, 16)) in kinds  # 30 Sep minus 14 days
    assert ("aftercare_follow_up", D(2027, 3, 30)) in kinds
    assert not any(kind in {"second_conversation", "contact_norm"} for kind, _ in kinds)


def test_a_conflict_is_told_from_the_point_of_view_of_the_new_milestone(consultant, trajectory):
    _record(consultant, trajectory, "first_conversation", D(2026, 3, 5))
    with pytest.raises(ValidationError, match="ligt na 1e gesprek") as error:
        _record(consultant, trajectory, "invitation", D(2026, 3, 6))
    assert error.value.error_dict["date"][0].messages == [
        "De datum van uitnodiging 1e gesprek ligt na 1e gesprek (5 maart 2026)."
    ]


def test_an_earlier_trajectory_cannot_change_once_a_new_one_runs(consultant, trajectory):
    from koers.contacts.services import appointment_create, appointment_set_status

    appointment = appointment_create(actor=consultant, trajectory=trajectory, date=D(2026, 3, 3))
    _record(consultant, trajectory, "closed", D(2026, 3, 4), reason="stopped")
    trajectory_create(actor=consultant, youth=trajectory.youth, registered_on=D(2026, 6, 1), source="self")
    with pytest.raises(ValidationError, match="eerder traject"):
        appointment_set_status(actor=consultant, appointment=appointment, status="no_show")
    with pytest.raises(ValidationError, match="eerder traject"):
        contact_record(actor=consultant, trajectory=trajectory, date=D(2026, 6, 2), channel="phone")
