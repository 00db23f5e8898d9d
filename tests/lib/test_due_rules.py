"""The agenda rules (koers.lib.due_rules), without Django. Dates are worked out by hand.

The running example: registered Monday 2026-02-16, first conversation Thursday 2026-03-05, so the
search period ends Thursday 2026-04-02 (just before Easter 2026: Goede Vrijdag 3 April, 2e Paasdag
6 April).
"""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.lib.due_rules import (
    DUE_KINDS,
    AgreementFact,
    AppointmentFact,
    ContactFact,
    DueItem,
    HandoverFact,
    TrajectoryFacts,
    aftercare_end,
    all_items,
    facts_as_of,
    open_items,
)

REGISTERED = date(2026, 2, 16)
FIRST = date(2026, 3, 5)  # Thursday
OUTFLOW = date(2026, 6, 15)  # Monday


def trajectory(**kwargs) -> TrajectoryFacts:
    return TrajectoryFacts(registered_on=REGISTERED, **kwargs)


def started(**kwargs) -> TrajectoryFacts:
    return trajectory(first_conversation_on=FIRST, **kwargs)


def flowed_out(**kwargs) -> TrajectoryFacts:
    return started(plan_conversation_on=date(2026, 3, 31), outflow_on=OUTFLOW, **kwargs)


def agreement(id=3, due_on=date(2026, 4, 1), done_on=None, owner="youth", created_on=FIRST):
    return AgreementFact(id=id, due_on=due_on, done_on=done_on, owner=owner, created_on=created_on)


def the(items: list[DueItem], kind: str, ref: str | None = None) -> DueItem:
    """The one item of `kind` (and `ref`) among `items`."""
    found = [i for i in items if i.kind == kind and (ref is None or i.ref == ref)]
    assert len(found) == 1, found
    return found[0]


def kinds(items: list[DueItem]) -> set[str]:
    return {i.kind for i in items}


# second_conversation


def test_second_conversation_is_due_four_weeks_after_the_first():
    item = the(all_items(started()), "second_conversation")
    assert (item.due, item.starts, item.done_on) == (date(2026, 4, 2), FIRST, None)


def test_second_conversation_is_done_by_the_plan_conversation():
    facts = started(plan_conversation_on=date(2026, 3, 31))
    assert the(all_items(facts), "second_conversation").done_on == date(2026, 3, 31)


def test_second_conversation_is_not_done_by_a_contact():
    facts = started(contacts=(ContactFact(date(2026, 3, 31), "office"),))
    assert the(all_items(facts), "second_conversation").done_on is None


# continue_application


def test_continue_application_is_due_on_the_5th_working_day_after_the_search_period():
    # Search period ends Thu 2 April; Fri 3 (Goede Vrijdag), the weekend and Mon 6 (2e Paasdag)
    # do not count: 7, 8, 9, 10, 13 April.
    item = the(all_items(started()), "continue_application")
    assert (item.due, item.starts, item.done_on) == (date(2026, 4, 13), FIRST, None)


def test_continue_application_is_done_by_the_earliest_reminder():
    reminders = (
        ContactFact(date(2026, 4, 1), "message", "continue_application"),
        ContactFact(date(2026, 3, 20), "phone", "continue_application"),
    )
    item = the(all_items(started(contacts=reminders)), "continue_application")
    assert item.done_on == date(2026, 3, 20)


def test_continue_application_is_not_done_by_another_contact_or_one_on_the_first_day():
    contacts = (
        ContactFact(date(2026, 3, 20), "office", "plan"),
        ContactFact(FIRST, "office", "continue_application"),  # must be after the first conversation
    )
    assert the(all_items(started(contacts=contacts)), "continue_application").done_on is None


# no_show_follow_up


def test_no_show_follow_up_is_due_two_working_days_after_the_appointment():
    facts = started(appointments=(AppointmentFact(5, date(2026, 3, 13), "no_show"),))  # Friday
    item = the(all_items(facts), "no_show_follow_up")
    assert (item.due, item.starts, item.ref) == (
        date(2026, 3, 17),
        date(2026, 3, 13),
        "appointment:5",
    )
    assert item.done_on is None


