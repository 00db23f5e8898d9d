"""Lerend netwerk: the organisations that joined, side by side (no personal data, small cells hidden)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.insights.selectors.network import learning_network, may_see_network
from koers.insights.selectors.practice import DEFAULT_PERIOD, PRACTICE_PHASES, period_of
from koers.lib.small_numbers import shown
from koers.trajectories.models import Phase
from koers.web.insights.practice import PeriodForm


@login_required
@require_GET
def network_view(request):
    if not may_see_network(request.user):
        raise PermissionDenied(
            _("Het lerend netwerk is er voor teamleiders van organisaties die meedoen. Functioneel beheer zet dat aan.")
        )
    form = PeriodForm(request.GET or None, initial={"periode": DEFAULT_PERIOD})
    choice = (form.cleaned_data.get("periode") if form.is_valid() else "") or DEFAULT_PERIOD
    context = {
        "nav": "insights",
        "form": form,
        "network": learning_network(request.user, period_of(choice, timezone.localdate())),
        "phases": [Phase(phase).label for phase in PRACTICE_PHASES],
        "shown": shown,
    }
    return render(request, "web/insights/network.html", context)
