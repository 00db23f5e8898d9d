"""Reads the portal pages compose, each for one youth only (the caller got `youth` from
koers.portal.access). Nothing here reads staff-only knowledge such as the target-group guidance."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Role
from koers.agenda.selectors import CHECK_IN_SHOWN_BEFORE
from koers.audit import subjects
from koers.audit.models import AccessChannel, AccessLogEntry
from koers.contacts.models import Appointment, AppointmentStatus
from koers.plans.models import SubGoal, SubGoalOwner
from koers.plans.selectors import PlanView, current_plan_of_youth
from koers.portal.models import InformationPage, Option
from koers.trajectories.models import Phase, Youth
from koers.trajectories.selectors import current_trajectory


def next_appointment(youth: Youth, today: dt.date) -> Appointment | None:
    return (
        Appointment.objects.filter(trajectory__youth=youth, status=AppointmentStatus.PLANNED, date__gte=today)
        .order_by("date", "time", "pk")
        .first()
    )


def next_small_step(plan: PlanView | None) -> SubGoal | None:
    """The youth's own open sub-goal that is due first (those without a date last)."""
    if plan is None:
        return None
    own = [g for g in plan.open if g.owner == SubGoalOwner.YOUTH]
    return min(own, key=lambda g: (g.due_on is None, g.due_on or dt.date.max, g.position), default=None)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    by_month: list[tuple[str, int]]  # ("november 2026", 2), oldest first


def progress_of(plan: PlanView | None) -> Progress:
    if plan is None:
        return Progress(done=0, total=0, by_month=[])
    months: dict[tuple[int, int], int] = {}
    for goal in plan.done:
        if goal.done_on:
            key = (goal.done_on.year, goal.done_on.month)
            months[key] = months.get(key, 0) + 1
    # Django's own Dutch month names ("november 2026"), as every date on the pages.
    by_month = [(date_format(dt.date(y, m, 1), "F Y"), n) for (y, m), n in sorted(months.items())]
    return Progress(done=len(plan.done), total=len(plan.sub_goals), by_month=by_month)


def plan_of(youth: Youth) -> PlanView | None:
    return current_plan_of_youth(youth.pk)


def own_sub_goal(youth: Youth, sub_goal_id: int) -> SubGoal | None:
    """A sub-goal of the youth's current plan (any owner: the youth sees the whole plan), else None;
    older plans cannot change any more."""
    plan = plan_of(youth)
    if plan is None:
        return None
    return next((goal for goal in plan.sub_goals if goal.pk == sub_goal_id), None)


def options_of(youth: Youth) -> list[Option]:
    return list(Option.objects.filter(organisation_id=youth.organisation_id, active=True))


def option_of(youth: Youth, key: str) -> Option | None:
    return Option.objects.filter(organisation_id=youth.organisation_id, active=True, key=key).first()


def information_pages_of(youth: Youth) -> list[InformationPage]:
    return list(
        InformationPage.objects.filter(organisation_id=youth.organisation_id, active=True).only(
            "slug", "title", "summary"
        )
    )


def information_page_of(youth: Youth, slug: str) -> InformationPage | None:
    return InformationPage.objects.filter(organisation_id=youth.organisation_id, active=True, slug=slug).first()


@dataclass(frozen=True)
class ViewedLine:
    """One line of "Wie heeft mijn gegevens bekeken?": one person, one day, one kind of access."""

    day: dt.date
    last_at: dt.datetime
    times: int
    who: str  # "Marieke Hoekstra, jouw consulent", "een andere consulent", "teamleider"
    organisation: str
    what: str  # "Je naam stond in een lijst", "Je dossier is geopend", ...
    details: tuple[str, ...]  # where the name stood, or which parts; how, when not on the website


# Grouped rows read at most: a line is a few of them (one per part and channel), and a page shows
# WHO_VIEWED_LINES lines.
WHO_VIEWED_LINES = 100
_ROWS_PER_LINE = 5


