"""Verwijzingen (/inzicht/verwijzingen/), for team leads: referrals, own registrations and call-back
requests per month and origin, and what became of them. Counts only, small numbers hidden; no youth named."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.insights.selectors.referrals import OUTCOMES, referral_counts
from koers.lib.small_numbers import shown
from koers.web.insights.throughput import require_team_lead

MONTHS = 12


@login_required
@require_GET
def referrals_view(request):
    require_team_lead(request.user)
    today = timezone.localdate()
    year, month0 = divmod(today.year * 12 + today.month - 1 - (MONTHS - 1), 12)
    since = dt.date(year, month0 + 1, 1)
    context = {
        "nav": "insights",
        "rows": referral_counts(organisation_id=request.user.organisation_id, since=since),
        "outcomes": [outcome.label for outcome in OUTCOMES],
        "since": since,
        "shown": shown,
    }
    return render(request, "web/insights/referrals.html", context)
