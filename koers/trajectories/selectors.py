"""Reads for youths and trajectories: which trajectory is current, and where a trajectory stands."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Replace

from koers.trajectories import flow
from koers.trajectories.models import (
    Barrier,
    ConsultantAssignment,
    Milestone,
    MilestoneKind,
    NetworkConsent,
    NetworkMember,
    ResearchConsent,
    ResearchPurpose,
    Trajectory,
    Youth,
)

K = MilestoneKind


def trajectories_of(youth: Youth) -> list[Trajectory]:
    """The youth's trajectories, the current one first."""
    return list(Trajectory.objects.filter(youth=youth).order_by("-pk"))


def current_trajectory(youth: Youth) -> Trajectory | None:
    """The one definition of "the current trajectory": the youth's latest (highest id).

    Only the current trajectory can change; earlier ones are history.
    """
    return Trajectory.objects.filter(youth=youth).order_by("-pk").first()


def current_trajectory_id(youth_id: int | OuterRef) -> Subquery:
    """The same definition as a subquery, to filter other tables on it in the same query."""
    return Subquery(Trajectory.objects.filter(youth_id=youth_id).order_by("-pk").values("pk")[:1])


def is_current(trajectory: Trajectory) -> bool:
    return not Trajectory.objects.filter(youth_id=trajectory.youth_id, pk__gt=trajectory.pk).exists()


@dataclass(frozen=True)
class TrajectoryState:
    """A trajectory's milestones (all rows, for the history) and what counts of them."""

    trajectory: Trajectory
    milestones: tuple[Milestone, ...]
    effective: tuple[Milestone, ...]

    @property
    def route(self) -> str:
        plan = flow.by_kind(self.effective).get(K.PLAN_CONVERSATION)
        return plan.route if plan else ""

    @property
    def latest(self) -> Milestone | None:
        return self.effective[-1] if self.effective else None

    @property
    def next_kinds(self) -> list[str]:
        return flow.next_kinds(self.effective)


def trajectory_state(trajectory: Trajectory) -> TrajectoryState:
    """One query: the milestones with who recorded them."""
    rows = tuple(Milestone.objects.filter(trajectory=trajectory).select_related("recorded_by"))
    return TrajectoryState(trajectory=trajectory, milestones=rows, effective=tuple(flow.effective(rows)))


# Finding a youth: by name (with or without tussenvoegsel), birth date, e-mail or phone.

SEARCH_RESULTS_MAX = 20


def _as_date(text: str) -> dt.date | None:
    """'14-3-2004', '14-03-2004', '14/3/2004' or '2004-03-14'."""
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _digits_only(field: str):
    expression = field
    for sign in (" ", "-", "+", "(", ")", "."):
        expression = Replace(expression, Value(sign), Value(""))
    return expression


def _national(digits: str) -> str:
    """'0031612345678', '31612345678', '0612345678' -> '612345678': how it appears in every notation."""
    if digits.startswith("0031"):
        digits = digits[4:]
    elif digits.startswith("31") and len(digits) == 11:
        digits = digits[2:]
    return digits.lstrip("0") or digits


def matching_youths(youths: QuerySet[Youth], query: str) -> list[Youth]:
    """At most SEARCH_RESULTS_MAX youths of `youths` that match the query, in name order (one query).

    A date matches the birth date; text with '@' the e-mail address; mostly digits the phone
    number (spaces and dashes ignored); anything else every word against the names.
    """
    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return []
    day = _as_date(query)
    digits = re.sub(r"[\s\-()+.]", "", query)
    if day is not None:
        found = youths.filter(birth_date=day)
    elif "@" in query:
        found = youths.filter(email__icontains=query)
    elif digits.isdigit() and len(digits) >= 4:
        found = youths.annotate(phone_digits=_digits_only("phone")).filter(phone_digits__contains=_national(digits))
    else:
        found = youths
        for word in query.split():
            found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(found.select_related("consultant").order_by("sort_name", "id")[:SEARCH_RESULTS_MAX])


def open_barriers_of(youth: Youth) -> list[Barrier]:
    """The youth's open barriers, newest first (one query)."""
    return list(Barrier.objects.filter(youth=youth, resolved_on__isnull=True).order_by("-noted_on", "-id"))


@dataclass(frozen=True)
class NetworkEntry:
    member: NetworkMember
    consent: NetworkConsent | None  # the open one, or None


def network_of(youth: Youth) -> list[NetworkEntry]:
    """The people around the youth with their open consent, if any (one query; two when there
    are people)."""
    members = list(NetworkMember.objects.filter(youth=youth).order_by("name", "id")[:50])
    open_consents = {
        c.member_id: c
        for c in NetworkConsent.objects.filter(member__in=[m.pk for m in members], revoked_on__isnull=True)
    }
    return [NetworkEntry(member=m, consent=open_consents.get(m.pk)) for m in members]


def last_hand_over(youth: Youth) -> ConsultantAssignment | None:
    """The latest change of consultant, with its note for the new consultant (one query)."""
    return (
        ConsultantAssignment.objects.filter(youth=youth, previous_consultant__isnull=False)
        .select_related("previous_consultant")
        .order_by("-starts_on", "-id")
        .first()
    )


def with_trajectories(youths: QuerySet[Youth]) -> QuerySet[Youth]:
    """Youths with their consultant and their trajectories (id and phase, oldest first): two
    queries for any number of youths."""
    return youths.select_related("consultant").prefetch_related(
        Prefetch("trajectories", queryset=Trajectory.objects.order_by("created_at").only("id", "phase", "youth_id"))
    )


def handed_over_by(user, youth_id: int) -> bool:
    """Whether this staff member handed the youth over to a colleague (they were its consultant):
    the file then tells them it moved, instead of "not found". One query."""
    return ConsultantAssignment.objects.filter(
        youth_id=youth_id, previous_consultant_id=user.pk, organisation_id=user.organisation_id
    ).exists()


def consenting_youth_ids(*, organisation_id: int, on: dt.date, purpose: str = ResearchPurpose.RESEARCH) -> QuerySet:
    """The ids of the organisation's youths whose consent for `purpose` holds on `on` (given on or
    before it, not revoked by then), as a subquery (`youth_id__in=...`); evaluated, one query.
    The one definition of "consented", for the research export and its count."""
    return (
        ResearchConsent.objects.filter(organisation_id=organisation_id, purpose=purpose, given_on__lte=on)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .values("youth_id")
        .distinct()
    )


def research_consents_of(youth_id: int) -> list[ResearchConsent]:
    """Every research consent of the youth, open and revoked, newest first, with who recorded and
    who revoked it (one query)."""
    return list(
        ResearchConsent.objects.filter(youth_id=youth_id)
        .select_related("recorded_by", "revoked_by")
        .order_by("-given_on", "-id")
    )
