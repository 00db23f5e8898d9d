"""Reads: the youth file's history, milestones and contacts newest first, a page at a time
(a keyset cursor, `eerder=YYYY-MM-DD.id`), with a fixed number of queries however long it is."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, TextChoices

from koers.accounts.selectors import person_name
from koers.contacts.models import (
    Agreement,
    AgreementOwner,
    Channel,
    Contact,
    ContactParticipant,
    Intervention,
    Participant,
    Purpose,
)
from koers.trajectories.models import Milestone, MilestoneKind, Trajectory

HISTORY_PAGE_SIZE = 10


@dataclass(frozen=True)
class MilestoneEntry:
    row: Milestone
    label: str
    detail: str
    role: str  # "": an original entry; "correction": corrects an earlier row; "withdrawal": withdraws one
    void: str  # "": counts; "replaced": corrected later; "withdrawn": withdrawn later
    replaces_date: dt.date | None


@dataclass(frozen=True)
class AgreementLine:
    owner_label: str
    description: str
    due_on: dt.date | None
    done: bool


@dataclass(frozen=True)
class ContactEntry:
    """One contact as the history shows it: plain values, labels already looked up."""

    pk: int
    channel_label: str
    purpose_label: str
    participant_labels: tuple[str, ...]
    interventions: tuple[str, ...]  # working-element names
    steps: tuple[str, ...]  # the method steps ticked, in the wording of the version then current
    agreements: tuple[AgreementLine, ...]
    evaluation_question_asked: bool
    notes: str
    recorded_by: str


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    recorded_at: dt.datetime
    milestone: MilestoneEntry | None = None
    contact: ContactEntry | None = None


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    older: str | None  # the cursor of the next (older) page; None when this is the oldest


def parse_cursor(value: str | None) -> tuple[dt.date, int] | None:
    """'2026-03-10.1234' -> (date, id); anything else -> None (the newest page)."""
    day, _, pk = (value or "").partition(".")
    try:
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


_CONTACT_COLUMNS = (
    "pk",
    "date",
    "recorded_at",
    "channel",
    "purpose",
    "evaluation_question_asked",
    "notes",
    "consultant__first_name",
    "consultant__last_name",
    "consultant__username",
)


def history_page(
    *, trajectory: Trajectory, milestones: tuple[Milestone, ...], before: tuple[dt.date, int] | None = None
) -> HistoryPage:
    """Up to HISTORY_PAGE_SIZE contacts older than `before`, with the milestones of that period.

    Five queries (contacts, their interventions, participants, steps and agreements), whatever the
    history's length;
    plain rows rather than model instances, because the history is the largest list of the file.
    Milestones are few per trajectory and already loaded (`milestones`); a page shows those dated
    from its oldest contact up to the page before it.
    """
    contacts = Contact.objects.filter(trajectory=trajectory)
    if before is not None:
        day, pk = before
        contacts = contacts.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))
    rows = list(contacts.order_by("-date", "-pk").values(*_CONTACT_COLUMNS)[: HISTORY_PAGE_SIZE + 1])
    more = len(rows) > HISTORY_PAGE_SIZE
    rows = rows[:HISTORY_PAGE_SIZE]
    upper = before[0] if before else dt.date.max
    lower = rows[-1]["date"] if more else dt.date.min
    shown = [m for m in milestones if lower <= m.date and (m.date < upper or before is None)]
    entries = [_milestone_entry(m, milestones) for m in shown]
    entries += _contact_entries(rows)
    ordered = tuple(sorted(entries, key=lambda e: (e.date, e.recorded_at), reverse=True))
    older = f"{rows[-1]['date'].isoformat()}.{rows[-1]['pk']}" if more else None
    return HistoryPage(entries=ordered, older=older)


def _contact_entries(rows: list[dict]) -> list[HistoryEntry]:
    ids = [row["pk"] for row in rows]
    interventions: dict[int, list[str]] = {pk: [] for pk in ids}
    for contact_id, name in (
        Intervention.objects.filter(contact_id__in=ids).order_by("id").values_list("contact_id", "element__name")
    ):
        interventions[contact_id].append(name)
    participants: dict[int, list[str]] = {pk: [] for pk in ids}
    for contact_id, kind in (
        ContactParticipant.objects.filter(contact_id__in=ids).order_by("id").values_list("contact_id", "kind")
    ):
        participants[contact_id].append(kind)
    steps: dict[int, list[str]] = {pk: [] for pk in ids}
    ticked = Contact.steps.through.objects.filter(contact_id__in=ids).order_by("methodstep__position")
    for contact_id, text in ticked.values_list("contact_id", "methodstep__text"):
        steps[contact_id].append(text)
    agreements: dict[int, list[AgreementLine]] = {pk: [] for pk in ids}
    for row in (
        Agreement.objects.filter(contact_id__in=ids)
        .order_by("due_on", "id")
        .values("contact_id", "owner", "description", "due_on", "done_on")
    ):
        agreements[row["contact_id"]].append(
            AgreementLine(
                owner_label=_label(AgreementOwner, row["owner"]),
                description=row["description"],
                due_on=row["due_on"],
                done=row["done_on"] is not None,
            )
        )
    return [
        HistoryEntry(
            date=row["date"],
            recorded_at=row["recorded_at"],
            contact=ContactEntry(
                pk=row["pk"],
                channel_label=_label(Channel, row["channel"]),
                purpose_label=_label(Purpose, row["purpose"]),
                participant_labels=tuple(
                    _label(Participant, code) for code in participants[row["pk"]] if code in Participant.values
                ),
                interventions=tuple(interventions[row["pk"]]),
                steps=tuple(steps[row["pk"]]),
                agreements=tuple(agreements[row["pk"]]),
                evaluation_question_asked=row["evaluation_question_asked"],
                notes=row["notes"],
                recorded_by=person_name(
                    row["consultant__first_name"], row["consultant__last_name"], row["consultant__username"]
                ),
            ),
        )
        for row in rows
    ]


def _label(choices: type[TextChoices], value: str) -> str:
    """The Dutch label of a stored choice; an unknown (retired) value shows as stored."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


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
