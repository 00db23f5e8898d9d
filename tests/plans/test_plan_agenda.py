"""The plan on the consultant's agenda: open sub-goals with a date, and the plan evaluation."""

import datetime as dt

import pytest
from django.utils import timezone

from koers.agenda.models import DueItem
from koers.contacts.models import Channel, Purpose
from koers.contacts.services import contact_record
from koers.lib.workdays import add_months
from koers.plans.models import SubGoalOwner, SubGoalStatus
from koers.plans.services import SubGoalInput, plan_save, sub_goal_mark_done
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def save(trajectory, consultant, sub_goals, **fields):
    return plan_save(actor=consultant, trajectory=trajectory, main_goal="Werk vinden", sub_goals=sub_goals, **fields)


def items(trajectory, kind: str) -> list[DueItem]:
    return list(DueItem.objects.filter(trajectory=trajectory, kind=kind))


@pytest.fixture
def plan(trajectory, consultant):
    return save(
        trajectory,
        consultant,
        [
            SubGoalInput(text="Cv sturen naar drie bedrijven", owner=SubGoalOwner.YOUTH, due_on=days(10)),
            SubGoalInput(text="Werkgever bellen", owner=SubGoalOwner.CONSULTANT, due_on=days(20)),
            SubGoalInput(text="Nadenken over een opleiding", owner=SubGoalOwner.YOUTH),
        ],
    )


def test_an_open_sub_goal_with_a_date_is_on_the_agenda_with_its_text(plan, trajectory, consultant):
    found = {item.about: item for item in items(trajectory, "sub_goal")}

    assert set(found) == {"Cv sturen naar drie bedrijven", "Werkgever bellen"}  # not the one without a date
    cv = found["Cv sturen naar drie bedrijven"]
    goal = plan.sub_goals.get(text="Cv sturen naar drie bedrijven")
    assert cv.due == days(10) and cv.ref == f"sub_goal:{goal.pk}" and cv.consultant == consultant


def test_a_sub_goal_ticked_off_leaves_the_agenda(plan, trajectory):
    goal = plan.sub_goals.get(text="Cv sturen naar drie bedrijven")

    sub_goal_mark_done(sub_goal=goal, by_youth=True)

    assert [item.about for item in items(trajectory, "sub_goal")] == ["Werkgever bellen"]


def test_a_sub_goal_marked_done_in_the_plan_form_leaves_the_agenda(plan, trajectory, consultant):
    rows = list(plan.sub_goals.all())
    save(
        trajectory,
        consultant,
        [
            SubGoalInput(
                text=g.text,
                owner=g.owner,
                due_on=g.due_on,
                id=g.pk,
                status=SubGoalStatus.DONE if g.text == "Werkgever bellen" else g.status,
            )
            for g in rows
        ],
    )

    assert [item.about for item in items(trajectory, "sub_goal")] == ["Cv sturen naar drie bedrijven"]


def test_a_stopped_sub_goal_leaves_the_agenda(plan, trajectory, consultant):
    kept = [
        SubGoalInput(text=g.text, owner=g.owner, due_on=g.due_on, id=g.pk)
        for g in plan.sub_goals.all()
        if g.text != "Werkgever bellen"
    ]

    save(trajectory, consultant, kept)

    assert [item.about for item in items(trajectory, "sub_goal")] == ["Cv sturen naar drie bedrijven"]


def test_a_new_date_moves_the_agenda_item(plan, trajectory, consultant):
    save(
        trajectory,
        consultant,
        [
            SubGoalInput(
                text=g.text, owner=g.owner, due_on=days(40) if g.text == "Werkgever bellen" else g.due_on, id=g.pk
            )
            for g in plan.sub_goals.all()
        ],
    )

    (item,) = [i for i in items(trajectory, "sub_goal") if i.about == "Werkgever bellen"]
    assert item.due == days(40)


def test_the_plan_evaluation_is_due_three_months_after_the_plan(plan, trajectory):
    (item,) = items(trajectory, "plan_evaluation")

    assert plan.made_on == today() and plan.evaluation_on == add_months(today(), 3)
    assert item.due == plan.evaluation_on


def test_an_evaluation_date_of_its_own_is_the_due_date(trajectory, consultant):
    save(trajectory, consultant, [SubGoalInput(text="Stap", owner=SubGoalOwner.YOUTH)], evaluation_on=days(45))

    (item,) = items(trajectory, "plan_evaluation")
    assert item.due == days(45)


@pytest.fixture
def plan_made_earlier(trajectory, consultant):
    """A plan made 80 days ago: its evaluation is due in about ten days."""
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days(-90))
    made_on = days(-80)
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.PLAN_CONVERSATION, date=made_on, route="work"
    )
    return save(trajectory, consultant, [SubGoalInput(text="Stap", owner=SubGoalOwner.YOUTH)], made_on=made_on)


def test_a_contact_to_evaluate_the_plan_settles_the_evaluation(plan_made_earlier, trajectory, consultant):
    assert [item.due for item in items(trajectory, "plan_evaluation")] == [add_months(days(-80), 3)]

    contact_record(
        actor=consultant, trajectory=trajectory, date=today(), channel=Channel.OFFICE, purpose=Purpose.PLAN_EVALUATION
    )

    assert items(trajectory, "plan_evaluation") == []


def test_a_contact_with_another_purpose_does_not_settle_the_evaluation(plan_made_earlier, trajectory, consultant):
    contact_record(
        actor=consultant, trajectory=trajectory, date=today(), channel=Channel.OFFICE, purpose=Purpose.STATUS_CHECK
    )

    assert len(items(trajectory, "plan_evaluation")) == 1


def test_an_evaluation_long_before_its_date_does_not_settle_it(plan_made_earlier, trajectory, consultant):
    contact_record(
        actor=consultant, trajectory=trajectory, date=days(-70), channel=Channel.OFFICE, purpose=Purpose.PLAN_EVALUATION
    )

    assert len(items(trajectory, "plan_evaluation")) == 1


def test_the_plan_and_its_evaluation_survive_recording_the_plan_conversation(plan, trajectory, consultant):
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days(-30))
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.PLAN_CONVERSATION, date=days(-1), route="work"
    )

    assert [item.due for item in items(trajectory, "plan_evaluation")] == [plan.evaluation_on]
    assert len(items(trajectory, "sub_goal")) == 2


def test_after_outflow_the_evaluation_is_no_longer_asked(plan_made_earlier, trajectory, consultant):
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.OUTFLOW, date=today(), destination="work"
    )

    assert items(trajectory, "plan_evaluation") == []
