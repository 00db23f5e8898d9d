"""Reads of the agenda: one trajectory's items (live or stored), and Vandaag's lists.

Vandaag's reads run a fixed number of queries whatever the caseload size; they are always limited
to one organisation through a `Scope`. Access checks happen before these are called
(koers.trajectories.access).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext

from koers.accounts.models import Role, User
from koers.accounts.selectors import person_name
from koers.agenda.facts import facts_for
from koers.agenda.labels import due_kind_label
from koers.agenda.models import DueItem
from koers.contacts.models import Channel, Contact
from koers.lib import due_rules
from koers.lib.due_rules import DueKind
from koers.trajectories.models import Phase, Trajectory, Youth
from koers.trajectories.selectors import current_trajectory_id

PAGE_SIZE = 50
SOON_DAYS = 14


def agenda_on(*, trajectory: Trajectory, on: dt.date) -> list[due_rules.DueItem]:
    """The open items of one trajectory as they stand on a date (only facts up to that date)."""
    return due_rules.open_items(facts_for([trajectory])[trajectory.pk], on)


# One trajectory's stored items, for the youth file.


@dataclass(frozen=True)
class DueEntry:
    kind: str
    label: str
    detail: str
    due: dt.date
    overdue: bool
    today: bool


def due_entries_for(trajectory: Trajectory, *, today: dt.date, face_to_face_norm: bool) -> tuple[DueEntry, ...]:
    """The trajectory's open items with what each is about (one query; two when the contact norm
    is overdue, to say why)."""
    entries = []
    for item in DueItem.objects.filter(trajectory=trajectory).order_by("due", "kind", "ref"):
        overdue = item.due < today
        detail = _about(item)
        if item.kind == DueKind.CONTACT_NORM and overdue:
            detail = contact_norm_reason(trajectory, face_to_face_norm=face_to_face_norm)
        entries.append(
            DueEntry(
                kind=item.kind,
                label=due_kind_label(item.kind),
                detail=detail,
                due=item.due,
                overdue=overdue,
                today=item.due == today,
            )
        )
    return tuple(entries)


def contact_norm_reason(trajectory: Trajectory, *, face_to_face_norm: bool) -> str:
    """Why the contact norm is overdue, in words: since when there was no contact that counts,
    and which contacts there were that do not count (one query, one row per channel)."""
    counting = due_rules.IN_PERSON_CHANNELS if face_to_face_norm else due_rules.SUBSTANTIVE_CHANNELS
    last_per_channel = dict(
        Contact.objects.filter(trajectory=trajectory)
        .values("channel")
        .annotate(last=Max("date"))
        .values_list("channel", "last")
    )
    last_counting = max((day for channel, day in last_per_channel.items() if channel in counting), default=None)
    others = [
        str(Channel(channel).label)
        for channel in Channel.values
        if channel in last_per_channel
        and channel not in counting
        and (last_counting is None or last_per_channel[channel] > last_counting)
    ]
    agreed = (
        gettext("Afgesproken is persoonlijk contact (op kantoor, huisbezoek of wandelend).")
        if face_to_face_norm
        else gettext("Afgesproken is een gesprek (persoonlijk, telefoon of beeldbellen).")
    )
    if last_counting is None:
        since = gettext("Nog geen contact dat meetelt.")
    else:
        since = gettext("Laatste contact dat meetelt: %(date)s.") % {"date": date_format(last_counting, "j F Y")}
    parts = [since]
    if others:
        parts.append(gettext("Daarna alleen: %(others)s.") % {"others": _and_list(others)})
    parts.append(agreed)
    return " ".join(parts)


def _and_list(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return gettext("%(first)s en %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _about(item: DueItem) -> str:
    return due_item_detail(item.about, item.about_date, item.ref)


# A check-in shows in the portal from two weeks before it is due.
CHECK_IN_SHOWN_BEFORE = dt.timedelta(days=14)


def open_check_in(*, youth_id: int, today: dt.date) -> DueItem | None:
    """The aftercare check-in (or the follow-up six months later) of the youth's current trajectory
    that the youth can answer now, with its trajectory (one query)."""
    return (
        DueItem.objects.filter(
            trajectory_id=current_trajectory_id(youth_id),
            kind__in=due_rules.CHECK_IN_KINDS,
            due__lte=today + CHECK_IN_SHOWN_BEFORE,
        )
        .select_related("trajectory")
        .order_by("due", "kind")
        .first()
    )


def due_item_detail(about: str, about_date: dt.date | None, ref: str) -> str:
    """What a due item is about, in words: an agreement's text, the date of the appointment
    ("gesprek van 3 maart 2026"), or the month of an aftercare check-in."""
    if about:
        return about
    if about_date is not None:
        return gettext("gesprek van %(date)s") % {"date": date_format(about_date, "j F Y")}
    kind, _, number = ref.partition(":")
    if kind == "check_in":
        return gettext("maand %(number)s") % {"number": number}
    return ""


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
            # A youth without a consultant is in no team: the team lead sees it to assign one.
            return items.filter(Q(consultant__team_id=self.team_id) | Q(consultant__isnull=True))
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


# Vandaag: the open due items and the caseload.


@dataclass(frozen=True)
class AgendaRow:
    youth_id: int
    youth_name: str
    kind: str
    kind_label: str
    detail: str
    due: dt.date
    overdue: bool
    phase_label: str
    consultant_name: str


class _CountedPaginator(Paginator):
    """A paginator told its count: the list's own COUNT would join youths, trajectories and users."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def due_items_page(
    *,
    scope: Scope,
    today: dt.date,
    counts: "DueCounts",
    phase: str = "",
    kind: str = "",
    period: str = "soon",
    page_number: int | str = 1,
) -> Page:
    """Open due items, overdue first (oldest due date first), at most PAGE_SIZE per page.

    `counts` are those of `due_counts` with the same filters (`with_total` for any period but
    "soon"): they give the number of pages.
    """
    items = _due_items(scope, phase, kind)
    until = today + dt.timedelta(days=SOON_DAYS)
    period_filters = {
        "soon": Q(due__lte=until),
        "overdue": Q(due__lt=today),
        "today": Q(due=today),
        "coming": Q(due__gt=today, due__lte=until),
    }
    if period in period_filters:
        items = items.filter(period_filters[period])
    rows = items.order_by("due", "kind", "youth__sort_name", "id").values(
        "kind",
        "due",
        "about",
        "about_date",
        "ref",
        "youth_id",
        "youth__first_name",
        "youth__last_name",
        "trajectory__phase",
        "consultant__first_name",
        "consultant__last_name",
        "consultant__username",
    )
    count = {
        "soon": counts.overdue + counts.today + counts.soon,
        "overdue": counts.overdue,
        "today": counts.today,
        "coming": counts.soon,
    }.get(period, counts.total)
    page = _CountedPaginator(rows, PAGE_SIZE, count).get_page(page_number)
    page.object_list = [
        AgendaRow(
            youth_id=row["youth_id"],
            youth_name=person_name(row["youth__first_name"], row["youth__last_name"], ""),
            kind=row["kind"],
            kind_label=due_kind_label(row["kind"]),
            detail=due_item_detail(row["about"], row["about_date"], row["ref"]),
            due=row["due"],
            overdue=row["due"] < today,
            phase_label=_phase_label(row["trajectory__phase"]),
            consultant_name=person_name(
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
    total: int  # all open items with `with_total`, else those up to SOON_DAYS ahead


def due_counts(*, scope: Scope, today: dt.date, phase: str = "", kind: str = "", with_total: bool = False) -> DueCounts:
    """How many items are overdue, due today and due in the coming days (one query).

    Counted on `due` alone, so PostgreSQL answers from the (organisation, due) index, and only
    over items due up to SOON_DAYS ahead unless `with_total` asks for all open items.
    """
    until = today + dt.timedelta(days=SOON_DAYS)
    items = _due_items(scope, phase, kind)
    if not with_total:
        items = items.filter(due__lte=until)
    counts = items.aggregate(
        overdue=Count("due", filter=Q(due__lt=today)),
        today=Count("due", filter=Q(due=today)),
        soon=Count("due", filter=Q(due__gt=today, due__lte=until)),
        total=Count("due"),
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
    latest = Trajectory.objects.filter(youth=OuterRef("pk")).order_by("-pk")  # the current trajectory
    next_due = DueItem.objects.filter(youth=OuterRef("pk")).order_by("due").values("due")[:1]
    youths = scope.youths().annotate(current_phase=Subquery(latest.values("phase")[:1]), next_due=Subquery(next_due))
    if phase:
        youths = youths.filter(current_phase=phase)
    rows = youths.order_by("sort_name", "id").values(
        "pk",
        "first_name",
        "last_name",
        "current_phase",
        "next_due",
        "consultant__first_name",
        "consultant__last_name",
        "consultant__username",
    )
    # Counted without the consultant's join and the unused subqueries (Django drops those).
    page = _CountedPaginator(rows, PAGE_SIZE, youths.count()).get_page(page_number)
    page.object_list = [
        CaseloadRow(
            youth_id=row["pk"],
            youth_name=person_name(row["first_name"], row["last_name"], ""),
            phase_label=_phase_label(row["current_phase"]),
            next_due=row["next_due"],
            overdue=row["next_due"] is not None and row["next_due"] < today,
            consultant_name=person_name(
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
