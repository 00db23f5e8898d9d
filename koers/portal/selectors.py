"""Reads the portal pages compose, each for one youth only (the caller got `youth` from
koers.portal.access). Nothing here reads staff-only knowledge such as the target-group guidance."""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format

from koers.audit.models import AccessChannel, AccessLogEntry
from koers.contacts.models import Appointment, AppointmentStatus
from koers.lib.due_rules import DueKind
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


def who_viewed(youth: Youth, *, limit: int = 100) -> list[AccessLogEntry]:
    """Staff reads and changes of the youth's data, newest first (the youth's own are left out)."""
    return list(
        AccessLogEntry.objects.filter(youth_id=youth.pk, user__isnull=False)
        .exclude(channel=AccessChannel.PORTAL)
        # An open file refreshing its conversation is the same look, not a new one each 20 seconds.
        .exclude(subject="messages_poll")
        .select_related("user", "organisation")[:limit]
    )


def in_aftercare(youth: Youth) -> bool:
    trajectory = current_trajectory(youth)
    return trajectory is not None and trajectory.phase == Phase.AFTERCARE


def aftercare_ends_soon(youth: Youth, today: dt.date) -> bool:
    """The preparation for the end of aftercare is open and due within a month."""
    from koers.agenda.models import DueItem

    return DueItem.objects.filter(
        youth=youth, kind=DueKind.AFTERCARE_END_PREPARATION, due__lte=today + dt.timedelta(days=31)
    ).exists()
