"""The daily step: one small step a day, a streak that never punishes a missed day."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from koers.plans.daily_steps import step_for_day, streak_of
from koers.plans.models import DailyStepChoice, DailyStepDone, SubGoalOwner
from koers.plans.selectors import PlanView
from koers.plans.services import daily_step_record
from koers.portal import selectors
from koers.portal.views.base import portal_page


def _choice(youth) -> DailyStepChoice | None:
    return DailyStepChoice.objects.filter(youth=youth, active=True).first()


def todays_step(youth, plan: PlanView | None, today: dt.date, choice: DailyStepChoice) -> dict:
    plan_steps = []
    if choice.from_plan and plan is not None:
        plan_steps = [(f"sub_goal:{g.pk}", g.text) for g in plan.open if g.owner == SubGoalOwner.YOUTH]
    return step_for_day(today, keys=choice.step_keys, plan_steps=plan_steps)


def daily_context(youth, plan: PlanView | None, today: dt.date) -> dict:
    choice = _choice(youth)
    if choice is None:
        return {"daily": None}
    days = list(DailyStepDone.objects.filter(youth=youth).values_list("day", flat=True)[:400])
    return {
        "daily": {
            "step": todays_step(youth, plan, today, choice),
            "done_today": today in days,
            "streak": streak_of(days, today),
        }
    }


@require_POST
@portal_page("daily_step")
def daily_step_done_view(request, youth):
    choice = _choice(youth)
    if choice is None:
        return redirect("portal_home")
    today = timezone.localdate()
    step = todays_step(youth, selectors.plan_of(youth), today, choice)
    daily_step_record(youth=youth, day=today, step_key=step["key"], text=step["text"])
    messages.success(request, step.get("encouragement") or "Goed gedaan!")
    return redirect("portal_home")
