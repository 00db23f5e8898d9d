"""Werk en werkgevers (/inzicht/werkgevers/), for team leads: per team and period, the
introductions to employers and their outcomes, and the team's employer relations (contacts,
tips, "Ik heb interesse"). Counts only, small numbers hidden; no youth named."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.insights.selectors.practice import period_of
from koers.insights.selectors.team import teams_of
from koers.insights.selectors.work import LATER_OUTCOMES, WorkFilter, work_counts_recent
from koers.lib.small_numbers import HIDDEN, shown
from koers.web.insights.team import DEFAULT_PERIOD, TeamFilterForm
from koers.web.insights.throughput import require_team_lead
from koers.work.models import IntroductionOutcome


@login_required
@require_GET
def work_view(request):
    user = request.user
    require_team_lead(user)
    today = timezone.localdate()
    teams = teams_of(organisation_id=user.organisation_id)
    form = TeamFilterForm(request.GET or None, teams=teams, initial={"periode": DEFAULT_PERIOD})
    data = form.cleaned_data if form.is_valid() else {}
    team_id = int(data["team"]) if data.get("team") else None
    period = period_of(data.get("periode") or DEFAULT_PERIOD, today)
    selection = WorkFilter(organisation_id=user.organisation_id, first=period.first, last=today, team_id=team_id)
    counts, counted_at = work_counts_recent(selection, teams=teams)
    context = {
        "nav": "insights",
        "form": form,
        "counts": counts,
        "counted_at": timezone.localtime(counted_at),
        "first": period.first,
        "team_name": dict(teams).get(team_id, "") if team_id else "",
        "outcomes": [outcome.label for outcome in IntroductionOutcome],
        "later_outcomes": [outcome.label for outcome in LATER_OUTCOMES],
        "shown": shown,
        "hidden": HIDDEN,
    }
    return render(request, "web/insights/work.html", context)
