"""The agenda rules of docs/agenda-rules.md: which due items a trajectory's facts create and
when they are done. Computed from plain facts only (no Django), so any past agenda can be redone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from koers.lib.workdays import add_months, add_working_days

SUBSTANTIVE_CHANNELS = frozenset({"office", "home_visit", "walk", "phone", "video"})
IN_PERSON_CHANNELS = frozenset({"office", "home_visit", "walk"})


class DueKind(StrEnum):
    """The kinds of due items (stored in DueItem.kind; Dutch names in koers.agenda.labels)."""

    SECOND_CONVERSATION = "second_conversation"
    CONTINUE_APPLICATION = "continue_application"
    NO_SHOW_FOLLOW_UP = "no_show_follow_up"
    CONTACT_NORM = "contact_norm"
    AGREEMENT = "agreement"
    AFTERCARE_CHECK_IN = "aftercare_check_in"
    AFTERCARE_END_PREPARATION = "aftercare_end_preparation"
    AFTERCARE_FOLLOW_UP = "aftercare_follow_up"
    HANDOVER_INTRODUCTION = "handover_introduction"
    SUB_GOAL = "sub_goal"
    PLAN_EVALUATION = "plan_evaluation"
    NO_CONSULTANT = "no_consultant"
    INVITATION = "invitation"


DUE_KINDS = tuple(DueKind)
# The check-ins of aftercare that the youth answers in the portal.
CHECK_IN_KINDS = (DueKind.AFTERCARE_CHECK_IN, DueKind.AFTERCARE_FOLLOW_UP)
DEFAULT_CONTACT_INTERVAL_DAYS = 30
CARE_ELSEWHERE_CONTACT_INTERVAL_DAYS = 90

SEARCH_PERIOD = timedelta(days=28)
AFTERCARE_MONTHS = 3  # the base period, and what each extension adds
FOLLOW_UP_MONTHS = 6
ONE_DAY = timedelta(days=1)
# Items of the phases before outflow; they no longer apply once the youth has flowed out.
_EARLIER_PHASE_KINDS = frozenset(
    {DueKind.SECOND_CONVERSATION, DueKind.CONTINUE_APPLICATION, DueKind.CONTACT_NORM, DueKind.PLAN_EVALUATION}
)
# A plan evaluation is done by a contact to evaluate the plan from this long before its date.
PLAN_EVALUATION_EARLY = timedelta(days=30)


@dataclass(frozen=True)
class ContactFact:
    date: date
    channel: str
    purpose: str = ""
    consultant_id: int | None = None  # who recorded/led the contact


@dataclass(frozen=True)
class AppointmentFact:
    id: int
    date: date
    status: str  # planned / held / no_show / cancelled


@dataclass(frozen=True, kw_only=True)
class AgreementFact:
    id: int
    due_on: date | None
    done_on: date | None
    owner: str  # "youth" or "consultant"
    created_on: date  # date of the contact it was made in


@dataclass(frozen=True)
class HandoverFact:
    date: date
    to_consultant_id: int | None


@dataclass(frozen=True, kw_only=True)
class SubGoalFact:
    id: int
    due_on: date | None
    done_on: date | None  # None while open
    created_on: date


@dataclass(frozen=True, kw_only=True)
class PlanFact:
    made_on: date
    evaluation_on: date


@dataclass(frozen=True, kw_only=True)
class TrajectoryFacts:
    registered_on: date
    first_conversation_on: date | None = None
    plan_conversation_on: date | None = None
    route: str | None = None  # work / school / care / no_entitlement
    outflow_on: date | None = None
    aftercare_extensions: tuple[date, ...] = ()  # dates on which extensions were recorded
    closed_on: date | None = None
    closed_reason: str | None = None
    contact_interval_days: int | None = None  # the youth's own interval (maatwerk)
    face_to_face_norm: bool = False
    treatment_elsewhere: bool = False
    contacts: tuple[ContactFact, ...] = ()
    appointments: tuple[AppointmentFact, ...] = ()
    agreements: tuple[AgreementFact, ...] = ()
    handovers: tuple[HandoverFact, ...] = ()
    plan: PlanFact | None = None
    sub_goals: tuple[SubGoalFact, ...] = ()
    has_consultant: bool = True
    # How the registration came in (uwv, municipality, referral, self) and when the youth was
    # invited to the first conversation: a referral or self-registration waits for that invitation.
    registration_source: str | None = None
    invited_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class DueItem:
    kind: str
    due: date
    starts: date  # date of the fact that created it
    ref: str  # tells items of one kind apart, e.g. "appointment:5", "check_in:2"
    done_on: date | None = None

    def overdue_on(self, on: date) -> bool:
        """Open on `on` and due before it (an item due today is not overdue yet)."""
        open_on = self.starts <= on and (self.done_on is None or self.done_on > on)
        return open_on and self.due < on


def facts_as_of(facts: TrajectoryFacts, on: date) -> TrajectoryFacts:
    """The facts as they stand on `on`: everything dated after `on` is left out."""

    def upto(d: date | None) -> date | None:
        return d if d is not None and d <= on else None

    closed_on = upto(facts.closed_on)
    return replace(
        facts,
        first_conversation_on=upto(facts.first_conversation_on),
        invited_on=upto(facts.invited_on),
        plan_conversation_on=upto(facts.plan_conversation_on),
        outflow_on=upto(facts.outflow_on),
        aftercare_extensions=tuple(d for d in facts.aftercare_extensions if d <= on),
        closed_on=closed_on,
        closed_reason=facts.closed_reason if closed_on else None,
        contacts=tuple(c for c in facts.contacts if c.date <= on),
        appointments=tuple(a for a in facts.appointments if a.date <= on),
        agreements=tuple(replace(a, done_on=upto(a.done_on)) for a in facts.agreements if a.created_on <= on),
        handovers=tuple(h for h in facts.handovers if h.date <= on),
        plan=facts.plan if facts.plan is not None and facts.plan.made_on <= on else None,
        sub_goals=tuple(replace(g, done_on=upto(g.done_on)) for g in facts.sub_goals if g.created_on <= on),
    )


def aftercare_end(outflow_on: date, extensions: int) -> date:
    """Aftercare runs 3 months from outflow; each extension adds 3 months."""
    return add_months(outflow_on, AFTERCARE_MONTHS * (1 + extensions))


def all_items(facts: TrajectoryFacts) -> list[DueItem]:
    """Every item the facts create, open and done, sorted by (due, kind, ref)."""
    items = [
        *_second_conversation(facts),
        *_continue_application(facts),
        *_no_show_follow_ups(facts),
        *_contact_norm(facts),
        *_agreements(facts),
        *_aftercare(facts),
        *_handover_introductions(facts),
        *_plan(facts),
        *_without_consultant(facts),
        *_invitation(facts),
    ]
    kept = (i for i in items if _applies(i, facts))
    return sorted(kept, key=lambda i: (i.due, i.kind, i.ref))


def open_items(facts: TrajectoryFacts, on: date) -> list[DueItem]:
    """The items open on `on`, judged only by the facts recorded on or before `on`."""
    return [i for i in all_items(facts_as_of(facts, on)) if i.done_on is None]


# The rules, one function per kind.


def _second_conversation(facts: TrajectoryFacts) -> Iterator[DueItem]:
    if first := facts.first_conversation_on:
        yield DueItem(
            kind=DueKind.SECOND_CONVERSATION,
            due=first + SEARCH_PERIOD,
            starts=first,
            ref="first_conversation",
            done_on=facts.plan_conversation_on,
        )


def _continue_application(facts: TrajectoryFacts) -> Iterator[DueItem]:
    # The youth must continue the benefit application within 5 working days after the search
    # period ends; the consultant's reminder (a contact with that purpose) settles the item.
    if first := facts.first_conversation_on:
        yield DueItem(
            kind=DueKind.CONTINUE_APPLICATION,
            due=add_working_days(first + SEARCH_PERIOD, 5),
            starts=first,
            ref="first_conversation",
            done_on=_earliest(_with_purpose(facts, "continue_application", first + ONE_DAY)),
        )


def _no_show_follow_ups(facts: TrajectoryFacts) -> Iterator[DueItem]:
    # Any contact counts, also a message or mail: the point is to reach the youth at all.
    for appointment in facts.appointments:
        if appointment.status == "no_show":
            yield DueItem(
                kind=DueKind.NO_SHOW_FOLLOW_UP,
                due=add_working_days(appointment.date, 2),
                starts=appointment.date,
                ref=f"appointment:{appointment.id}",
                done_on=_earliest(c for c in facts.contacts if c.date >= appointment.date),
            )


def _contact_norm(facts: TrajectoryFacts) -> Iterator[DueItem]:
    # Never done: a newer contact moves the due date instead. Ends at outflow or closure.
    first = facts.first_conversation_on
    if first is None or facts.outflow_on is not None or facts.closed_on is not None:
        return
    # Messages never reset the norm; with a face-to-face norm, phone and video do not either.
    counting = IN_PERSON_CHANNELS if facts.face_to_face_norm else SUBSTANTIVE_CHANNELS
    contacts = (c.date for c in facts.contacts if c.channel in counting)
    base = max(d for d in (first, facts.plan_conversation_on, *contacts) if d is not None)
    due = base + timedelta(days=_contact_interval(facts))
    yield DueItem(kind=DueKind.CONTACT_NORM, due=due, starts=first, ref="contact_norm")


def _contact_interval(facts: TrajectoryFacts) -> int:
    return contact_interval(
        own_days=facts.contact_interval_days, route=facts.route, treatment_elsewhere=facts.treatment_elsewhere
    )


def contact_interval(*, own_days: int | None, route: str | None, treatment_elsewhere: bool) -> int:
    """The agreed days between substantive contacts: the youth's own (maatwerk), else the default
    (90 days on the care route with treatment elsewhere, 30 otherwise)."""
    if own_days is not None:
        return own_days
    if route == "care" and treatment_elsewhere:
        return CARE_ELSEWHERE_CONTACT_INTERVAL_DAYS
    return DEFAULT_CONTACT_INTERVAL_DAYS


def _agreements(facts: TrajectoryFacts) -> Iterator[DueItem]:
    for agreement in facts.agreements:
        if agreement.due_on is not None:
            yield DueItem(
                kind=DueKind.AGREEMENT,
                due=agreement.due_on,
                starts=agreement.created_on,
                ref=f"agreement:{agreement.id}",
                done_on=agreement.done_on,
            )


def _aftercare(facts: TrajectoryFacts) -> Iterator[DueItem]:
    outflow = facts.outflow_on
    if outflow is None or facts.first_conversation_on is None:
        return
    # An extension recorded after closure counts for nothing: facts after closure create nothing.
    closed = facts.closed_on
    extensions = [d for d in facts.aftercare_extensions if closed is None or d <= closed]
    months = AFTERCARE_MONTHS * (1 + len(extensions))
    end = add_months(outflow, months)
    yield from _check_ins(facts.contacts, outflow, months)
    # The preparation window "N - 1 month" counts from the outflow date itself (U + months - 1);
    # the follow-up is due 6 months after the end N, counted from N (clamped to N's month):
    # outflow 31 January gives N = 30 April and the follow-up 30 October, not 31 October.
    window = add_months(outflow, months - 1)
    yield DueItem(
        kind=DueKind.AFTERCARE_END_PREPARATION,
        due=end - timedelta(days=14),
        starts=outflow,
        ref="outflow",
        done_on=_earliest(_with_purpose(facts, "prepare_aftercare_end", window)),
    )
    yield DueItem(
        kind=DueKind.AFTERCARE_FOLLOW_UP,
        due=add_months(end, FOLLOW_UP_MONTHS),
        starts=outflow,
        ref="outflow",
        done_on=_earliest(_with_purpose(facts, "aftercare_follow_up", end + ONE_DAY)),
    )


def _check_ins(contacts: Iterable[ContactFact], outflow: date, months: int) -> Iterator[DueItem]:
    # Greedy matching: each check-in takes the earliest unused contact dated after the previous
    # check-in's due date, so one contact never settles two check-ins.
    dates = sorted(c.date for c in contacts)
    i, previous_due = 0, outflow
    for k in range(1, months + 1):
        while i < len(dates) and dates[i] <= previous_due:
            i += 1
        done_on = dates[i] if i < len(dates) else None
        i += 1  # that contact is used up
        due = add_months(outflow, k)
        yield DueItem(kind=DueKind.AFTERCARE_CHECK_IN, due=due, starts=outflow, ref=f"check_in:{k}", done_on=done_on)
        previous_due = due


def _handover_introductions(facts: TrajectoryFacts) -> Iterator[DueItem]:
    for handover in facts.handovers:
        new = handover.to_consultant_id
        if new is None:  # nobody was assigned, so there is nobody to introduce
            continue
        yield DueItem(
            kind=DueKind.HANDOVER_INTRODUCTION,
            due=add_working_days(handover.date, 10),
            starts=handover.date,
            ref=f"handover:{handover.date.isoformat()}",
            done_on=_earliest(c for c in facts.contacts if c.consultant_id == new and c.date >= handover.date),
        )


def _plan(facts: TrajectoryFacts) -> Iterator[DueItem]:
    # Each open sub-goal with a date is an item (the youth's own ones too: the consultant follows
    # them up); the evaluation is done by a contact to evaluate the plan from a month before.
    for goal in facts.sub_goals:
        if goal.due_on is not None:
            yield DueItem(
                kind=DueKind.SUB_GOAL,
                due=goal.due_on,
                starts=goal.created_on,
                ref=f"sub_goal:{goal.id}",
                done_on=goal.done_on,
            )
    if (plan := facts.plan) is not None:
        yield DueItem(
            kind=DueKind.PLAN_EVALUATION,
            due=plan.evaluation_on,
            starts=plan.made_on,
            ref=f"plan_evaluation:{plan.evaluation_on.isoformat()}",
            done_on=_earliest(
                _with_purpose(
                    facts, "plan_evaluation", max(plan.made_on + ONE_DAY, plan.evaluation_on - PLAN_EVALUATION_EARLY)
                )
            ),
        )


def _without_consultant(facts: TrajectoryFacts) -> Iterator[DueItem]:
    # A youth nobody guides falls off every consultant's list: a team lead assigns one at once.
    if not facts.has_consultant:
        yield DueItem(
            kind=DueKind.NO_CONSULTANT, due=facts.registered_on, starts=facts.registered_on, ref="no_consultant"
        )


# A partner who referred a youth, or a youth who registered, waits for the invitation to the
# first conversation (koers.intake tells the partner it was taken on): within 5 working days.
INVITATION_WORKING_DAYS = 5
_WAITING_SOURCES = frozenset({"referral", "self"})


def _invitation(facts: TrajectoryFacts) -> Iterator[DueItem]:
    if facts.registration_source in _WAITING_SOURCES and facts.has_consultant:
        yield DueItem(
            kind=DueKind.INVITATION,
            due=add_working_days(facts.registered_on, INVITATION_WORKING_DAYS),
            starts=facts.registered_on,
            ref="registration",
            done_on=facts.invited_on or facts.first_conversation_on,
        )


def _applies(item: DueItem, facts: TrajectoryFacts) -> bool:
    """Whether an item survives the end of its phase (outflow) or of the trajectory (closure)."""
    outflow, closed = facts.outflow_on, facts.closed_on
    if outflow is not None and _earlier_phase(item, outflow) and not _done_by(item, outflow):
        return False
    if closed is None:
        return True
    # Nothing stays open after closure but the follow-up (sent after the file is closed), and
    # facts dated after closure create nothing.
    return item.starts <= closed and (item.kind == DueKind.AFTERCARE_FOLLOW_UP or _done_by(item, closed))


def _earlier_phase(item: DueItem, outflow: date) -> bool:
    # A no-show during aftercare still needs following up; one from before outflow does not.
    if item.kind == DueKind.NO_SHOW_FOLLOW_UP:
        return item.starts < outflow
    return item.kind in _EARLIER_PHASE_KINDS


def _done_by(item: DueItem, on: date) -> bool:
    return item.done_on is not None and item.done_on <= on


def _earliest(contacts: Iterable[ContactFact]) -> date | None:
    return min((c.date for c in contacts), default=None)


def _with_purpose(facts: TrajectoryFacts, purpose: str, since: date) -> Iterator[ContactFact]:
    """The contacts with `purpose` dated on or after `since`."""
    return (c for c in facts.contacts if c.purpose == purpose and c.date >= since)
