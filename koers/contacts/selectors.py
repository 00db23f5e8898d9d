"""Reads for contacts, agreements and appointments: the youth file's history, appointments and
open agreements. Each read runs a fixed number of queries however long the trajectory's history is:
lists show their recent part, and older entries come a page at a time.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Window

from koers.contacts.models import Agreement, Appointment, AppointmentStatus, Contact, Participant
from koers.method.models import WorkingElement
from koers.trajectories.models import Milestone, MilestoneKind, Trajectory

HISTORY_PAGE_SIZE = 20
PAST_APPOINTMENTS_SHOWN = 5
OPEN_AGREEMENTS_SHOWN = 20


# The history: milestones and contacts, newest first, a page at a time.


@dataclass(frozen=True)
class MilestoneEntry:
    row: Milestone
    label: str
    detail: str
    role: str  # "": an original entry; "correction": corrects an earlier row; "withdrawal": withdraws one
    void: str  # "": counts; "replaced": corrected later; "withdrawn": withdrawn later
    replaces_date: dt.date | None


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    recorded_at: dt.datetime
    milestone: MilestoneEntry | None = None
    contact: Contact | None = None


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    older: str | None  # the cursor of the next (older) page; None when this is the oldest


def _cursor(contact: Contact) -> str:
    return f"{contact.date.isoformat()}.{contact.pk}"


def parse_cursor(value: str | None) -> tuple[dt.date, int] | None:
    """'2026-03-10.1234' -> (date, id); anything else -> None (the newest page)."""
    day, _, pk = (value or "").partition(".")
    try:
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def history_page(
    *, trajectory: Trajectory, milestones: tuple[Milestone, ...], before: tuple[dt.date, int] | None = None
) -> HistoryPage:
    """Up to HISTORY_PAGE_SIZE contacts older than `before`, with the milestones of that period.

    Three queries (contacts, their interventions, their agreements), whatever the history's length.
    Milestones are few per trajectory and already loaded (`milestones`); a page shows those dated
    from its oldest contact up to the page before it.
    """
    contacts = Contact.objects.filter(trajectory=trajectory).select_related("consultant")
    if before is not None:
        day, pk = before
        contacts = contacts.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))
    rows = list(
        contacts.order_by("-date", "-pk").prefetch_related(
            Prefetch("interventions", queryset=WorkingElement.objects.only("id", "name").order_by()),
            Prefetch("agreements", queryset=Agreement.objects.order_by("due_on", "id")),
        )[: HISTORY_PAGE_SIZE + 1]
    )
    more = len(rows) > HISTORY_PAGE_SIZE
    rows = rows[:HISTORY_PAGE_SIZE]
    upper = before[0] if before else dt.date.max
    lower = rows[-1].date if more else dt.date.min
    shown = [m for m in milestones if lower <= m.date and (m.date < upper or before is None)]
    entries = [_milestone_entry(m, milestones) for m in shown]
    for contact in rows:
        contact.participant_labels = [
            str(Participant(code).label) for code in contact.participants if code in Participant.values
        ]
        entries.append(HistoryEntry(date=contact.date, recorded_at=contact.recorded_at, contact=contact))
    ordered = tuple(sorted(entries, key=lambda e: (e.date, e.recorded_at), reverse=True))
    return HistoryPage(entries=ordered, older=_cursor(rows[-1]) if more else None)


def _milestone_entry(row: Milestone, milestones: tuple[Milestone, ...]) -> HistoryEntry:
    later = next((m for m in milestones if m.replaces_id == row.pk), None)
    replaced = next((m for m in milestones if m.pk == row.replaces_id), None) if row.replaces_id else None
    entry = MilestoneEntry(
        row=row,
        label=str(MilestoneKind(row.kind).label),
        detail=row.extra_label,
        role="withdrawal" if row.withdrawn else ("correction" if row.replaces_id else ""),
        void="" if later is None else ("withdrawn" if later.withdrawn else "replaced"),
        replaces_date=replaced.date if replaced else None,
    )
    return HistoryEntry(date=row.date, recorded_at=row.recorded_at, milestone=entry)


# Appointments and agreements: what is planned and open, not the whole past.


@dataclass(frozen=True)
class Appointments:
    planned: tuple[Appointment, ...]
    recent: tuple[Appointment, ...]  # the latest past ones (held, missed, cancelled)


def appointments_of(trajectory: Trajectory) -> Appointments:
    """Planned appointments (soonest first) and the few latest others (two queries)."""
    rows = Appointment.objects.filter(trajectory=trajectory)
    planned = tuple(rows.filter(status=AppointmentStatus.PLANNED).order_by("date", "time", "id"))
    recent = tuple(
        rows.exclude(status=AppointmentStatus.PLANNED).order_by("-date", "-time", "-id")[:PAST_APPOINTMENTS_SHOWN]
    )
    return Appointments(planned=planned, recent=recent)


@dataclass(frozen=True)
class OpenAgreements:
    shown: tuple[Agreement, ...]
    total: int


def open_agreements_of(trajectory: Trajectory) -> OpenAgreements:
    """The open agreements, earliest due first, at most OPEN_AGREEMENTS_SHOWN (one query)."""
    shown = tuple(
        Agreement.objects.filter(trajectory=trajectory, done_on__isnull=True)
        .annotate(open_total=Window(Count("id")))  # counted in the same query
        .order_by("due_on", "id")[:OPEN_AGREEMENTS_SHOWN]
    )
    return OpenAgreements(shown=shown, total=shown[0].open_total if shown else 0)
