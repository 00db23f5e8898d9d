"""Doorlooptijd (throughput), for team leads: how long trajectories take from registration to
outflow, per route and destination, how many flow out within half a year and a year, and how
long each phase of the flow chart takes. Aggregates only, small numbers hidden; no youth listed."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.insights.selectors.throughput import NO_ROUTE, ThroughputFilter, filter_choices, throughput_recent
from koers.lib.charts.distribution import box_plot
from koers.lib.small_numbers import shown
from koers.trajectories.models import Route, TargetGroup
from koers.web.forms import KoersForm, date_field

DEFAULT_MONTHS = 24


def require_team_lead(user) -> None:
    """The team's figures are for team leads (their whole organisation); consultants see their own."""
    if not (user.is_authenticated and user.works_with_youths and user.is_team_lead):
        raise PermissionDenied(_("Alleen teamleiders zien de cijfers van het team."))


def default_first(today: dt.date) -> dt.date:
    year, month0 = divmod(today.year * 12 + today.month - 1 - DEFAULT_MONTHS, 12)
    return dt.date(year, month0 + 1, 1)


class ThroughputForm(KoersForm):
    van = date_field(gettext_lazy("Gemeld vanaf"), required=False)
    tot = date_field(gettext_lazy("Gemeld tot en met"), required=False)
    team = forms.TypedChoiceField(label=gettext_lazy("Team"), coerce=int, empty_value=None, required=False)
    consulent = forms.TypedChoiceField(label=gettext_lazy("Consulent"), coerce=int, empty_value=None, required=False)
    route = forms.ChoiceField(label=gettext_lazy("Route"), required=False)
    doelgroep = forms.ChoiceField(label=gettext_lazy("Doelgroep"), required=False)

    def __init__(self, *args, teams, consultants, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = ("", gettext_lazy("Alle"))
        self.fields["team"].choices = [everyone, *teams]
        self.fields["consulent"].choices = [everyone, *consultants]
        self.fields["route"].choices = [everyone, *Route.choices, (NO_ROUTE, gettext_lazy("Nog geen route"))]
        self.fields["doelgroep"].choices = [everyone, *TargetGroup.choices]

    def clean(self):
        data = super().clean()
        first, last = data.get("van"), data.get("tot")
        if first and last and first > last:
            self.add_error("tot", _("Kies een einddatum na de begindatum."))
        return data

    def to_filter(self, *, organisation_id: int, today: dt.date) -> ThroughputFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return ThroughputFilter(
            organisation_id=organisation_id,
            first=data.get("van") or default_first(today),
            last=data.get("tot") or today,
            team_id=data.get("team"),
            consultant_id=data.get("consulent"),
            route=data.get("route") or "",
            target_group=data.get("doelgroep") or "",
        )


def months(days: float) -> str:
    """Days as months with one decimal, in Dutch ("6,1")."""
    return f"{days / 30.44:.1f}".replace(".", ",")


def _chart(rows):
    """A box per row with trajectories (a row without any is only in the table, with 0)."""
    return box_plot([(row.label, row.spread) for row in rows if row.count != 0])


@login_required
@require_GET
def throughput_view(request):
    require_team_lead(request.user)
    today = timezone.localdate()
    teams, consultants = filter_choices(organisation_id=request.user.organisation_id)
    # The period is always filled in, so the form shows the one the numbers are about.
    query = request.GET.copy()
    query["van"] = query.get("van") or default_first(today).isoformat()
    query["tot"] = query.get("tot") or today.isoformat()
    form = ThroughputForm(query, teams=teams, consultants=consultants)
    selection = form.to_filter(organisation_id=request.user.organisation_id, today=today)
    data, counted_at = throughput_recent(selection, today=today)
    context = {
        "nav": "insights",
        "form": form,
        "data": data,
        "counted_at": timezone.localtime(counted_at),
        "months": months,
        "shown": shown,
        "route_chart": _chart(data.by_route),
        "destination_chart": _chart(data.by_destination),
        "phase_chart": _chart(data.phases),
    }
    return render(request, "web/insights/throughput.html", context)
