"""Team: for the team lead, per consultant the caseload by phase (a chart with its table), the
contact norm, overdue items, aftercare and the portal. Support for supervision, not a judgement
of people: consultants by name, never ranked; small numbers hidden (koers.lib.small_numbers)."""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from koers.insights.selectors.practice import PERIODS, period_of
from koers.insights.selectors.team import CASELOAD_PHASES, PHASE_WEIGHTS, team_overview_recent, teams_of
from koers.lib.charts.bars import BarRow, stacked_bars
from koers.lib.small_numbers import HIDDEN, shown
from koers.trajectories.access import require_youth_worker
from koers.trajectories.models import Phase
from koers.web.forms import KoersForm

DEFAULT_PERIOD = "3"
PAGE_SIZE = 25  # consultants per page: the chart stays readable


class TeamFilterForm(KoersForm):
    team = forms.ChoiceField(label=gettext_lazy("Team"), required=False)
    periode = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=[
            (key, gettext_lazy("De laatste %(months)s maanden") % {"months": months}) for key, months in PERIODS.items()
        ],
        required=False,
    )

    def __init__(self, *args, teams: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", gettext_lazy("Alle teams")), *((str(pk), name) for pk, name in teams)]


def require_team_lead(user) -> None:
    require_youth_worker(user)
    if not user.is_team_lead:
        raise PermissionDenied(gettext("Dit overzicht is voor teamleiders."))


def today_url(consultant_id: int, **filters: str) -> str:
    """Vandaag filtered to one consultant: the list behind a number."""
    return reverse("today") + "?" + urlencode({"consultant": consultant_id, **filters})


def reply_time(seconds: float | None) -> str:
    """A median reply time in words: minutes, hours or days."""
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    if minutes < 60:
        return ngettext("%(n)s minuut", "%(n)s minuten", minutes) % {"n": minutes}
    hours = round(seconds / 3600)
    if hours < 48:
        return ngettext("%(n)s uur", "%(n)s uur", hours) % {"n": hours}
    days = round(seconds / 86400)
    return ngettext("%(n)s dag", "%(n)s dagen", days) % {"n": days}


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _and_list(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return gettext("%(first)s en %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _reading(totals, phases) -> str:
    """The chart's one line: how many youths, and in which phase most of them are."""
    if not totals.caseload_total:
        return gettext("Deze consulenten hebben geen jongeren met een lopend traject.")
    shown_cells = [(value, label) for value, (_phase, label) in zip(totals.caseload, phases, strict=True) if value]
    most = max(shown_cells, default=None, key=lambda cell: cell[0])
    text = gettext("Samen begeleiden deze consulenten %(total)s jongeren met een lopend traject.") % {
        "total": shown(totals.caseload_total)
    }
    if most is not None:
        text += " " + gettext("De meesten zitten in de fase %(phase)s.") % {"phase": most[1]}
    return text


@login_required
@require_GET
def team_view(request):
    user = request.user
    require_team_lead(user)
    teams = teams_of(organisation_id=user.organisation_id)
    form = TeamFilterForm(request.GET or None, teams=teams, initial={"periode": DEFAULT_PERIOD})
    data = form.cleaned_data if form.is_valid() else {}
    choice = data.get("periode") or DEFAULT_PERIOD
    team_id = int(data["team"]) if data.get("team") else None
    period = period_of(choice, timezone.localdate())
    overview, counted_at = team_overview_recent(
        organisation_id=user.organisation_id, team_id=team_id, period=period, today=timezone.localdate()
    )
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page", 1))
    phases = [(phase, Phase(phase).label) for phase in CASELOAD_PHASES]
    chart = stacked_bars(
        [BarRow(row.name, row.caseload, row.caseload_total) for row in page.object_list],
        scale_max=overview.largest_caseload,
    )
    context = {
        "nav": "insights",
        "form": form,
        "overview": overview,
        "counted_at": timezone.localtime(counted_at),
        "page": page,
        "phases": phases,
        "chart": chart,
        "reading": _reading(overview.totals, phases),
        "team_name": dict(teams).get(team_id, "") if team_id else "",
        "show_team": team_id is None and len(teams) > 1,
        "half_weighted": _and_list([str(label) for phase, label in phases if PHASE_WEIGHTS[phase] < 1]),
        "shown": shown,
        "hidden": HIDDEN,
        "today_url": today_url,
        "reply_time": reply_time,
        "decimal": decimal,
    }
    return render(request, "web/insights/team.html", context)