def who_viewed(youth: Youth, *, limit: int = WHO_VIEWED_LINES, staff_names: bool = True) -> list[ViewedLine]:
    """Staff reads and changes of the youth's data, newest day first, one line per person, day and
    kind (name in a list, file opened, created, changed, downloaded); the youth's own are left out.

    The youth's own consultant is named; other staff only when the organisation shows names
    (`staff_names=False`: nobody is named, for the data download). One query: the log grouped in
    SQL per person, day, action, part and channel, at most `limit * 5` rows."""
    zone = timezone.get_current_timezone()
    rows = list(
        AccessLogEntry.objects.filter(youth_id=youth.pk, user__isnull=False)
        .exclude(channel=AccessChannel.PORTAL)
        # An open file refreshing its conversation is the same look, not a new one each 20 seconds.
        .exclude(subject="messages_poll")
        .annotate(day=TruncDate("at", tzinfo=zone))
        .values(
            "user_id",
            "user__first_name",
            "user__last_name",
            "user__role",
            "organisation__name",
            "day",
            "action",
            "subject",
            "channel",
        )
        .annotate(times=Count("id"), last_at=Max("at"))
        .order_by("-day", "-last_at")[: limit * _ROWS_PER_LINE + 1]
    )
    if len(rows) > limit * _ROWS_PER_LINE and rows[-1]["day"] != rows[0]["day"]:
        # The oldest day read may be cut off: leave it out rather than count it short.
        oldest = rows[-1]["day"]
        rows = [row for row in rows if row["day"] != oldest]
    lines: dict[tuple, dict] = {}
    for row in rows:
        kind = subjects.kind_of(action=row["action"], subject=row["subject"])
        line = lines.setdefault(
            (row["user_id"], row["day"], kind),
            {"row": row, "kind": kind, "times": 0, "last_at": row["last_at"], "details": {}, "how": {}},
        )
        line["times"] += row["times"]
        line["last_at"] = max(line["last_at"], row["last_at"])
        if not (kind == subjects.Kind.OPENED and row["subject"] == "youth"):  # "je dossier" says it already
            line["details"][subjects.subject_words(row["subject"])] = None
        if how := str(subjects.CHANNEL_WORDS.get(row["channel"], "")):
            line["how"][how] = None
    ordered = sorted(lines.values(), key=lambda line: (line["row"]["day"], line["last_at"]), reverse=True)
    return [
        ViewedLine(
            day=line["row"]["day"],
            last_at=line["last_at"],
            times=line["times"],
            who=_who(line["row"], youth, staff_names=staff_names),
            organisation=line["row"]["organisation__name"],
            what=str(subjects.KIND_WORDS[line["kind"]]),
            details=(*line["details"], *line["how"]),
        )
        for line in ordered[:limit]
    ]


def _who(row: dict, youth: Youth, *, staff_names: bool) -> str:
    """The youth may always know their own consultant; other staff are named when the organisation
    chose so, else only their role."""
    name = f"{row['user__first_name']} {row['user__last_name']}".strip()
    role = str(dict(Role.choices).get(row["user__role"], _("medewerker")))
    if row["user_id"] == youth.consultant_id:
        own = _("jouw consulent")
        return f"{name}, {own}" if staff_names and name else str(own)
    if staff_names and name and youth.organisation.portal_shows_staff_names:
        return f"{name}, {role}"
    return str(_("een andere consulent")) if row["user__role"] == Role.CONSULTANT else role


@dataclass(frozen=True)
class Aftercare:
    """Where the youth stands in aftercare: when it ends, and when the next questions come."""

    ends_on: dt.date
    ends_soon: bool  # within a month
    next_questions_on: dt.date | None  # the next check-in that is not shown yet


def aftercare_of(youth: Youth, today: dt.date) -> Aftercare | None:
    """The youth's aftercare, when the current trajectory is in it (two queries)."""
    from koers.agenda.models import DueItem
    from koers.lib.due_rules import CHECK_IN_KINDS, aftercare_end
    from koers.trajectories import flow
    from koers.trajectories.models import MilestoneKind
    from koers.trajectories.selectors import trajectory_state

    trajectory = current_trajectory(youth)
    if trajectory is None or trajectory.phase != Phase.AFTERCARE:
        return None
    found = flow.by_kind(trajectory_state(trajectory).effective)
    outflow = found.get(MilestoneKind.OUTFLOW)
    if outflow is None:
        return None
    ends_on = aftercare_end(outflow.date, len(found[MilestoneKind.AFTERCARE_EXTENSION]))
    shown_from = today + CHECK_IN_SHOWN_BEFORE
    later = (
        DueItem.objects.filter(trajectory=trajectory, kind__in=CHECK_IN_KINDS, due__gt=shown_from)
        .order_by("due")
        .values_list("due", flat=True)
        .first()
    )
    return Aftercare(
        ends_on=ends_on,
        ends_soon=(ends_on - today).days <= 31,
        next_questions_on=later - CHECK_IN_SHOWN_BEFORE if later else None,
    )
