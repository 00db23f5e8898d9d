"""Reads of plans: the current plan with its sub-goals, its versions and what changed, the
sub-goals youths ticked off themselves (Vandaag), and the daily step (the choice, today's step,
the days done)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from koers.plans.daily_steps import step_for_day
from koers.plans.models import DailyStepChoice, DailyStepDone, Plan, PlanRevision, SubGoal, SubGoalOwner, SubGoalStatus
from koers.trajectories.selectors import current_trajectory_id


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    sub_goals: list[SubGoal]  # open and done; stopped ones are in the versions only

    @property
    def done(self) -> list[SubGoal]:
        return [g for g in self.sub_goals if g.status == SubGoalStatus.DONE]

    @property
    def open(self) -> list[SubGoal]:
        return [g for g in self.sub_goals if g.status == SubGoalStatus.OPEN]


def plan_of_trajectory(trajectory_id: int) -> PlanView | None:
    """Two queries: the plan, its sub-goals."""
    plan = Plan.objects.filter(trajectory_id=trajectory_id).first()
    if plan is None:
        return None
    goals = list(SubGoal.objects.filter(plan=plan).exclude(status=SubGoalStatus.STOPPED))
    return PlanView(plan=plan, sub_goals=goals)


def current_plan_of_youth(youth_id: int) -> PlanView | None:
    """The plan of the youth's current trajectory (trajectories.selectors.current_trajectory_id)."""
    plan = Plan.objects.filter(trajectory_id=current_trajectory_id(youth_id)).first()
    if plan is None:
        return None
    goals = list(SubGoal.objects.filter(plan=plan).exclude(status=SubGoalStatus.STOPPED))
    return PlanView(plan=plan, sub_goals=goals)


def revisions_of(plan: Plan, *, limit: int = 20) -> list[PlanRevision]:
    return list(PlanRevision.objects.filter(plan=plan).select_related("changed_by")[:limit])


def latest_changes(plan: Plan) -> tuple[PlanRevision | None, list[str]]:
    """The newest version and what it changed compared with the one before (two rows, one query)."""
    newest = list(PlanRevision.objects.filter(plan=plan).order_by("-number")[:2])
    if not newest:
        return None, []
    before = newest[1].snapshot if len(newest) > 1 else None
    return newest[0], changes_between(before, newest[0].snapshot)


def _date(value: str | None) -> str:
    if not value:
        return _("geen datum")
    day = dt.date.fromisoformat(value)
    return f"{day.day}-{day.month}-{day.year}"


def changes_between(before: dict | None, after: dict) -> list[str]:
    """What changed from one version to the next, in plain Dutch for the youth and consultant."""
    if before is None:
        return [_("Het plan is gemaakt.")]
    changes = []
    if before["main_goal"] != after["main_goal"]:
        changes.append(_("Nieuw hoofddoel: %(goal)s") % {"goal": after["main_goal"]})
    if before["evaluation_on"] != after["evaluation_on"]:
        changes.append(_("Nieuwe datum voor de evaluatie: %(date)s") % {"date": _date(after["evaluation_on"])})
    if before.get("agreements") != after.get("agreements"):
        changes.append(_("De afspraken zijn aangepast."))
    if before.get("route") != after.get("route"):
        changes.append(_("De route is aangepast."))
    old = {g["id"]: g for g in before["sub_goals"]}
    new = {g["id"]: g for g in after["sub_goals"]}
    for goal_id, goal in new.items():
        was = old.get(goal_id)
        if was is None:
            changes.append(_("Nieuw subdoel: %(text)s") % {"text": goal["text"]})
            continue
        if was["status"] != goal["status"] and goal["status"] == SubGoalStatus.DONE:
            changes.append(_("Gedaan: %(text)s") % {"text": goal["text"]})
        elif was["status"] != goal["status"]:
            changes.append(_("Weer open: %(text)s") % {"text": goal["text"]})
        if was["text"] != goal["text"]:
            changes.append(_("Subdoel anders geschreven: %(text)s") % {"text": goal["text"]})
        if was["due_on"] != goal["due_on"]:
            changes.append(
                _("Andere datum voor %(text)s: %(date)s") % {"text": goal["text"], "date": _date(goal["due_on"])}
            )
        if was["owner_label"] != goal["owner_label"]:
            changes.append(_("%(text)s doet nu: %(owner)s") % {"text": goal["text"], "owner": goal["owner_label"]})
    for goal_id, goal in old.items():
        if goal_id not in new:
            changes.append(_("Subdoel eruit: %(text)s") % {"text": goal["text"]})
    return changes or [_("Geen inhoudelijke wijziging.")]


def recently_done_by_youths(youth_ids_query, *, since: dt.date, limit: int = 10) -> list[SubGoal]:
    """Sub-goals the youths ticked off themselves since `since`, newest first: Vandaag's notice."""
    return list(
        SubGoal.objects.filter(plan__youth_id__in=youth_ids_query, done_by_youth=True, done_on__gte=since)
        .select_related("plan__youth")
        .order_by("-done_on", "-pk")[:limit]
    )


def daily_step_choice_of(youth_id: int) -> DailyStepChoice | None:
    """The youth's daily step, when it is on."""
    return DailyStepChoice.objects.filter(youth_id=youth_id, active=True).first()


def todays_step(choice: DailyStepChoice, plan: PlanView | None, today: dt.date) -> dict:
    """Today's step for this choice: the youth's own open sub-goals in turn (when chosen so and
    there are any), else one from the chosen part of the library. The same all day long."""
    plan_steps = []
    if choice.from_plan and plan is not None:
        plan_steps = [(f"sub_goal:{g.pk}", g.text) for g in plan.open if g.owner == SubGoalOwner.YOUTH]
    return step_for_day(today, keys=choice.step_keys, plan_steps=plan_steps)


def daily_steps_done_of(youth_id: int, *, limit: int = 400) -> list[dt.date]:
    """The days the youth did their step, newest first (enough for the streak)."""
    return list(DailyStepDone.objects.filter(youth_id=youth_id).values_list("day", flat=True)[:limit])


def daily_step_summary(youth_id: int) -> tuple[DailyStepChoice | None, dict]:
    """The youth's daily-step choice (on or off) and, when there is one, how many days they did it
    and the last day (one query; two with a choice)."""
    choice = DailyStepChoice.objects.filter(youth_id=youth_id).first()
    if choice is None:
        return None, {}
    return choice, DailyStepDone.objects.filter(youth_id=youth_id).aggregate(days=Count("id"), last=Max("day"))
