"""N=1-analyse for one youth: pick a series (a self-rating, a life-domain score, contacts or daily
steps per week), split it at the start of an intervention (Koers proposes the date of the first
contact with it; the user may type another date), and see the chart with both phases, the data
table and the effect sizes, each with its reading in plain Dutch.

Reads only (GET): the form carries codes, a date and a number, never personal data. Queries: the
youth (with its access-log entry), what series exist (2), the interventions used (2), the series (2-3).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.audit.models import AccessAction, AccessChannel
from koers.insights.effects import analyse
from koers.insights.selectors.n1 import interventions_of, kind_of, series_of, series_options
from koers.lib.charts.series import Measurement, series_chart
from koers.trajectories.access import youth_for
from koers.web.forms import KoersForm

# What a user may type besides the browser's date picker (which sends 2026-03-02).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%Y"]


def start_field() -> forms.DateField:
    return forms.DateField(
        label=gettext_lazy("Of kies zelf de startdatum"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Leeg laten: Koers neemt het eerste contact met de aanpak. Typen mag: 3-2-2026."),
        error_messages={"invalid": gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-2-2026.")},
    )


class N1Form(KoersForm):
    reeks = forms.ChoiceField(label=gettext_lazy("Wat wilt u volgen?"))
    aanpak = forms.ChoiceField(label=gettext_lazy("Welke aanpak begon?"), required=False)
    start = start_field()
    doel = forms.DecimalField(
        label=gettext_lazy("Doel"),
        required=False,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=gettext_lazy("Voor PoGO: welk getal wilt u samen bereiken?"),
        error_messages={"invalid": gettext_lazy("Vul een getal in, bijvoorbeeld 4 of 7,5.")},
    )

    def __init__(self, *args, kinds, used, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["reeks"].choices = [(kind.key, kind.label) for kind in kinds]
        self.fields["aanpak"].choices = [("", _("Kies een aanpak"))] + [
            (item.key, f"{item.label} ({item.kind_label}, {_('vanaf')} {date_format(item.first_on, 'j F Y')})")
            for item in used
        ]
        self.used = {item.key: item for item in used}

    def clean_start(self):
        start = self.cleaned_data.get("start")
        if start and start > self.today:
            raise forms.ValidationError(_("De startdatum ligt in de toekomst. Kies vandaag of een eerdere dag."))
        return start

    def clean(self):
        data = super().clean()
        kind = kind_of(data.get("reeks") or "")
        goal = data.get("doel")
        if kind and goal is not None:
            high = kind.high
            if goal < kind.low or (high is not None and goal > high):
                upper = _("tot en met %(high)s") % {"high": int(high)} if high is not None else _("of meer")
                self.add_error(
                    "doel", _("Kies een doel van %(low)s %(upper)s.") % {"low": int(kind.low), "upper": upper}
                )
        return data


def _choice(form: N1Form, kinds) -> dict:
    """What to show: the form's valid values (a wrong date or goal is left out and shown as an
    error at its field), else the defaults: the first series, no split."""
    data = {}
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the fields that are right
        data = form.cleaned_data
    offered = {kind.key: kind for kind in kinds}
    kind = offered.get(data.get("reeks") or "") or (kinds[0] if kinds else None)
    used = form.used.get(data.get("aanpak") or "")
    typed = data.get("start")
    goal = data.get("doel")
    return {
        "kind": kind,
        "used": used,
        "split_on": typed or (used.first_on if used else None),
        "typed": typed is not None,
        "goal": float(goal) if goal is not None else None,
    }


def _analysis(youth_id: int, kind, split_on, goal, today) -> dict:
    """The series, its split and effect sizes, and the chart's geometry."""
    series = series_of(youth_id, kind, today)
    analysis = analyse(series, split_on, goal=goal) if split_on and series.points else None
    b_from = analysis.b[0].day if analysis and analysis.b else None
    measurements = [
        Measurement(p.day, p.value, None if analysis is None else "B" if b_from and p.day >= b_from else "A")
        for p in series.points
    ]
    charts = {"chart": None, "chart_narrow": None}
    if measurements:
        # Two drawings of the same chart: a phone shows the narrow one, so its text stays readable.
        charts = {
            "chart": series_chart(measurements, low=kind.low, high=kind.high, goal=goal),
            "chart_narrow": series_chart(
                measurements, low=kind.low, high=kind.high, goal=goal, width=360, height=240, max_x_ticks=3
            ),
        }
    return {"series": series, "analysis": analysis, "rows": measurements, **charts}


@login_required
@require_GET
def youth_n1_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject="n1")
    today = timezone.localdate()
    kinds = series_options(youth)
    form = N1Form(request.GET or None, kinds=kinds, used=interventions_of(youth.pk), today=today)
    context = {"youth": youth, "form": form, "kinds": kinds, **_choice(form, kinds)}
    if context["kind"] is not None:
        context.update(_analysis(youth.pk, context["kind"], context["split_on"], context["goal"], today))
    return render(request, "web/youths/n1.html", context)