def test_no_show_follow_up_skips_easter():
    facts = started(appointments=(AppointmentFact(6, date(2026, 4, 2), "no_show"),))
    assert the(all_items(facts), "no_show_follow_up").due == date(2026, 4, 8)


def test_no_show_follow_up_is_done_by_any_contact_from_the_appointment_day_on():
    contacts = (ContactFact(date(2026, 3, 12), "office"), ContactFact(date(2026, 3, 13), "message"))
    facts = started(appointments=(AppointmentFact(5, date(2026, 3, 13), "no_show"),), contacts=contacts)
    assert the(all_items(facts), "no_show_follow_up").done_on == date(2026, 3, 13)


def test_no_show_follow_up_is_not_done_by_an_earlier_contact():
    facts = started(
        appointments=(AppointmentFact(5, date(2026, 3, 13), "no_show"),),
        contacts=(ContactFact(date(2026, 3, 12), "office"),),
    )
    assert the(all_items(facts), "no_show_follow_up").done_on is None


@pytest.mark.parametrize("status", ["planned", "held", "cancelled"])
def test_only_a_no_show_needs_following_up(status):
    facts = started(appointments=(AppointmentFact(5, date(2026, 3, 13), status),))
    assert "no_show_follow_up" not in kinds(all_items(facts))


# contact_norm


def test_contact_norm_is_due_30_days_after_the_first_conversation():
    item = the(all_items(started()), "contact_norm")
    assert (item.due, item.starts, item.done_on) == (date(2026, 4, 4), FIRST, None)


@pytest.mark.parametrize("channel", ["office", "home_visit", "walk", "phone", "video"])
def test_contact_norm_moves_with_a_substantive_contact(channel):
    facts = started(contacts=(ContactFact(date(2026, 3, 20), channel),))
    item = the(all_items(facts), "contact_norm")
    assert (item.due, item.done_on) == (date(2026, 4, 19), None)


@pytest.mark.parametrize("channel", ["message", "mail"])
def test_contact_norm_does_not_move_with_a_message_or_mail(channel):
    facts = started(contacts=(ContactFact(date(2026, 3, 20), channel),))
    assert the(all_items(facts), "contact_norm").due == date(2026, 4, 4)


def test_contact_norm_counts_from_the_plan_conversation():
    facts = started(plan_conversation_on=date(2026, 3, 31))
    assert the(all_items(facts), "contact_norm").due == date(2026, 4, 30)


@pytest.mark.parametrize("channel", ["phone", "video", "message", "mail"])
def test_face_to_face_norm_is_not_reset_by_a_remote_contact(channel):
    facts = started(face_to_face_norm=True, contacts=(ContactFact(date(2026, 3, 20), channel),))
    assert the(all_items(facts), "contact_norm").due == date(2026, 4, 4)


@pytest.mark.parametrize("channel", ["office", "home_visit", "walk"])
def test_face_to_face_norm_is_reset_by_an_in_person_contact(channel):
    contacts = (ContactFact(date(2026, 3, 20), channel), ContactFact(date(2026, 3, 27), "phone"))
    facts = started(face_to_face_norm=True, contacts=contacts)
    assert the(all_items(facts), "contact_norm").due == date(2026, 4, 19)


def test_contact_norm_is_90_days_for_care_with_treatment_elsewhere():
    facts = started(route="care", treatment_elsewhere=True)
    assert the(all_items(facts), "contact_norm").due == date(2026, 6, 3)


@pytest.mark.parametrize("route, elsewhere", [("care", False), ("work", True), (None, True)])
def test_contact_norm_is_30_days_otherwise(route, elsewhere):
    facts = started(route=route, treatment_elsewhere=elsewhere)
    assert the(all_items(facts), "contact_norm").due == date(2026, 4, 4)


