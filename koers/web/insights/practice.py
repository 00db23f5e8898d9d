"""Mijn werk: a consultant's own practice — the working elements per phase over a period, the
method's steps and toolbox items used — and the contacts behind each number (only their own).
A mirror for the consultant, not a score: nobody else sees it."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.audit.models import AccessChannel
from koers.audit.services import access_log_write_many
from koers.insights.selectors.practice import (
    DEFAULT_PERIOD,
    PERIODS,
    PRACTICE_PHASES,
    contacts_behind,
    period_of,
    practice_by_youth,
    practice_of,
)
from koers.method.selectors import working_elements
from koers.trajectories.access import require_youth_worker, visible_youths
from koers.trajectories.models import Phase
from koers.web.forms import KoersForm


class PeriodForm(KoersForm):
    periode = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=[
            (key, gettext_lazy("De laatste %(months)s maanden") % {"months": months}) for key, months in PERIODS.items()
        ],
        required=False,
    )
    element = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    fase = forms.ChoiceField(choices=[("", ""), *Phase.choices], required=False, widget=forms.HiddenInput)
    jongere = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def _period(request):
    form = PeriodForm(request.GET or None, initial={"periode": DEFAULT_PERIOD})
    choice = form.cleaned_data.get("periode") if form.is_valid() else ""
    return form, period_of(choice or DEFAULT_PERIOD, timezone.localdate())


@login_required
@require_GET
def practice_view(request):
    require_youth_worker(request.user)
    form, period = _period(request)
    practice = practice_of(request.user, period)
    context = {
        "nav": "insights",
        "form": form,
        "practice": practice,
        "phases": [(phase, Phase(phase).label) for phase in PRACTICE_PHASES],
        "choice": form.cleaned_data.get("periode") or DEFAULT_PERIOD if form.is_valid() else DEFAULT_PERIOD,
    }
    return render(request, "web/insights/practice.html", context)


@login_required
@require_GET
def practice_contacts_view(request):
    """The consultant's own contacts behind a number of Mijn werk."""
    require_youth_worker(request.user)
    form, period = _period(request)
    data = form.cleaned_data if form.is_valid() else {}
    element, phase, youth_id = data.get("element", ""), data.get("fase", ""), data.get("jongere")
    page = contacts_behind(
        request.user,
        period,
        element=element,
        phase=phase,
        youth_id=youth_id,
        youths=visible_youths(request.user),
        page_number=request.GET.get("page", 1),
    )
    access_log_write_many(
        user=request.user,
        organisation_id=request.user.organisation_id,
        youth_ids=[line.youth_id for line in page.object_list],
        channel=AccessChannel.WEB,
        subject="insights",
    )
    context = {
        "nav": "insights",
        "page": page,
        "period": period,
        "element": element,
        "element_name": next((e.name for e in working_elements() if e.code == element), ""),
        "phase_label": Phase(phase).label if phase else "",
        "choice": data.get("periode") or DEFAULT_PERIOD,
        "youth_name": page.object_list[0].youth_name if youth_id and page.object_list else "",
    }
    return render(request, "web/insights/practice_contacts.html", context)


@login_required
@require_GET
def practice_youths_view(request):
    """Mijn werk per youth: what the consultant applied with each youth in the period."""
    require_youth_worker(request.user)
    form, period = _period(request)
    page = practice_by_youth(
        request.user, period, youths=visible_youths(request.user), page_number=request.GET.get("page", 1)
    )
    access_log_write_many(
        user=request.user,
        organisation_id=request.user.organisation_id,
        youth_ids=[row.youth_id for row in page.object_list],
        channel=AccessChannel.WEB,
        subject="insights",
    )
    context = {
        "nav": "insights",
        "page": page,
        "period": period,
        "choice": form.cleaned_data.get("periode") or DEFAULT_PERIOD if form.is_valid() else DEFAULT_PERIOD,
    }
    return render(request, "web/insights/practice_youths.html", context)
