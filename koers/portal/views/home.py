"""Home: the next appointment, the next small step, unread messages, progress, the consultant."""

from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.portal import selectors
from koers.portal.views.base import portal_page, portal_render
from koers.portal.views.daily import daily_context
from koers.portal.views.me import check_in_texts


@require_GET
@portal_page("home")
def home_view(request, youth):
    today = timezone.localdate()
    plan = selectors.plan_of(youth)
    in_aftercare = selectors.in_aftercare(youth)
    context = {
        "appointment": selectors.next_appointment(youth, today),
        "next_step": selectors.next_small_step(plan),
        "plan": plan,
        "progress": selectors.progress_of(plan),
        "in_aftercare": in_aftercare,
        # In the last month of aftercare: where to go with questions later.
        "aftercare_ending": check_in_texts()["end_of_aftercare"]
        if in_aftercare and selectors.aftercare_ends_soon(youth, today)
        else "",
        **daily_context(youth, plan, today),
    }
    return portal_render(request, youth, "portal/home.html", context, nav="home")
