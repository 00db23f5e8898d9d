"""Specialismen: a consultant records what they know well (/instellingen/specialismen/); a team
lead sees every consultant's specialisms and sets them (/instroom/specialismen/). The daily
distribution suggests a consultant whose specialism matches what a youth needs."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.accounts.models import Role
from koers.intake.models import Specialism
from koers.intake.selectors.specialisms import consultant_of_organisation, organisation_specialisms, specialisms_of
from koers.intake.services.decisions import may_decide_intake
from koers.intake.services.specialisms import consultant_specialisms_set
from koers.web.forms import KoersForm, attach_service_errors
from koers.web.once import submit_once


class SpecialismsForm(KoersForm):
    specialisms = forms.MultipleChoiceField(
        label=gettext_lazy("Specialismen"),
        help_text=gettext_lazy("Kies wat u goed kent. Geen keuze is ook goed."),
        choices=Specialism.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Kies alleen specialismen uit de lijst.")},
    )


def _save(request, form, *, consultant_id: int, location: str, success: str):
    """Save the ticked specialisms once; None when the form or the service refused."""
    if not form.is_valid():
        return None

    def write() -> str:
        consultant_specialisms_set(
            actor=request.user, consultant_id=consultant_id, specialisms=form.cleaned_data["specialisms"]
        )
        return location

    try:
        return submit_once(request, write=write, success=success)
    except ValidationError as error:
        attach_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def own_specialisms_view(request):
    user = request.user
    if may_decide_intake(user):
        return redirect("intake_specialisms")  # a team lead is no candidate; they keep the team's
    if not (user.works_with_youths and user.role == Role.CONSULTANT):
        raise PermissionDenied(_("Alleen consulenten leggen hun specialismen vast."))
    form = SpecialismsForm(request.POST or None, initial={"specialisms": specialisms_of(user.pk)})
    if request.method == "POST":
        location = reverse("own_specialisms")
        done = _save(
            request, form, consultant_id=user.pk, location=location, success=_("Uw specialismen zijn opgeslagen.")
        )
        if done is not None:
            return done
    context = {"nav": "settings", "form": form, "consultant": None}
    return render(request, "web/intake/specialisms_form.html", context, status=400 if form.errors else 200)


def _require_team_lead(user) -> None:
    if not may_decide_intake(user):
        raise PermissionDenied(_("Alleen teamleiders zien de specialismen van alle consulenten."))


@login_required
@require_GET
def intake_specialisms_view(request):
    _require_team_lead(request.user)
    rows = organisation_specialisms(organisation_id=request.user.organisation_id)
    return render(request, "web/intake/specialisms.html", {"nav": "intake", "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def intake_specialisms_edit_view(request, consultant_id: int):
    _require_team_lead(request.user)
    consultant = consultant_of_organisation(organisation_id=request.user.organisation_id, consultant_id=consultant_id)
    form = SpecialismsForm(request.POST or None, initial={"specialisms": specialisms_of(consultant.pk)})
    if request.method == "POST":
        name = consultant.get_full_name() or consultant.username
        success = _("De specialismen van %(name)s zijn opgeslagen.") % {"name": name}
        done = _save(
            request, form, consultant_id=consultant.pk, location=reverse("intake_specialisms"), success=success
        )
        if done is not None:
            return done
    status = 400 if form.errors else 200
    context = {"nav": "intake", "form": form, "consultant": consultant}
    return render(request, "web/intake/specialisms_form.html", context, status=status)
