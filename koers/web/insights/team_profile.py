"""Teamprofiel: the team's consultant × working-element heatmap, for intervision."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.insights.selectors.practice import DEFAULT_PERIOD, PERIODS, period_of
from koers.insights.selectors.team_profile import HEAT_BANDS, profile_teams, team_profile
from koers.web.forms import KoersForm


class ProfileForm(KoersForm):
    team = forms.TypedChoiceField(label=gettext_lazy("Team"), coerce=int, required=False)
    periode = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=[
            (key, gettext_lazy("De laatste %(months)s maanden") % {"months": months}) for key, months in PERIODS.items()
        ],
        required=False,
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(team.pk, team.name) for team in teams]


@login_required
@require_GET
def team_profile_view(request):
    teams = profile_teams(request.user)
    if not teams:
        raise PermissionDenied(_("Het teamprofiel is er voor consulenten van een team en teamleiders."))
    initial = {"team": request.user.team_id or teams[0].pk, "periode": DEFAULT_PERIOD}
    form = ProfileForm(request.GET or None, teams=teams, initial=initial)
    data = form.cleaned_data if form.is_valid() else {}
    team = next((t for t in teams if t.pk == data.get("team")), None) or next(
        (t for t in teams if t.pk == initial["team"]), teams[0]
    )
    period = period_of(data.get("periode") or DEFAULT_PERIOD, timezone.localdate())
    context = {
        "nav": "insights",
        "form": form,
        "profile": team_profile(request.user, team, period),
        "bands": [round(lower * 100) for lower in HEAT_BANDS],
    }
    return render(request, "web/insights/team_profile.html", context)
