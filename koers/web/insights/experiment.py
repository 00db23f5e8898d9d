"""Het experiment met de caseload, for team leads: a group of consultants (e.g. with a smaller
caseload from a date) beside the other consultants and beside itself before that date, on
throughput time, contact frequency and outflow, each difference with a 95 % bootstrap interval
and a plain note on what such a comparison can and cannot show. The groups are made and changed
on the same page (no four eyes: a group changes nobody's work)."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.insights.selectors.experiment import (
    Comparison,
    Experiment,
    Measure,
    experiment_groups,
    experiment_recent,
    staff_choices,
)
from koers.insights.services.experiment import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    experiment_group_delete,
    experiment_group_save,
)
from koers.lib.charts.intervals import Estimate, interval_chart
from koers.lib.small_numbers import shown
from koers.web.forms import IdsField, KoersForm, attach_service_errors, button_write, date_field
from koers.web.insights.throughput import require_team_lead
from koers.web.once import submit_once


class ExperimentGroupForm(KoersForm):
    name = forms.CharField(label=gettext_lazy("Naam van de groep"), max_length=NAME_MAX_LENGTH)
    starts_on = date_field(gettext_lazy("Vanaf"))
    consultant_ids = IdsField(label=gettext_lazy("Consulenten in de groep"), widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bijvoorbeeld: caseload van 60 naar 40 jongeren. Zet hier geen namen van jongeren."),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant_ids"].choices = staff


@dataclass(frozen=True)
class Kind:
    """How a measure is shown: its words, unit and number format."""

    title: str
    explanation: str
    unit: str
    factor: float
    decimals: int
    less: str  # the word for a negative difference ("korter", "minder")
    more: str


KINDS = {
    "throughput": Kind(
        gettext_lazy("Doorlooptijd"),
        gettext_lazy(
            "Dagen van melding tot uitstroom (de mediaan), van de trajecten die in de periode uitstroomden. "
            "Een traject telt bij de consulent die de jongere begeleidde bij de uitstroom."
        ),
        gettext_lazy("dagen"),
        1,
        0,
        gettext_lazy("korter"),
        gettext_lazy("langer"),
    ),
    "contacts": Kind(
        gettext_lazy("Contacten per jongere per maand"),
        gettext_lazy(
            "Per consulent: de vastgelegde contacten, gedeeld door het aantal lopende trajecten (geteld op de 15e "
            "van elke maand). Daarna het gemiddelde van de consulenten."
        ),
        gettext_lazy("contacten"),
        1,
        2,
        gettext_lazy("minder"),
        gettext_lazy("meer"),
    ),
    "outflow": Kind(
        gettext_lazy("Uitstroom"),
        gettext_lazy(
            "Van de trajecten die in de periode op uitstroom wachtten (gemeld, nog niet uitgestroomd of afgesloten): "
            "het deel dat in de periode uitstroomde."
        ),
        gettext_lazy("procentpunt"),
        100,
        0,
        gettext_lazy("minder"),
        gettext_lazy("meer"),
    ),
}
COMPARISON_LABELS = {
    "after_group_vs_others": gettext_lazy("Na de start: groep min anderen"),
    "group_after_vs_before": gettext_lazy("Groep: na min vóór"),
    "others_after_vs_before": gettext_lazy("Anderen: na min vóór"),
    "change_group_vs_others": gettext_lazy("Verandering in de groep min die bij de anderen"),
}


def number(value: float, decimals: int) -> str:
    """Dutch notation with a real minus sign: "−1,25"."""
    text = f"{abs(value):.{decimals}f}".replace(".", ",")
    return f"−{text}" if round(value, decimals) < 0 else text


def _cell_text(kind: Kind, value: float | None) -> str:
    if value is None:
        return ""
    if kind.factor == 100:
        return f"{number(value * 100, 0)} %"
    return number(value, kind.decimals)


# What each comparison says, with the size of the difference and its direction filled in.
SENTENCES = {
    "after_group_vs_others": gettext_lazy(
        "Na de start: bij de groep %(amount)s %(unit)s %(direction)s dan bij de anderen."
    ),
    "group_after_vs_before": gettext_lazy("Bij de groep: na de start %(amount)s %(unit)s %(direction)s dan ervoor."),
    "others_after_vs_before": gettext_lazy("Bij de anderen: na de start %(amount)s %(unit)s %(direction)s dan ervoor."),
    "change_group_vs_others": gettext_lazy(
        "Rekening houdend met de verandering bij de anderen: bij de groep %(amount)s %(unit)s %(direction)s."
    ),
}


def _decimals(kind: Kind) -> int:
    """Differences of shares get one decimal more than the shares (whole percentages)."""
    return kind.decimals + (1 if kind.factor == 100 else 0)


def _reading(kind: Kind, comparison: Comparison) -> str:
    """What a difference and its interval say, in plain Dutch."""
    if comparison.interval is None:
        return _("Niet te berekenen: te weinig jongeren in een van de groepen.")
    i, decimals = comparison.interval, _decimals(kind)
    estimate = i.estimate * kind.factor
    if round(estimate, decimals) == 0:
        said = _("Geen verschil.")
    else:
        said = str(SENTENCES[comparison.key]) % {
            "amount": number(abs(estimate), decimals),
            "unit": kind.unit,
            "direction": kind.less if estimate < 0 else kind.more,
        }
    bounds = {"lower": number(i.lower * kind.factor, decimals), "upper": number(i.upper * kind.factor, decimals)}
    if i.excludes_zero:
        chance = _(
            "Waarschijnlijk geen toeval (het interval loopt van %(lower)s tot %(upper)s), maar het bewijst niet "
            "wat de oorzaak is."
        )
    else:
        chance = _("Dat kan ook toeval zijn: het interval loopt van %(lower)s tot %(upper)s en bevat 0.")
    return f"{said} {chance % bounds}"


@dataclass(frozen=True)
class ComparisonLine:
    label: str
    estimate: str
    interval: str
    reading: str


@dataclass(frozen=True)
class MeasureView:
    key: str
    kind: Kind
    cells: dict  # cell name -> (value text, n)
    measure: Measure
    lines: tuple[ComparisonLine, ...]
    chart: object
    reading: str


def _measure_view(key: str, measure: Measure) -> MeasureView:
    kind = KINDS[key]
    decimals = _decimals(kind)
    lines, estimates = [], []
    for comparison in measure.comparisons:
        label = str(COMPARISON_LABELS[comparison.key])
        i = comparison.interval
        lines.append(
            ComparisonLine(
                label=label,
                estimate=number(i.estimate * kind.factor, decimals) if i else "",
                interval=_("%(lower)s tot %(upper)s")
                % {"lower": number(i.lower * kind.factor, decimals), "upper": number(i.upper * kind.factor, decimals)}
                if i
                else "",
                reading=_reading(kind, comparison),
            )
        )
        estimates.append(
            Estimate(label, i.estimate * kind.factor, i.lower * kind.factor, i.upper * kind.factor)
            if i
            else Estimate(label, None)
        )
    main = next(c for c in measure.comparisons if c.key == "change_group_vs_others")
    return MeasureView(
        key=key,
        kind=kind,
        cells={name: (_cell_text(kind, cell.value), cell) for name, cell in measure.cells.items()},
        measure=measure,
        lines=tuple(lines),
        chart=interval_chart(estimates),
        reading=_reading(kind, main),
    )


def measure_views(experiment: Experiment) -> list[MeasureView]:
    return [
        _measure_view("throughput", experiment.throughput),
        _measure_view("contacts", experiment.contacts),
        _measure_view("outflow", experiment.outflow),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def experiment_view(request):
    user = request.user
    require_team_lead(user)
    groups = experiment_groups(organisation_id=user.organisation_id)
    chosen_id = request.GET.get("groep", "")
    chosen = next((g for g in groups if str(g.pk) == chosen_id), groups[0] if groups else None)
    mode = request.GET.get("formulier", "")
    editing = next((g for g in groups if str(g.pk) == mode), None)
    form = None
    if mode or request.method == "POST" or not groups:
        initial = {}
        if editing is not None:
            initial = {
                "name": editing.name,
                "starts_on": editing.starts_on,
                "consultant_ids": [str(c.pk) for c in editing.consultants.all()],
                "note": editing.note,
            }
        staff = staff_choices(organisation_id=user.organisation_id)
        form = ExperimentGroupForm(request.POST or None, staff=staff, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data

            def write() -> str:
                group = experiment_group_save(actor=user, group=editing, **data)
                return f"{reverse('insights_experiment')}?groep={group.pk}"

            try:
                return submit_once(request, write=write, success=_("De groep is opgeslagen."))
            except ValidationError as error:
                attach_service_errors(form, error)
    experiment, counted_at = experiment_recent(chosen, today=timezone.localdate()) if chosen else (None, None)
    context = {
        "nav": "insights",
        "groups": groups,
        "chosen": chosen,
        "editing": editing,
        "form": form,
        "experiment": experiment,
        "counted_at": timezone.localtime(counted_at) if counted_at else None,
        "measures": measure_views(experiment) if experiment else [],
        "shown": shown,
    }
    return render(request, "web/insights/experiment.html", context)


@login_required
@require_POST
def experiment_group_delete_view(request, group_id: int):
    require_team_lead(request.user)
    return button_write(
        request,
        lambda: experiment_group_delete(actor=request.user, group_id=group_id),
        success=_("De groep is verwijderd."),
        location=reverse("insights_experiment"),
    )
