"""Reads for the staff pages. Each read runs a fixed number of queries, whatever the caseload size.

Access checks happen before these are called (koers.trajectories.access); the list reads here are
always limited to one organisation through a `Scope`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext

from koers.accounts.models import Role, User
from koers.agenda.labels import due_kind_label
from koers.agenda.models import DueItem
from koers.contacts.models import Agreement, Appointment, AppointmentStatus, Contact, Participant
from koers.lib.due_rules import CARE_ELSEWHERE_CONTACT_INTERVAL_DAYS, DEFAULT_CONTACT_INTERVAL_DAYS
from koers.method.models import WorkingElement
from koers.trajectories import flow
from koers.trajectories.models import Milestone, Phase, Route, TargetGroup, Trajectory, Youth
from koers.trajectories.models import MilestoneKind as K

PAGE_SIZE = 50
SOON_DAYS = 14


# Whose work a list shows.


@dataclass(frozen=True)
class Scope:
    """One consultant's caseload, a team's, or the whole organisation's (never more)."""

    organisation_id: int
    consultant_id: int | None = None
    team_id: int | None = None

    def due_items(self) -> QuerySet[DueItem]:
        items = DueItem.objects.filter(organisation_id=self.organisation_id)
        if self.consultant_id is not None:
            return items.filter(consultant_id=self.consultant_id)
        if self.team_id is not None:
            return items.filter(consultant__team_id=self.team_id)
        return items

    def youths(self) -> QuerySet[Youth]:
        youths = Youth.objects.filter(organisation_id=self.organisation_id)
        if self.consultant_id is not None:
            return youths.filter(consultant_id=self.consultant_id)
        if self.team_id is not None:
            return youths.filter(consultant__team_id=self.team_id)
        return youths


SCOPE_TEAM = "team"
SCOPE_ORGANISATION = "org"


def default_scope_choice(user: User) -> str:
    if user.role != Role.TEAM_LEAD:
        return str(user.pk)
    return SCOPE_TEAM if user.team_id else SCOPE_ORGANISATION


def scope_for(user: User, choice: str = "") -> Scope:
    """Consultants always see their own caseload; team leads choose (validated by the form)."""
    organisation_id = user.organisation_id
    if user.role != Role.TEAM_LEAD:
        return Scope(organisation_id=organisation_id, consultant_id=user.pk)
    choice = choice or default_scope_choice(user)
    if choice == SCOPE_TEAM and user.team_id:
        return Scope(organisation_id=organisation_id, team_id=user.team_id)
    if choice.isdigit():
        return Scope(organisation_id=organisation_id, consultant_id=int(choice))
    return Scope(organisation_id=organisation_id)


def consultants_of(*, organisation_id: int, exclude_id: int | None = None) -> list[tuple[int, str]]:
    """Active consultants of an organisation as (id, name), for selectors and the hand-over."""
    rows = (
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .exclude(pk=exclude_id)
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )
    return [(pk, _person(first, last, username)) for pk, first, last, username in rows]


def _person(first: str | None, last: str | None, username: str | None) -> str:
    return f"{first or ''} {last or ''}".strip() or (username or "")


# Vandaag: the open due items and the caseload.


@dataclass(frozen=True)
class AgendaRow:
    youth_id: int
    youth_name: str
    kind: str
    kind_label: str
    due: dt.date
    overdue: bool
    phase_label: str
    consultant_name: str


