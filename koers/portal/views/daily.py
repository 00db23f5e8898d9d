"""The daily step: one small step a day, a streak that never punishes a missed day."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from koers.plans.daily_steps import streak_of, suggestions_for_day
from koers.plans.selectors import PlanView, daily_step_choice_of, daily_steps_done_of, todays_step
from koers.plans.services import daily_step_record
from koers.portal.views.base import portal_page
from koers.work.selectors import volunteering_of


def daily_context(youth, plan: PlanView | None, today: dt.date) -> dict:
    choice = daily_step_choice_of(youth.pk)
    if choice is None:
        return {"daily": None}
    days = daily_steps_done_of(youth.pk)
    return {
        "daily": {
            "step": todays_step(choice, plan, today),
            "done_today": today in days,
            "streak": streak_of(days, today),
            # Something to do that also counts toward work: open volunteering of the organisation.
            "volunteering": suggestions_for_day(volunteering_of(youth.organisation_id, today), today),
        }
    }


@require_POST
@portal_page("daily_step")
def daily_step_done_view(request, youth):
    try:
        _done, step = daily_step_record(youth=youth, day=timezone.localdate())
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, step.get("encouragement") or "Goed gedaan!")
    return redirect("portal_home")
