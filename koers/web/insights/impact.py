"""Effecten (/inzicht/effecten/), for team leads: across the organisation's impact timelines (of
youths whose consent holds), the themes of added value and points of attention named most, and
the costs made against the range possibly saved, per payer. No youth named; counts of 1 to 4 are
hidden and amounts shown only from five timelines on (koers.impact.selectors.overview)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.impact.models import PointKind
from koers.impact.selectors import overview
from koers.lib.small_numbers import THRESHOLD, shown
from koers.web.insights.throughput import require_team_lead


@login_required
@require_GET
def impact_overview_view(request):
    require_team_lead(request.user)
    result = overview(organisation_id=request.user.organisation_id)
    themes = [
        (label, [theme for theme in result.themes if theme.kind == kind])
        for kind, label in ((PointKind.ADDED_VALUE, _("Meerwaarde")), (PointKind.ATTENTION, _("Aandachtspunten")))
    ]
    context = {
        "nav": "insights",
        "overview": result,
        "amounts_shown": result.timelines is not None and result.timelines >= THRESHOLD,
        "themes": themes,
        "threshold": THRESHOLD,
        "shown": shown,
    }
    return render(request, "web/insights/impact.html", context)