def due_items_page(
    *,
    scope: Scope,
    today: dt.date,
    phase: str = "",
    kind: str = "",
    period: str = "soon",
    page_number: int | str = 1,
) -> Page:
    """Open due items, overdue first (oldest due date first), at most PAGE_SIZE per page."""
    items = _due_items(scope, phase, kind)
    if period == "soon":
        items = items.filter(due__lte=today + dt.timedelta(days=SOON_DAYS))
    rows = items.order_by("due", "kind", "youth__last_name", "youth__first_name", "id").values(
        "kind",
        "due",
        "youth_id",
        "youth__first_name",
        "youth__last_name",
        "trajectory__phase",
        "consultant__first_name",
        "consultant__last_name",
        "consultant__username",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    page.object_list = [
        AgendaRow(
            youth_id=row["youth_id"],
            youth_name=_person(row["youth__first_name"], row["youth__last_name"], ""),
            kind=row["kind"],
            kind_label=due_kind_label(row["kind"]),
            due=row["due"],
            overdue=row["due"] < today,
            phase_label=_phase_label(row["trajectory__phase"]),
            consultant_name=_person(
                row["consultant__first_name"], row["consultant__last_name"], row["consultant__username"]
            ),
        )
        for row in page.object_list
    ]
    return page


def _due_items(scope: Scope, phase: str, kind: str) -> QuerySet[DueItem]:
    items = scope.due_items()
    if phase:
        items = items.filter(trajectory__phase=phase)
    if kind:
        items = items.filter(kind=kind)
    return items


@dataclass(frozen=True)
class DueCounts:
    overdue: int
    today: int
    soon: int


def due_counts(*, scope: Scope, today: dt.date, phase: str = "", kind: str = "") -> DueCounts:
    """How many items are overdue, due today and due in the coming days (one query)."""
    soon = Q(due__gt=today, due__lte=today + dt.timedelta(days=SOON_DAYS))
    counts = _due_items(scope, phase, kind).aggregate(
        overdue=Count("pk", filter=Q(due__lt=today)),
        today=Count("pk", filter=Q(due=today)),
        soon=Count("pk", filter=soon),
    )
    return DueCounts(**counts)


@dataclass(frozen=True)
class CaseloadRow:
    youth_id: int
    youth_name: str
    phase_label: str
    next_due: dt.date | None
    overdue: bool
    consultant_name: str


def caseload_page(*, scope: Scope, today: dt.date, phase: str = "", page_number: int | str = 1) -> Page:
    """The youths of the scope with the phase of their latest trajectory and their next due date."""
    latest = Trajectory.objects.filter(youth=OuterRef("pk")).order_by("-created_at", "-id")
    next_due = DueItem.objects.filter(youth=OuterRef("pk")).order_by("due").values("due")[:1]
    youths = scope.youths().annotate(current_phase=Subquery(latest.values("phase")[:1]), next_due=Subquery(next_due))
    if phase:
        youths = youths.filter(current_phase=phase)
    rows = youths.order_by("last_name", "first_name", "id").values(
        "pk",
        "first_name",
        "last_name",
        "current_phase",
        "next_due",
        "consultant__first_name",
        "consultant__last_name",
        "consultant__username",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    page.object_list = [
        CaseloadRow(
            youth_id=row["pk"],
            youth_name=_person(row["first_name"], row["last_name"], ""),
            phase_label=_phase_label(row["current_phase"]),
            next_due=row["next_due"],
            overdue=row["next_due"] is not None and row["next_due"] < today,
            consultant_name=_person(
                row["consultant__first_name"], row["consultant__last_name"], row["consultant__username"]
            ),
        )
        for row in page.object_list
    ]
    return page


def _phase_label(phase: str | None) -> str:
    if not phase:
        return gettext("Geen traject")
    return str(Phase(phase).label)


# The youth file.


@dataclass(frozen=True)
class MilestoneEntry:
    row: Milestone
    label: str
    detail: str
    role: str  # "": an original entry; "correction": corrects an earlier row; "withdrawal": withdraws one
    void: str  # "": counts; "replaced": corrected later; "withdrawn": withdrawn later
    replaces_date: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    recorded_at: dt.datetime
    milestone: MilestoneEntry | None = None
    contact: Contact | None = None


@dataclass(frozen=True)
class DueEntry:
    kind: str
    label: str
    detail: str
    due: dt.date
    overdue: bool
    today: bool


@dataclass
class YouthFile:
    youth: Youth
    today: dt.date
    trajectories: list[Trajectory]
    trajectory: Trajectory | None = None
    is_current: bool = False
    effective: tuple[Milestone, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    due_entries: tuple[DueEntry, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    open_agreements: tuple[Agreement, ...] = ()
    route: str = ""
    next_kinds: tuple[str, ...] = ()

    @property
    def age(self) -> int:
        born, today = self.youth.birth_date, self.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @property
    def contact_interval_days(self) -> int:
        if self.youth.contact_interval_days is not None:
            return self.youth.contact_interval_days
        if self.route == Route.CARE and self.youth.treatment_elsewhere:
            return CARE_ELSEWHERE_CONTACT_INTERVAL_DAYS
        return DEFAULT_CONTACT_INTERVAL_DAYS

    @property
    def phase(self) -> str:
        return self.trajectory.phase if self.trajectory else ""

    @property
    def has_open_trajectory(self) -> bool:
        return any(t.phase != Phase.CLOSED for t in self.trajectories)

    @property
    def latest_milestone(self) -> Milestone | None:
        return self.effective[-1] if self.effective else None

    @property
    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(code).label) for code in self.youth.target_groups if code in TargetGroup.values]

    @property
    def planned_appointments(self) -> list[Appointment]:
        return [a for a in self.appointments if a.status == AppointmentStatus.PLANNED]


def youth_file_for(*, youth: Youth, today: dt.date, trajectory_id: int | None = None) -> YouthFile:
    """Everything the youth file shows, in at most 7 queries (the youth is already loaded)."""
    trajectories = list(Trajectory.objects.filter(youth=youth).order_by("-created_at", "-id"))
    file = YouthFile(youth=youth, today=today, trajectories=trajectories)
    if not trajectories:
        return file
    current = trajectories[0]
    chosen = next((t for t in trajectories if t.pk == trajectory_id), current)
    milestones = list(Milestone.objects.filter(trajectory=chosen).select_related("recorded_by"))
    contacts = list(
        Contact.objects.filter(trajectory=chosen)
        .select_related("consultant")
        .prefetch_related(
            Prefetch("interventions", queryset=WorkingElement.objects.all()),
            Prefetch("agreements", queryset=Agreement.objects.order_by("due_on", "id")),
        )
    )
    appointments = tuple(Appointment.objects.filter(trajectory=chosen).order_by("-date", "-time", "-id"))
    effective = flow.effective(milestones)
    found = flow.by_kind(effective)
    plan = found.get(K.PLAN_CONVERSATION)
    agreements = [agreement for contact in contacts for agreement in contact.agreements.all()]
    file.trajectory = chosen
    file.is_current = chosen.pk == current.pk
    file.effective = tuple(effective)
    file.route = plan.route if plan else ""
    file.timeline = _timeline(milestones, contacts)
    file.appointments = appointments
    file.open_agreements = tuple(
        sorted((a for a in agreements if a.done_on is None), key=lambda a: (a.due_on or dt.date.max, a.pk))
    )
    file.due_entries = _due_entries(chosen, today, agreements, appointments)
    file.next_kinds = tuple(flow.next_kinds(effective)) if file.is_current else ()
    return file


def _timeline(milestones: list[Milestone], contacts: list[Contact]) -> tuple[TimelineEntry, ...]:
    by_id = {row.pk: row for row in milestones}
    replaced_by = {row.replaces_id: row for row in milestones if row.replaces_id}
    entries = []
    for row in milestones:
        role = "withdrawal" if row.withdrawn else ("correction" if row.replaces_id else "")
        later = replaced_by.get(row.pk)
        void = "" if later is None else ("withdrawn" if later.withdrawn else "replaced")
        replaced = by_id.get(row.replaces_id) if row.replaces_id else None
        entry = MilestoneEntry(
            row=row,
            label=str(K(row.kind).label),
            detail=_milestone_detail(row),
            role=role,
            void=void,
            replaces_date=replaced.date if replaced else None,
        )
        entries.append(TimelineEntry(date=row.date, recorded_at=row.recorded_at, milestone=entry))
    for contact in contacts:
        contact.participant_labels = [
            str(Participant(code).label) for code in contact.participants if code in Participant.values
        ]
        entries.append(TimelineEntry(date=contact.date, recorded_at=contact.recorded_at, contact=contact))
    return tuple(sorted(entries, key=lambda e: (e.date, e.recorded_at), reverse=True))


def _milestone_detail(row: Milestone) -> str:
    for name in ("source", "route", "destination", "reason"):
        if getattr(row, name):
            return str(getattr(row, f"get_{name}_display")())
    return ""


def _due_entries(
    trajectory: Trajectory, today: dt.date, agreements: list[Agreement], appointments: tuple[Appointment, ...]
) -> tuple[DueEntry, ...]:
    agreement_text = {f"agreement:{a.pk}": a.description for a in agreements}
    appointment_day = {f"appointment:{a.pk}": a.date for a in appointments}
    entries = []
    for item in DueItem.objects.filter(trajectory=trajectory).order_by("due", "kind", "ref"):
        detail = ""
        if item.ref in agreement_text:
            detail = agreement_text[item.ref]
        elif item.ref in appointment_day:
            detail = gettext("afspraak van %(date)s") % {"date": date_format(appointment_day[item.ref], "j F")}
        elif item.ref.startswith("check_in:"):
            detail = gettext("maand %(number)s") % {"number": item.ref.partition(":")[2]}
        entries.append(
            DueEntry(
                kind=item.kind,
                label=due_kind_label(item.kind),
                detail=detail,
                due=item.due,
                overdue=item.due < today,
                today=item.due == today,
            )
        )
    return tuple(entries)


def working_elements() -> list[WorkingElement]:
    """The active working elements with their theme, in the taxonomy's order (one query)."""
    return list(WorkingElement.objects.filter(active=True).select_related("theme"))
