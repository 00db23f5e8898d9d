"""The plan's agenda rules (koers.lib.due_rules: kinds "sub_goal" and "plan_evaluation"), without
Django. The plan is made at the plan conversation of 31 March 2026; dates worked out by hand."""

from datetime import date

from koers.lib.due_rules import ContactFact, PlanFact, SubGoalFact, all_items, facts_as_of, open_items
from tests.lib.due_facts import OUTFLOW, flowed_out, kinds, started, the

MADE = date(2026, 3, 31)
EVALUATION = date(2026, 6, 30)  # three months later
PLAN = PlanFact(made_on=MADE, evaluation_on=EVALUATION)


def planned(**kwargs):
    return started(plan_conversation_on=MADE, plan=PLAN, **kwargs)


def goal(id=7, due_on=date(2026, 4, 20), done_on=None, created_on=MADE):
    return SubGoalFact(id=id, due_on=due_on, done_on=done_on, created_on=created_on)


def evaluation_contact(on: date, purpose: str = "plan_evaluation") -> ContactFact:
    return ContactFact(on, "office", purpose)


# sub_goal


def test_an_open_sub_goal_with_a_date_is_due_on_that_date():
    item = the(all_items(planned(sub_goals=(goal(),))), "sub_goal")

    assert (item.due, item.starts, item.ref, item.done_on) == (date(2026, 4, 20), MADE, "sub_goal:7", None)


def test_a_sub_goal_without_a_date_is_no_item():
    assert "sub_goal" not in kinds(all_items(planned(sub_goals=(goal(due_on=None),))))


def test_a_done_sub_goal_is_done_on_its_day():
    item = the(all_items(planned(sub_goals=(goal(done_on=date(2026, 4, 18)),))), "sub_goal")

    assert item.done_on == date(2026, 4, 18)
    assert "sub_goal" not in kinds(open_items(planned(sub_goals=(goal(done_on=date(2026, 4, 18)),)), date(2026, 4, 19)))


def test_each_sub_goal_is_its_own_item():
    facts = planned(sub_goals=(goal(id=1), goal(id=2, due_on=date(2026, 5, 1))))

    refs = [i.ref for i in all_items(facts) if i.kind == "sub_goal"]
    assert refs == ["sub_goal:1", "sub_goal:2"]


def test_a_sub_goal_done_late_was_overdue_in_between():
    item = the(all_items(planned(sub_goals=(goal(done_on=date(2026, 4, 25)),))), "sub_goal")

    assert not item.overdue_on(date(2026, 4, 20))  # due today is not overdue yet
    assert item.overdue_on(date(2026, 4, 21))
    assert not item.overdue_on(date(2026, 4, 25))


def test_a_sub_goal_added_later_did_not_exist_before():
    facts = planned(sub_goals=(goal(created_on=date(2026, 4, 10)),))

    assert "sub_goal" not in kinds(open_items(facts, date(2026, 4, 9)))
    assert "sub_goal" in kinds(open_items(facts, date(2026, 4, 10)))


def test_as_of_a_day_before_it_was_ticked_the_sub_goal_is_open():
    facts = planned(sub_goals=(goal(done_on=date(2026, 4, 18)),))

    assert "sub_goal" in kinds(open_items(facts, date(2026, 4, 17)))


def test_an_open_sub_goal_stays_after_outflow():
    # The consultant follows the youth's own steps up in aftercare too.
    facts = flowed_out(plan=PLAN, sub_goals=(goal(due_on=date(2026, 7, 1)),))

    assert "sub_goal" in kinds(open_items(facts, date(2026, 7, 2)))


# plan_evaluation


def test_the_evaluation_is_due_on_the_evaluation_date():
    item = the(all_items(planned()), "plan_evaluation")

    assert (item.due, item.starts, item.done_on) == (EVALUATION, MADE, None)
    assert item.ref == "plan_evaluation:2026-06-30"


def test_no_plan_no_evaluation():
    assert "plan_evaluation" not in kinds(all_items(started(plan_conversation_on=MADE)))


def test_a_contact_to_evaluate_from_a_month_before_settles_it():
    facts = planned(contacts=(evaluation_contact(date(2026, 5, 31)),))

    assert the(all_items(facts), "plan_evaluation").done_on == date(2026, 5, 31)


def test_an_evaluation_more_than_a_month_early_does_not_count():
    facts = planned(contacts=(evaluation_contact(date(2026, 5, 30)),))

    assert the(all_items(facts), "plan_evaluation").done_on is None


def test_an_evaluation_after_the_date_settles_it_late():
    facts = planned(contacts=(evaluation_contact(date(2026, 7, 7)),))

    item = the(all_items(facts), "plan_evaluation")
    assert item.done_on == date(2026, 7, 7) and item.overdue_on(date(2026, 7, 6))


def test_a_contact_with_another_purpose_does_not_evaluate_the_plan():
    facts = planned(contacts=(evaluation_contact(date(2026, 6, 25), purpose="status_check"),))

    assert the(all_items(facts), "plan_evaluation").done_on is None


def test_the_earliest_evaluation_contact_counts():
    facts = planned(contacts=(evaluation_contact(date(2026, 6, 28)), evaluation_contact(date(2026, 6, 10))))

    assert the(all_items(facts), "plan_evaluation").done_on == date(2026, 6, 10)


def test_for_a_short_plan_the_window_starts_the_day_after_the_plan():
    # Evaluation two weeks after the plan: "a month before" would reach back before the plan itself.
    short = PlanFact(made_on=MADE, evaluation_on=date(2026, 4, 14))
    on_the_day = started(plan_conversation_on=MADE, plan=short, contacts=(evaluation_contact(MADE),))
    next_day = started(plan_conversation_on=MADE, plan=short, contacts=(evaluation_contact(date(2026, 4, 1)),))

    assert the(all_items(on_the_day), "plan_evaluation").done_on is None
    assert the(all_items(next_day), "plan_evaluation").done_on == date(2026, 4, 1)


def test_a_new_evaluation_date_is_a_new_item():
    later = PlanFact(made_on=MADE, evaluation_on=date(2026, 8, 31))

    item = the(all_items(started(plan_conversation_on=MADE, plan=later)), "plan_evaluation")
    assert (item.due, item.ref) == (date(2026, 8, 31), "plan_evaluation:2026-08-31")


def test_at_outflow_an_open_evaluation_is_dropped():
    facts = flowed_out(plan=PLAN)  # outflow 15 June, before the evaluation date

    assert "plan_evaluation" not in kinds(all_items(facts))


def test_an_evaluation_done_before_outflow_stays_in_the_history():
    facts = flowed_out(plan=PLAN, contacts=(evaluation_contact(date(2026, 6, 1)),))

    assert the(all_items(facts), "plan_evaluation").done_on == date(2026, 6, 1) < OUTFLOW


def test_after_closure_an_open_evaluation_is_gone():
    facts = planned(closed_on=date(2026, 5, 1), closed_reason="moved")

    assert "plan_evaluation" not in kinds(all_items(facts))


def test_before_the_plan_was_made_there_is_no_evaluation():
    assert "plan_evaluation" not in kinds(all_items(facts_as_of(planned(), date(2026, 3, 30))))
    assert "plan_evaluation" in kinds(all_items(facts_as_of(planned(), MADE)))