def test_the_youths_own_interval_overrides_the_defaults():
    assert the(all_items(started(contact_interval_days=60)), "contact_norm").due == date(2026, 5, 4)
    facts = started(route="care", treatment_elsewhere=True, contact_interval_days=14)
    assert the(all_items(facts), "contact_norm").due == date(2026, 3, 19)


# agreement


@pytest.mark.parametrize("owner", ["youth", "consultant"])
def test_agreement_with_a_due_date_is_an_item(owner):
    facts = started(agreements=(agreement(owner=owner),))
    item = the(all_items(facts), "agreement")
    assert (item.due, item.starts, item.ref, item.done_on) == (
        date(2026, 4, 1),
        FIRST,
        "agreement:3",
        None,
    )


def test_agreement_is_done_when_marked_done():
    facts = started(agreements=(agreement(done_on=date(2026, 3, 28)),))
    assert the(all_items(facts), "agreement").done_on == date(2026, 3, 28)


def test_agreement_is_not_done_by_a_contact():
    facts = started(agreements=(agreement(),), contacts=(ContactFact(date(2026, 3, 28), "office"),))
    assert the(all_items(facts), "agreement").done_on is None


def test_agreement_without_a_due_date_is_no_item():
    assert "agreement" not in kinds(all_items(started(agreements=(agreement(due_on=None),))))


# aftercare


@pytest.mark.parametrize("extensions, end", [(0, date(2026, 9, 15)), (1, date(2026, 12, 15)), (2, date(2027, 3, 15))])
def test_aftercare_end(extensions, end):
    assert aftercare_end(OUTFLOW, extensions) == end


def test_aftercare_end_clamps_the_day():
    assert aftercare_end(date(2025, 11, 30), 0) == date(2026, 2, 28)


