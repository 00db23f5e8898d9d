"""Home: the next appointment, the next small step, unread messages, progress, the consultant, and
in the first weeks who referred the youth."""

import datetime as dt

from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.intake.selectors.referrals import referrals_of_youth
from koers.portal import selectors
from koers.portal.views.base import portal_page, portal_render
from koers.portal.views.daily import daily_context

# How long the start page says who referred the youth; "Wie heeft mijn gegevens bekeken?" always does.
REFERRED_SHOWN_FOR = dt.timedelta(weeks=8)


@require_GET
@portal_page("home")
def home_view(request, youth):
    today = timezone.localdate()
    plan = selectors.plan_of(youth)
    aftercare = selectors.aftercare_of(youth, today)
    context = {
        "appointment": selectors.next_appointment(youth, today),
        "next_step": selectors.next_small_step(plan),
        "plan": plan,
        "progress": selectors.progress_of(plan),
        "in_aftercare": aftercare is not None,
        "aftercare": aftercare,
        "referred_by": referrals_of_youth(youth.pk, since=today - REFERRED_SHOWN_FOR),
        **daily_context(youth, plan, today),
    }
    return portal_render(request, youth, "portal/home.html", context, nav="home")
