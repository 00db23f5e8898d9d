"""De verbetertool: a short self-assessment per working element, saved over time and shown beside
the consultant's logged practice; private unless they share it with their team lead or team."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.models import User
from koers.insights.models import Frequency
from koers.insights.selectors.practice import DEFAULT_PERIOD, period_of, practice_of
from koers.insights.selectors.self_assessment import (
    comparison,
    fillings_of,
    may_see_self_assessment,
    questions,
    shared_with,
    sharing_of,
)
from koers.insights.services import insight_sharing_set, self_assessment_save
from koers.trajectories.access import require_youth_worker
from koers.web.forms import KoersForm, attach_service_errors, button_write
from koers.web.once import submit_once


class SelfAssessmentForm(KoersForm):
    """One radio group per working element: the question as legend, the tip as help text."""

    def __init__(self, *args, groups, latest=None, **kwargs):
        super().__init__(*args, initial=dict(latest or {}), **kwargs)
        for group in groups:
            for question in group.questions:
                required = gettext_lazy("Kies een antwoord bij: %(name)s.") % {"name": question.name}
                self.fields[question.code] = forms.TypedChoiceField(
                    label=question.question,
                    help_text=question.tip,
                    choices=Frequency.choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": required},
                )
        # The fields are added after KoersForm gave its classes: give them here.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-radio-button utrecht-radio-button--html-input")


class SharingForm(KoersForm):
    self_assessment_with_team_lead = forms.BooleanField(
        label=gettext_lazy("Mijn teamleider mag mijn verbetertool zien"), required=False
    )
    self_assessment_with_team = forms.BooleanField(
        label=gettext_lazy("Mijn team (intervisiegroep) mag mijn verbetertool zien"), required=False
    )
    name_in_team_profile = forms.BooleanField(
        label=gettext_lazy("Mijn team ziet mijn naam in het teamprofiel (anders staat er een letter)"), required=False
    )


def _page(request, consultant: User, form=None, *, own: bool):
    groups = questions()
    fillings = fillings_of(consultant)
    practice = practice_of(consultant, period_of(DEFAULT_PERIOD, timezone.localdate()))
    if own and form is None:
        form = SelfAssessmentForm(groups=groups, latest=fillings[0].answers if fillings else None)
    sharing = sharing_of(consultant)
    context = {
        "nav": "insights",
        "consultant": consultant,
        "own": own,
        "form": form,
        "groups": groups,
        "fillings": fillings,
        "practice": practice,
        "rows": comparison(groups, fillings, practice),
        "sharing_form": SharingForm(
            initial={
                "self_assessment_with_team_lead": sharing.self_assessment_with_team_lead,
                "self_assessment_with_team": sharing.self_assessment_with_team,
                "name_in_team_profile": sharing.name_in_team_profile,
            }
        )
        if own
        else None,
        "shared_with_me": shared_with(request.user) if own else [],
    }
    return render(request, "web/insights/self_assessment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment_view(request):
    require_youth_worker(request.user)
    if request.method == "GET":
        return _page(request, request.user, own=True)
    form = SelfAssessmentForm(request.POST, groups=questions())
    if form.is_valid():

        def write() -> str:
            self_assessment_save(actor=request.user, answers=form.cleaned_data)
            return reverse("self_assessment") + "#vergelijking"

        try:
            return submit_once(request, write=write, success=_("Uw antwoorden zijn opgeslagen."))
        except ValidationError as error:
            attach_service_errors(form, error)
    return _page(request, request.user, form, own=True)


@login_required
@require_POST
def sharing_view(request):
    require_youth_worker(request.user)
    form = SharingForm(request.POST)
    form.is_valid()  # three tick boxes: every input is valid
    return button_write(
        request,
        lambda: insight_sharing_set(actor=request.user, **form.cleaned_data),
        success=_("Uw keuze is opgeslagen."),
        location=reverse("self_assessment") + "#delen",
    )


@login_required
def colleague_view(request, user_id: int):
    """A colleague's verbetertool, read only, when they shared it with the viewer; 404 otherwise."""
    require_youth_worker(request.user)
    consultant = get_object_or_404(User, pk=user_id, organisation_id=request.user.organisation_id)
    if consultant.pk == request.user.pk:
        return _page(request, consultant, own=True)
    if not may_see_self_assessment(request.user, consultant):
        raise Http404(_("Deze verbetertool is niet met u gedeeld."))
    return _page(request, consultant, own=False)
