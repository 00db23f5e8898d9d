"""The agenda rules: ending at outflow and closure, as of a date, overdue, and properties."""

from dataclasses import replace
from datetime import date

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
    all_items,
    facts_as_of,
    open_items,
)
from tests.lib.due_facts import FIRST, OUTFLOW, agreement, flowed_out, kinds, started, the, trajectory

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
