"""Reads of plans: the current plan with its sub-goals, its versions and what changed, progress."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from koers.plans.models import DailyStepDone, Plan, PlanRevision, SubGoal, SubGoalStatus


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
    """The plan of the youth's newest trajectory that has one."""
    plan = Plan.objects.filter(youth_id=youth_id).order_by("-trajectory__created_at", "-pk").first()
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


def sub_goals_done_by_month(plan: Plan) -> list[tuple[str, int]]:
    """Progress over time for the youth: sub-goals done per month, oldest first (one query)."""
    counts: dict[str, int] = {}
    for day in SubGoal.objects.filter(plan=plan, status=SubGoalStatus.DONE).values_list("done_on", flat=True):
        if day:
            key = f"{day.year}-{day.month:02d}"
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


def recently_done_by_youths(youth_ids_query, *, since: dt.date, limit: int = 10) -> list[SubGoal]:
    """Sub-goals the youths ticked off themselves since `since`, newest first: Vandaag's notice."""
    return list(
        SubGoal.objects.filter(plan__youth_id__in=youth_ids_query, done_by_youth=True, done_on__gte=since)
        .select_related("plan__youth")
        .order_by("-done_on", "-pk")[:limit]
    )


def daily_steps_of(youth_id: int, *, limit: int = 400) -> list[DailyStepDone]:
    return list(DailyStepDone.objects.filter(youth_id=youth_id)[:limit])
