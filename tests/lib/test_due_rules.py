"""The agenda rules per kind of due item (koers.lib.due_rules), without Django. Dates worked out by hand."""

from dataclasses import replace
from datetime import date

import pytest

from koers.lib.due_rules import (
    AppointmentFact,
    ContactFact,
    HandoverFact,
    aftercare_end,
    all_items,
)
from tests.lib.due_facts import FIRST, OUTFLOW, agreement, flowed_out, kinds, started, the, trajectory

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


def test_the_follow_up_is_six_months_after_the_end_of_aftercare_when_clamped():
    # The case: outflow 31 January 2026, aftercare ends 30 April, follow-up 30 October.
    items = all_items(trajectory(first_conversation_on=date(2025, 11, 3), outflow_on=date(2026, 1, 31)))
    assert aftercare_end(date(2026, 1, 31), 0) == date(2026, 4, 30)
    assert the(items, "aftercare_follow_up").due == date(2026, 10, 30)


def test_aftercare_months_count_from_the_outflow_date_at_a_month_end():
    # Outflow 31 Aug: aftercare ends N = 30 Nov; the preparation window counts from 31 Aug itself
    # and opens 31 Oct; the follow-up is due N + 6 months = 30 May (not 31 May).
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
    assert the(items, "aftercare_follow_up").due == date(2026, 5, 30)
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
