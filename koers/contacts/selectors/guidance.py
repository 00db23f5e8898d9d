"""Reads: the method's guidance for a trajectory: the steps of its phase with those done (the
checklist), the toolbox help that fits the youth's barriers, markers and phase, and the tips for
the youth's target groups (staff only)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from koers.contacts.selectors.form_history import FormHistory, StressRating, contact_form_history
from koers.method.models import BarrierKind, BasicMethod, MethodPhase
from koers.method.selectors import (
    PhaseSteps,
    basic_methods_for,
    current_version_id,
    steps_for_phases,
    target_group_tips_of,
    toolbox_items_of,
)
from koers.trajectories.models import Barrier, Phase, TargetGroup, Trajectory, Youth
from koers.trajectories.selectors import open_barriers_of

# The method's phases that the consultant works on in each phase of the flow chart: while invited,
# the first conversation comes; in the search period, the plan conversation at its end.
METHOD_PHASES = {
    Phase.REGISTRATION: (MethodPhase.BEFORE,),
    Phase.INVITED: (MethodPhase.BEFORE, MethodPhase.FIRST_CONVERSATION),
    Phase.SEARCH_PERIOD: (MethodPhase.SEARCH_PERIOD, MethodPhase.PLAN_CONVERSATION),
    Phase.FOLLOW_UP: (MethodPhase.FOLLOW_UP,),
    Phase.AFTERCARE: (MethodPhase.AFTERCARE,),
    Phase.CLOSED: (),
}


# From this stress level (0-10, the youth's latest self-rating) the stress-sensitive approach is
# offered whatever the phase: ask what must be solved first, keep goals small.
HIGH_STRESS = 7


@dataclass(frozen=True)
class Checklist:
    steps: PhaseSteps
    done: dict[str, dt.date]  # step key -> the latest contact date it was ticked in this trajectory
    basic_methods: tuple[BasicMethod, ...]
    high_stress: StressRating | None = None  # the latest rating, when its stress is high
    stress_prompts: BasicMethod | None = None


def checklist_of(trajectory: Trajectory, history: FormHistory | None = None) -> Checklist:
    """The method steps for the trajectory's phase, with the ones already done and the latest
    stress rating from the history (one query, none when given the `history` or closed; the
    method's steps and basic methods come from the cache)."""
    phases = tuple(str(p) for p in METHOD_PHASES.get(trajectory.phase, ()))
    if not phases:
        return Checklist(steps=steps_for_phases(trajectory.organisation_id, ()), done={}, basic_methods=())
    history = history or contact_form_history(trajectory)
    done = history.done
    latest = history.latest_stress
    high = latest if latest is not None and latest.stress >= HIGH_STRESS else None
    methods = basic_methods_for(trajectory.organisation_id, phases, always=("stress_sensitive",) if high else ())
    return Checklist(
        steps=steps_for_phases(trajectory.organisation_id, phases),
        done=done,
        basic_methods=tuple(methods),
        high_stress=high,
        stress_prompts=next((m for m in methods if m.key == "stress_sensitive"), None) if high else None,
    )


# A target-group marker asks for the help that fits the barrier it comes with.
MARKER_BARRIERS = {
    TargetGroup.AUTISM: BarrierKind.AUTISM_SUSPECTED,
    TargetGroup.MILD_INTELLECTUAL_DISABILITY: BarrierKind.MILD_ID_SUSPECTED,
    TargetGroup.REFUGEE_RESIDENCE_PERMIT: BarrierKind.LANGUAGE,
}


# Help that fits a phase of the flow chart, whatever the barriers: at the plan conversation (end of
# the search period) a test where education level or talents are unclear; in the follow-up,
# getting to know work (volunteering, a placement, a trial placement).
PHASE_CATEGORIES = {
    Phase.SEARCH_PERIOD: ("test", MethodPhase.PLAN_CONVERSATION),
    Phase.FOLLOW_UP: ("work", MethodPhase.FOLLOW_UP),
}


@dataclass(frozen=True)
class Suggestion:
    id: int
    action: str
    situation: str
    partners: tuple[str, ...]
    referral: bool
    reasons: tuple[str, ...]  # "belemmering: klein netwerk (sinds 3 maart 2026)", "doelgroep: statushouder"


@dataclass(frozen=True)
class Toolbox:
    barriers: tuple[Barrier, ...]
    suggestions: tuple[Suggestion, ...]


def toolbox_for(youth: Youth, phase: str = "") -> Toolbox:
    """The youth's open barriers and the toolbox items that fit them, the youth's target-group
    markers or the trajectory's phase (two queries; one when there is nothing to suggest for)."""
    barriers = tuple(open_barriers_of(youth))
    why: dict[str, list[str]] = {}
    for barrier in barriers:
        since = date_format(barrier.noted_on, "j F Y")
        reason = gettext("belemmering: %(kind)s (sinds %(date)s)") % {"kind": barrier.get_kind_display(), "date": since}
        why.setdefault(barrier.kind, []).append(reason)
    for marker in youth.target_groups:
        if marker in MARKER_BARRIERS:
            reason = gettext("doelgroep: %(marker)s") % {"marker": TargetGroup(marker).label}
            why.setdefault(MARKER_BARRIERS[marker], []).append(reason)
    category, method_phase = PHASE_CATEGORIES.get(phase, ("", ""))
    if not why and not category:
        return Toolbox(barriers=barriers, suggestions=())
    # The version's items from the cache (koers.method.cache), chosen here: those for the youth's
    # barriers and markers, or for the phase's category.
    items = [
        item
        for item in toolbox_items_of(current_version_id(youth.organisation_id))
        if item.barrier in why or (category and item.category == category)
    ]
    phase_reason = gettext("fase: %(phase)s") % {"phase": MethodPhase(method_phase).label} if category else ""
    return Toolbox(
        barriers=barriers,
        suggestions=tuple(
            Suggestion(
                id=item.pk,
                action=item.action,
                situation=item.situation,
                partners=tuple(item.partners),
                referral=item.referral,
                reasons=tuple(
                    [*why.get(item.barrier, []), *([phase_reason] if item.category == category and category else [])]
                ),
            )
            for item in items
        ),
    )


def target_group_guidance(youth: Youth) -> list[tuple[str, list[str]]]:
    """Tips for the youth's target-group markers, for staff only: (marker label, tips); one query,
    none without markers. Never used on a youth-facing page or in the API."""
    markers = [m for m in youth.target_groups if m in TargetGroup.values]
    if not markers:
        return []
    tips = target_group_tips_of(current_version_id(youth.organisation_id))
    rows = [row for row in tips if row.marker in markers]
    return [(str(TargetGroup(row.marker).label), list(row.tips)) for row in sorted(rows, key=lambda r: r.marker)]