@pytest.mark.parametrize(
    "extensions, check_ins, preparation, follow_up",
    [
        ((), 3, date(2026, 9, 1), date(2027, 3, 15)),
        ((date(2026, 9, 1),), 6, date(2026, 12, 1), date(2027, 6, 15)),
        ((date(2026, 9, 1), date(2026, 12, 1)), 9, date(2027, 3, 1), date(2027, 9, 15)),
    ],
)
def test_aftercare_items(extensions, check_ins, preparation, follow_up):
    items = all_items(flowed_out(aftercare_extensions=extensions))
    checks = [i for i in items if i.kind == "aftercare_check_in"]
    assert [i.due for i in checks] == [
        date(2026 + (5 + k) // 12, (5 + k) % 12 + 1, 15) for k in range(1, check_ins + 1)
    ]
    assert [i.ref for i in checks] == [f"check_in:{k}" for k in range(1, check_ins + 1)]
    assert all(i.starts == OUTFLOW and i.done_on is None for i in checks)
    assert the(items, "aftercare_end_preparation").due == preparation
    assert the(items, "aftercare_follow_up").due == follow_up


def test_aftercare_check_ins_for_no_extension_exactly():
    checks = [i.due for i in all_items(flowed_out()) if i.kind == "aftercare_check_in"]
    assert checks == [date(2026, 7, 15), date(2026, 8, 15), date(2026, 9, 15)]


def test_check_ins_match_contacts_greedily_earliest_first():
    contacts = tuple(ContactFact(d, "message") for d in (date(2026, 6, 20), date(2026, 6, 25), date(2026, 8, 20)))
    checks = [i for i in all_items(flowed_out(contacts=contacts)) if i.kind == "aftercare_check_in"]
    # 20 June settles the first; 25 June is not after 15 July; 20 August settles the second and
    # is used up, so the third stays open.
    assert [i.done_on for i in checks] == [date(2026, 6, 20), date(2026, 8, 20), None]


def test_one_late_contact_settles_only_one_check_in():
    contacts = (ContactFact(date(2026, 8, 20), "phone"),)
    checks = [i for i in all_items(flowed_out(contacts=contacts)) if i.kind == "aftercare_check_in"]
    assert [i.done_on for i in checks] == [date(2026, 8, 20), None, None]


def test_a_contact_on_the_outflow_day_is_no_check_in():
    contacts = (ContactFact(OUTFLOW, "office"),)
    checks = [i for i in all_items(flowed_out(contacts=contacts)) if i.kind == "aftercare_check_in"]
    assert [i.done_on for i in checks] == [None, None, None]


def test_aftercare_end_preparation_is_done_from_one_month_before_the_end():
    def done_on(*contacts):
        return the(all_items(flowed_out(contacts=contacts)), "aftercare_end_preparation").done_on

    assert done_on(ContactFact(date(2026, 8, 14), "office", "prepare_aftercare_end")) is None
    assert done_on(ContactFact(date(2026, 8, 20), "office", "check_in")) is None
    prepared = ContactFact(date(2026, 8, 15), "office", "prepare_aftercare_end")
    assert done_on(prepared) == date(2026, 8, 15)


def test_aftercare_follow_up_is_done_by_a_follow_up_after_the_end():
    def done_on(*contacts):
        return the(all_items(flowed_out(contacts=contacts)), "aftercare_follow_up").done_on

    assert done_on(ContactFact(date(2026, 9, 15), "message", "aftercare_follow_up")) is None
    assert done_on(ContactFact(date(2027, 3, 10), "message", "check_in")) is None
    follow_up = ContactFact(date(2027, 3, 10), "message", "aftercare_follow_up")
    assert done_on(follow_up) == date(2027, 3, 10)


def test_aftercare_months_count_from_the_outflow_date_at_a_month_end():
    # Outflow 31 Aug: aftercare ends 30 Nov; months are counted from 31 Aug itself, so the
    # preparation window opens 31 Oct and the follow-up is due 31 May (not 30 May).
    u = date(2025, 8, 31)
    facts = trajectory(
        first_conversation_on=date(2025, 3, 3),
        outflow_on=u,
        contacts=(ContactFact(date(2025, 10, 30), "office", "prepare_aftercare_end"),),
    )
    items = all_items(facts)
    checks = [i.due for i in items if i.kind == "aftercare_check_in"]
    assert checks == [date(2025, 9, 30), date(2025, 10, 31), date(2025, 11, 30)]
    preparation = the(items, "aftercare_end_preparation")
    assert (preparation.due, preparation.done_on) == (date(2025, 11, 16), None)
    assert the(items, "aftercare_follow_up").due == date(2026, 5, 31)
    late = replace(facts, contacts=(ContactFact(date(2025, 10, 31), "office", "prepare_aftercare_end"),))
    assert the(all_items(late), "aftercare_end_preparation").done_on == date(2025, 10, 31)


# handover_introduction


def test_handover_introduction_is_due_ten_working_days_after_the_change():
    facts = started(handovers=(HandoverFact(date(2026, 3, 2), 7),))
    item = the(all_items(facts), "handover_introduction")
    assert (item.due, item.starts, item.ref, item.done_on) == (
        date(2026, 3, 16),
        date(2026, 3, 2),
        "handover:2026-03-02",
        None,
    )


def test_handover_introduction_skips_easter():
    facts = started(handovers=(HandoverFact(date(2026, 3, 30), 7),))
    assert the(all_items(facts), "handover_introduction").due == date(2026, 4, 15)


def test_handover_introduction_is_done_only_by_the_new_consultant():
    contacts = (
        ContactFact(date(2026, 3, 1), "office", consultant_id=7),  # before the hand-over
        ContactFact(date(2026, 3, 4), "office", consultant_id=3),  # the old consultant
        ContactFact(date(2026, 3, 5), "message", consultant_id=None),
    )
    facts = started(handovers=(HandoverFact(date(2026, 3, 2), 7),), contacts=contacts)
    assert the(all_items(facts), "handover_introduction").done_on is None
    introduced = replace(facts, contacts=(*contacts, ContactFact(date(2026, 3, 9), "phone", "", 7)))
    assert the(all_items(introduced), "handover_introduction").done_on == date(2026, 3, 9)


def test_handover_introduction_on_the_day_itself_counts():
    facts = started(
        handovers=(HandoverFact(date(2026, 3, 2), 7),),
        contacts=(ContactFact(date(2026, 3, 2), "office", consultant_id=7),),
    )
    assert the(all_items(facts), "handover_introduction").done_on == date(2026, 3, 2)


def test_handover_to_nobody_is_no_item():
    facts = started(handovers=(HandoverFact(date(2026, 3, 2), None),))
    assert "handover_introduction" not in kinds(all_items(facts))


def test_handover_during_aftercare_is_an_item():
    facts = flowed_out(handovers=(HandoverFact(date(2026, 7, 1), 7),))
    assert the(all_items(facts), "handover_introduction").due == date(2026, 7, 15)


# without a first conversation


def test_no_items_without_a_first_conversation_but_the_exceptions():
    facts = trajectory(
        plan_conversation_on=date(2026, 3, 31),
        appointments=(AppointmentFact(1, date(2026, 2, 23), "no_show"),),  # the invitation
        agreements=(agreement(created_on=date(2026, 2, 16)),),
        handovers=(HandoverFact(date(2026, 2, 20), 7),),
    )
    assert kinds(all_items(facts)) == {"no_show_follow_up", "agreement", "handover_introduction"}
    assert all_items(trajectory()) == []


def test_no_aftercare_without_a_first_conversation():
    assert all_items(trajectory(outflow_on=OUTFLOW)) == []


# ending


def test_outflow_ends_the_earlier_phases():
    facts = started(
        outflow_on=OUTFLOW,
        appointments=(
            AppointmentFact(1, date(2026, 5, 4), "no_show"),
            AppointmentFact(2, date(2026, 7, 1), "no_show"),  # during aftercare: still applies
        ),
    )
    items = all_items(facts)
    assert not kinds(items) & {"second_conversation", "continue_application", "contact_norm"}
    assert the(items, "no_show_follow_up").ref == "appointment:2"
    assert the(items, "no_show_follow_up").due == date(2026, 7, 3)


def test_items_done_before_outflow_stay_as_history():
    items = all_items(flowed_out())
    assert the(items, "second_conversation").done_on == date(2026, 3, 31)
    assert "second_conversation" not in kinds(open_items(flowed_out(), date(2026, 7, 1)))


def test_closure_after_outflow_leaves_only_the_follow_up_open():
    facts = flowed_out(
        closed_on=date(2026, 8, 1),
        closed_reason="work",
        contacts=(ContactFact(date(2026, 6, 20), "phone"),),
        agreements=(agreement(id=3, due_on=date(2026, 9, 1)), agreement(id=4, done_on=FIRST)),
    )
    items = all_items(facts)
    assert [i for i in items if i.done_on is None] == [the(items, "aftercare_follow_up")]
    assert the(items, "aftercare_follow_up").due == date(2027, 3, 15)
    assert the(items, "aftercare_check_in").ref == "check_in:1"  # done before closure: kept
    assert the(items, "agreement").ref == "agreement:4"
    assert open_items(facts, date(2027, 4, 1)) == [the(items, "aftercare_follow_up")]


def test_the_follow_up_is_done_after_closure():
    facts = flowed_out(
        closed_on=date(2026, 8, 1),
        contacts=(ContactFact(date(2027, 3, 20), "message", "aftercare_follow_up"),),
    )
    assert the(all_items(facts), "aftercare_follow_up").done_on == date(2027, 3, 20)
    assert open_items(facts, date(2027, 3, 20)) == []


def test_an_extension_after_closure_does_not_count():
    facts = flowed_out(closed_on=date(2026, 8, 1), aftercare_extensions=(date(2026, 9, 1),))
    assert the(all_items(facts), "aftercare_follow_up").due == date(2027, 3, 15)


def test_closure_without_outflow_leaves_nothing_open():
    closed = date(2026, 4, 20)
    facts = started(
        closed_on=closed,
        closed_reason="moved",
        agreements=(agreement(), agreement(id=9, created_on=date(2026, 5, 1))),
        appointments=(AppointmentFact(8, date(2026, 5, 4), "no_show"),),
        handovers=(HandoverFact(date(2026, 5, 4), 7),),
    )
    assert all_items(facts) == []
    assert open_items(facts, date(2026, 6, 1)) == []
    assert kinds(open_items(facts, date(2026, 4, 19))) == {
        "second_conversation",
        "continue_application",
        "contact_norm",
        "agreement",
    }


# as of a date


def test_a_contact_after_the_date_does_not_count():
    facts = started(contacts=(ContactFact(date(2026, 3, 20), "phone", "continue_application"),))
    assert "continue_application" in kinds(open_items(facts, date(2026, 3, 19)))
    assert the(open_items(facts, date(2026, 3, 19)), "contact_norm").due == date(2026, 4, 4)
    assert "continue_application" not in kinds(open_items(facts, date(2026, 3, 20)))
    assert the(open_items(facts, date(2026, 3, 20)), "contact_norm").due == date(2026, 4, 19)


def test_a_milestone_after_the_date_is_ignored():
    facts = flowed_out()
    assert "second_conversation" in kinds(open_items(facts, date(2026, 3, 30)))
    assert "second_conversation" not in kinds(open_items(facts, date(2026, 3, 31)))
    before = open_items(facts, date(2026, 6, 14))
    assert "contact_norm" in kinds(before)
    assert not kinds(before) & {"aftercare_check_in", "aftercare_follow_up"}
    after = open_items(facts, OUTFLOW)
    assert "contact_norm" not in kinds(after)
    assert len([i for i in after if i.kind == "aftercare_check_in"]) == 3


def test_nothing_is_open_before_the_first_conversation():
    assert open_items(started(), date(2026, 3, 4)) == []


def test_an_agreement_done_after_the_date_is_open_and_overdue_on_it():
    facts = started(agreements=(agreement(done_on=date(2026, 4, 5)),))
    item = the(open_items(facts, date(2026, 4, 3)), "agreement")
    assert item.done_on is None
    assert item.overdue_on(date(2026, 4, 3))
    assert "agreement" not in kinds(open_items(facts, date(2026, 4, 5)))
    assert "agreement" not in kinds(open_items(facts, date(2026, 3, 4)))  # not made yet


def test_facts_as_of():
    facts = flowed_out(
        aftercare_extensions=(date(2026, 9, 1),),
        closed_on=date(2026, 12, 1),
        closed_reason="work",
        contacts=(ContactFact(date(2026, 3, 20), "phone"), ContactFact(date(2026, 4, 2), "office")),
        appointments=(AppointmentFact(1, date(2026, 3, 20), "held"),),
        agreements=(
            agreement(done_on=date(2026, 4, 1)),
            agreement(id=4, created_on=date(2026, 4, 2)),
        ),
        handovers=(HandoverFact(date(2026, 4, 2), 7),),
    )
    on = date(2026, 3, 31)
    assert facts_as_of(facts, on) == started(
        plan_conversation_on=on,
        contacts=(ContactFact(date(2026, 3, 20), "phone"),),
        appointments=(AppointmentFact(1, date(2026, 3, 20), "held"),),
        agreements=(agreement(),),
    )
    assert facts_as_of(facts, date(2030, 1, 1)) == facts


# overdue


def test_due_today_is_not_overdue_tomorrow_it_is():
    item = the(open_items(started(), date(2026, 4, 2)), "second_conversation")
    assert item.due == date(2026, 4, 2)
    assert not item.overdue_on(date(2026, 4, 2))
    assert item.overdue_on(date(2026, 4, 3))


def test_a_done_item_is_not_overdue():
    item = DueItem(
        kind="agreement",
        due=date(2026, 4, 1),
        starts=FIRST,
        ref="agreement:3",
        done_on=date(2026, 4, 3),
    )
    assert item.overdue_on(date(2026, 4, 2))  # still open then
    assert not item.overdue_on(date(2026, 4, 3))
    assert not item.overdue_on(date(2026, 5, 1))


# properties over arbitrary facts

days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))
contacts = st.builds(
    ContactFact,
    date=days,
    channel=st.sampled_from(["office", "home_visit", "walk", "phone", "video", "message", "mail"]),
    purpose=st.sampled_from(["", "continue_application", "prepare_aftercare_end", "aftercare_follow_up"]),
    consultant_id=st.sampled_from([None, 3, 7]),
)
facts_strategy = st.builds(
    TrajectoryFacts,
    registered_on=st.just(date(2026, 1, 1)),
    first_conversation_on=st.none() | days,
    plan_conversation_on=st.none() | days,
    route=st.sampled_from([None, "work", "school", "care", "no_entitlement"]),
    outflow_on=st.none() | days,
    aftercare_extensions=st.lists(days, max_size=2).map(tuple),
    closed_on=st.none() | days,
    contact_interval_days=st.none() | st.integers(min_value=7, max_value=120),
    face_to_face_norm=st.booleans(),
    treatment_elsewhere=st.booleans(),
    contacts=st.lists(contacts, max_size=8).map(tuple),
    appointments=st.lists(
        st.builds(
            AppointmentFact,
            id=st.integers(1, 50),
            date=days,
            status=st.sampled_from(["planned", "held", "no_show", "cancelled"]),
        ),
        max_size=3,
    ).map(tuple),
    agreements=st.lists(
        st.builds(
            AgreementFact,
            id=st.integers(1, 50),
            due_on=st.none() | days,
            done_on=st.none() | days,
            owner=st.sampled_from(["youth", "consultant"]),
            created_on=days,
        ),
        max_size=3,
    ).map(tuple),
    handovers=st.lists(
        st.builds(HandoverFact, date=days, to_consultant_id=st.sampled_from([None, 3, 7])),
        max_size=2,
    ).map(tuple),
)


