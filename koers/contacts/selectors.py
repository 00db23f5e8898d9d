"""Reads for contacts, agreements and appointments: the youth file's history, appointments and
open agreements. Each read runs a fixed number of queries however long the trajectory's history is:
lists show their recent part, and older entries come a page at a time.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Subquery, TextChoices, Window
from django.utils.formats import date_format
from django.utils.translation import gettext

from koers.accounts.selectors import person_name
from koers.contacts.models import (
    Agreement,
    AgreementOwner,
    Appointment,
    AppointmentStatus,
    Channel,
    Contact,
    LifeDomainAssessment,
    LifeDomainScore,
    Participant,
    Purpose,
    SelfRating,
)
from koers.method.life_domains import domains_of
from koers.method.models import BarrierKind, BasicMethod, MethodPhase, TargetGroupGuidance, ToolboxItem
from koers.method.selectors import PhaseSteps, basic_methods_for, current_version_of, steps_for_phases
from koers.trajectories.models import Barrier, Milestone, MilestoneKind, Phase, TargetGroup, Trajectory, Youth
from koers.trajectories.selectors import open_barriers_of

HISTORY_PAGE_SIZE = 10
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
    "participants",
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

    Four queries (contacts, their interventions, steps and agreements), whatever the history's length;
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
    through = Contact.interventions.through.objects.filter(contact_id__in=ids).order_by("id")
    for contact_id, name in through.values_list("contact_id", "workingelement__name"):
        interventions[contact_id].append(name)
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
                    _label(Participant, code) for code in row["participants"] if code in Participant.values
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


# What the consultant usually records for this youth, offered first in the contact form.

HABIT_CONTACTS = 20  # the recent contacts that count
FREQUENT_SHOWN = 6


@dataclass(frozen=True)
class ContactHabits:
    elements: tuple[str, ...]  # working-element codes, most used first
    channel: str | None  # the channel used most, None without contacts


def contact_habits(trajectory: Trajectory) -> ContactHabits:
    """The working elements and the channel used most in the trajectory's last HABIT_CONTACTS
    contacts (two queries, bounded by that number however long the history is)."""
    recent = Contact.objects.filter(trajectory=trajectory).order_by("-date", "-id").values("id")[:HABIT_CONTACTS]
    used = (
        Contact.interventions.through.objects.filter(contact_id__in=recent)
        .values("workingelement__code")
        .annotate(times=Count("id"))
        .order_by("-times", "workingelement__code")[:FREQUENT_SHOWN]
    )
    channel = (
        Contact.objects.filter(id__in=recent)
        .values("channel")
        .annotate(times=Count("id"))
        .order_by("-times", "channel")
        .values_list("channel", flat=True)
        .first()
    )
    return ContactHabits(elements=tuple(row["workingelement__code"] for row in used), channel=channel)


# The working method in the file: the steps that apply in the trajectory's phase, and which are done.

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
    high_stress: SelfRating | None = None  # the latest rating, when its stress is high
    stress_prompts: BasicMethod | None = None


def checklist_of(trajectory: Trajectory) -> Checklist:
    """The method steps for the trajectory's phase, with the ones already done (four queries:
    the steps, the done ones, the basic methods, the latest self-rating; none when closed)."""
    phases = tuple(str(p) for p in METHOD_PHASES.get(trajectory.phase, ()))
    if not phases:
        return Checklist(steps=steps_for_phases(trajectory.organisation_id, ()), done={}, basic_methods=())
    done = dict(
        Contact.steps.through.objects.filter(contact__trajectory=trajectory)
        .values("methodstep__key")
        .annotate(last=Max("contact__date"))
        .values_list("methodstep__key", "last")
    )
    latest = SelfRating.objects.filter(trajectory=trajectory, stress__isnull=False).order_by("-date", "-id").first()
    high = latest if latest is not None and latest.stress >= HIGH_STRESS else None
    methods = basic_methods_for(trajectory.organisation_id, phases, always=("stress_sensitive",) if high else ())
    return Checklist(
        steps=steps_for_phases(trajectory.organisation_id, phases),
        done=done,
        basic_methods=tuple(methods),
        high_stress=high,
        stress_prompts=next((m for m in methods if m.key == "stress_sensitive"), None) if high else None,
    )


# The toolbox: suggestions that fit this youth, each with why it is shown.

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
    fits = Q(barrier__in=list(why)) | Q(category=category) if category else Q(barrier__in=list(why))
    items = ToolboxItem.objects.filter(fits, version_id=Subquery(current_version_of(youth.organisation_id))).order_by(
        "position"
    )
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
    rows = TargetGroupGuidance.objects.filter(
        version_id=Subquery(current_version_of(youth.organisation_id)), marker__in=markers
    )
    return [(str(TargetGroup(row.marker).label), list(row.tips)) for row in sorted(rows, key=lambda r: r.marker)]


# Progress: life-domain assessments and self-ratings over time.
ASSESSMENTS_SHOWN = 4
SELF_RATINGS_SHOWN = 10


@dataclass(frozen=True)
class DomainRow:
    code: str
    label: str
    scores: tuple[tuple[int | None, bool], ...]  # per assessment, oldest first: (score, first to solve)


@dataclass(frozen=True)
class Progress:
    dates: tuple[tuple[dt.date, str], ...]  # the assessments shown, oldest first: (date, occasion label)
    domains: tuple[DomainRow, ...]
    ratings: tuple[SelfRating, ...]  # oldest first


def progress_of(trajectory: Trajectory, domain_set: str) -> Progress:
    """The latest assessments per life domain and the latest self-ratings (three queries)."""
    assessments = list(
        LifeDomainAssessment.objects.filter(trajectory=trajectory).order_by("-date", "-id")[:ASSESSMENTS_SHOWN]
    )[::-1]
    scores = {
        (s.assessment_id, s.domain): s
        for s in LifeDomainScore.objects.filter(assessment__in=[a.pk for a in assessments])
    }
    rows = []
    for code, label in domains_of(domain_set):
        cells = []
        for a in assessments:
            score = scores.get((a.pk, code))
            cells.append((score.score, score.first_to_solve) if score else (None, False))
        rows.append(DomainRow(code=code, label=str(label), scores=tuple(cells)))
    ratings = list(SelfRating.objects.filter(trajectory=trajectory).order_by("-date", "-id")[:SELF_RATINGS_SHOWN])[::-1]
    return Progress(
        dates=tuple((a.date, a.get_occasion_display()) for a in assessments),
        domains=tuple(rows),
        ratings=tuple(ratings),
    )
