"""Writes: keeping `TrajectoryFacts` current (the worker's job), and rebuilding it.

`trajectory_facts_fill` recomputes the facts of every trajectory that got a milestone (a new one,
a correction or a withdrawal: all are new rows, milestones are append-only) or a hand-over since
its last round, found by id from two `FillState` rows. Each round also refreshes the rows that
were not refreshed for a day, oldest first, a few at a time: what changes without a milestone
(the youth's target-group markers, a consultant's team before the trajectory ended) is picked up
within about a day. Both state rows are locked first, so two workers never refresh at once; a
round that fails changes nothing and the next one starts at the same place. Writing a row is an
upsert keyed on the trajectory, so refreshing one twice gives the same row.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from koers.accounts.models import User
from koers.db.inserts import insert_if_absent
from koers.insights.models import FillState, TrajectoryFacts
from koers.insights.services.practice import settled
from koers.trajectories import flow
from koers.trajectories.models import ConsultantAssignment, Milestone, MilestoneKind, Phase, Trajectory

K = MilestoneKind
MILESTONES_STATE = "trajectory_facts"
ASSIGNMENTS_STATE = "trajectory_facts_assignments"
ROUND = 2000  # milestones (and hand-overs) per round: a backlog is made up in rounds
SWEEP = 200  # rows not refreshed for STALE_AFTER, refreshed per round
STALE_AFTER = dt.timedelta(days=1)

PHASE_FIELDS = {
    Phase.REGISTRATION: "days_registration",
    Phase.INVITED: "days_invited",
    Phase.SEARCH_PERIOD: "days_search_period",
    Phase.FOLLOW_UP: "days_follow_up",
    Phase.AFTERCARE: "days_aftercare",
}
UPDATED_FIELDS = [
    "organisation",
    "consultant_key",
    "team_key",
    "registered_on",
    "first_conversation_on",
    "outflow_on",
    "closed_on",
    "route",
    "destination",
    "closing_reason",
    "target_groups",
    "days_to_outflow",
    *PHASE_FIELDS.values(),
    "refreshed_at",
]


def trajectory_facts_fill(*, limit: int = ROUND, sweep: int = SWEEP) -> int:
    """Worker job: refresh the facts of trajectories whose milestones or consultant changed since
    the last round, and a few stale ones; returns how many trajectories were refreshed."""
    now = timezone.now()
    with transaction.atomic():
        for name in (ASSIGNMENTS_STATE, MILESTONES_STATE):
            insert_if_absent(FillState(name=name))  # the first round of two workers at once: one row each
        states = {
            s.name: s
            for s in FillState.objects.select_for_update()
            .filter(name__in=[ASSIGNMENTS_STATE, MILESTONES_STATE])
            .order_by("name")
        }
        # Up to the first row recorded a moment ago: one with a lower id may still commit (practice.settled).
        milestones = settled(
            list(
                Milestone.objects.filter(pk__gt=states[MILESTONES_STATE].last_id)
                .order_by("pk")
                .values_list("pk", "trajectory_id", "recorded_at")[:limit]
            ),
            now=now,
        )
        assignments = settled(
            list(
                ConsultantAssignment.objects.filter(pk__gt=states[ASSIGNMENTS_STATE].last_id)
                .order_by("pk")
                .values_list("pk", "youth_id", "recorded_at")[:limit]
            ),
            now=now,
        )
        ids = {trajectory_id for _pk, trajectory_id, _at in milestones}
        if assignments:
            youths = {youth_id for _pk, youth_id, _at in assignments}
            ids.update(Trajectory.objects.filter(youth_id__in=youths).values_list("pk", flat=True))
        if sweep:
            ids.update(
                TrajectoryFacts.objects.filter(refreshed_at__lt=now - STALE_AFTER)
                .order_by("refreshed_at")
                .values_list("trajectory_id", flat=True)[:sweep]
            )
        if not ids:
            return 0
        trajectory_facts_refresh(ids, now=now)
        for name, rows in ((MILESTONES_STATE, milestones), (ASSIGNMENTS_STATE, assignments)):
            if rows:
                states[name].last_id = rows[-1][0]
            states[name].updated_at = now
            states[name].save(update_fields=["last_id", "updated_at"])
    return len(ids)


def trajectory_facts_rebuild() -> int:
    """Start over: forget how far the job got, so every trajectory is refreshed (rounds until done)."""
    with transaction.atomic():
        FillState.objects.filter(name__in=[MILESTONES_STATE, ASSIGNMENTS_STATE]).update(last_id=0, updated_at=None)
    total = 0
    while refreshed := trajectory_facts_fill(sweep=0):
        total += refreshed
    return total


@dataclass(frozen=True)
class _Milestone:
    """What koers.trajectories.flow reads of a milestone, and the extra fields counted here."""

    id: int
    kind: str
    date: dt.date
    replaces_id: int | None
    withdrawn: bool
    route: str
    destination: str
    reason: str


def trajectory_facts_refresh(trajectory_ids, *, now: dt.datetime) -> None:
    """Recompute and write the facts of these trajectories (six queries, whatever their number)."""
    trajectories = list(
        Trajectory.objects.filter(pk__in=trajectory_ids).values_list(
            "pk", "organisation_id", "youth_id", "youth__consultant_id", "youth__target_groups"
        )
    )
    ids = [row[0] for row in trajectories]
    milestones: dict[int, list[_Milestone]] = {}
    for trajectory_id, *fields in Milestone.objects.filter(trajectory_id__in=ids).values_list(
        "trajectory_id", "pk", "kind", "date", "replaces_id", "withdrawn", "route", "destination", "reason"
    ):
        milestones.setdefault(trajectory_id, []).append(_Milestone(*fields))
    assignments: dict[int, list[tuple[dt.date, int]]] = {}
    for youth_id, starts_on, consultant_id in (
        ConsultantAssignment.objects.filter(youth_id__in={row[2] for row in trajectories})
        .order_by("starts_on", "pk")
        .values_list("youth_id", "starts_on", "consultant_id")
    ):
        assignments.setdefault(youth_id, []).append((starts_on, consultant_id))
    earlier = {
        row[0]: row[1:]
        for row in TrajectoryFacts.objects.filter(trajectory_id__in=ids).values_list(
            "trajectory_id", "consultant_key", "team_key", "outflow_on", "closed_on"
        )
    }
    rows = []
    for trajectory_id, organisation_id, youth_id, current_consultant, markers in trajectories:
        effective = flow.effective(milestones.get(trajectory_id, []))
        found = flow.by_kind(effective)
        if K.REGISTRATION not in found:
            continue  # a trajectory is created with its registration; nothing to count without it
        facts = _facts(found, effective)
        ended_on = facts["outflow_on"] or facts["closed_on"]
        consultant = _consultant_on(assignments.get(youth_id, []), ended_on, current_consultant)
        rows.append((trajectory_id, organisation_id, consultant, markers, ended_on, facts))
    teams = dict(User.objects.filter(pk__in={row[2] for row in rows if row[2]}).values_list("pk", "team_id"))
    objects = []
    for trajectory_id, organisation_id, consultant, markers, ended_on, facts in rows:
        team = teams.get(consultant) or 0
        before = earlier.get(trajectory_id)
        if before is not None and before[0] == consultant and ended_on and (before[2] or before[3]):
            team = before[1]  # the team when the trajectory ended, kept (see TrajectoryFacts)
        objects.append(
            TrajectoryFacts(
                trajectory_id=trajectory_id,
                organisation_id=organisation_id,
                consultant_key=consultant or 0,
                team_key=team,
                target_groups=_markers(markers),
                refreshed_at=now,
                **facts,
            )
        )
    TrajectoryFacts.objects.bulk_create(
        objects,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["trajectory"],
        update_fields=UPDATED_FIELDS,
    )


def _facts(found: dict, effective: list) -> dict:
    registered = found[K.REGISTRATION].date
    outflow = found.get(K.OUTFLOW)
    plan = found.get(K.PLAN_CONVERSATION)
    closed = found.get(K.CLOSED)
    first = found.get(K.FIRST_CONVERSATION)
    days = _phase_days(effective)
    return {
        "registered_on": registered,
        "first_conversation_on": first.date if first else None,
        "outflow_on": outflow.date if outflow else None,
        "closed_on": closed.date if closed else None,
        "route": plan.route if plan else "",
        "destination": outflow.destination if outflow else "",
        "closing_reason": closed.reason if closed else "",
        "days_to_outflow": (outflow.date - registered).days if outflow else None,
        **{field: days.get(phase) for phase, field in PHASE_FIELDS.items()},
    }


def _phase_days(effective: list) -> dict[str, int]:
    """Days spent in each phase the trajectory has left, by the flow chart's own phase rule (an
    aftercare extension does not change the phase; a skipped invitation leaves no invited days)."""
    days: dict[str, int] = {}
    current, since = None, None
    for number, row in enumerate(effective, start=1):
        phase = flow.phase_of(effective[:number])
        if phase != current:
            if current is not None:
                days[current] = days.get(current, 0) + (row.date - since).days
            current, since = phase, row.date
    return days


def _consultant_on(assignments: list[tuple[dt.date, int]], day: dt.date | None, current: int | None) -> int | None:
    """The consultant on `day` by the recorded assignments (before the first one: its consultant,
    as a youth is registered with one); the current consultant while the trajectory runs."""
    if day is None or not assignments:
        return current
    consultant = assignments[0][1]
    for starts_on, consultant_id in assignments:
        if starts_on > day:
            break
        consultant = consultant_id
    return consultant


def _markers(target_groups) -> str:
    codes = sorted({str(code) for code in target_groups or [] if str(code).isidentifier()})
    return f"|{'|'.join(codes)}|" if codes else ""