@given(facts_strategy, days)
def test_open_items_are_sorted_open_and_known(facts, on):
    items = open_items(facts, on)
    assert items == sorted(items, key=lambda i: (i.due, i.kind, i.ref))
    assert all(i.kind in DUE_KINDS and i.done_on is None and i.starts <= on for i in items)
    assert not any(i.overdue_on(on) for i in items if i.due >= on)


@given(facts_strategy, days)
def test_after_closure_only_the_follow_up_is_open(facts, on):
    if facts.closed_on is not None and facts.closed_on <= on:
        assert kinds(open_items(facts, on)) <= {"aftercare_follow_up"}


@given(facts_strategy, days, days)
def test_a_message_never_moves_the_contact_norm(facts, on, message_on):
    with_message = replace(facts, contacts=(*facts.contacts, ContactFact(message_on, "message")))
    norm = [i for i in open_items(facts, on) if i.kind == "contact_norm"]
    assert norm == [i for i in open_items(with_message, on) if i.kind == "contact_norm"]


@given(facts_strategy, days)
def test_as_of_is_idempotent(facts, on):
    assert facts_as_of(facts_as_of(facts, on), on) == facts_as_of(facts, on)


@given(facts_strategy, days, days, st.sampled_from(["phone", "video"]))
def test_a_remote_contact_never_moves_a_face_to_face_norm(facts, on, contact_on, channel):
    facts = replace(facts, face_to_face_norm=True)
    with_call = replace(facts, contacts=(*facts.contacts, ContactFact(contact_on, channel)))
    norm = [i for i in open_items(facts, on) if i.kind == "contact_norm"]
    assert norm == [i for i in open_items(with_call, on) if i.kind == "contact_norm"]
