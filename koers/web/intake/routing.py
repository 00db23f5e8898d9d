"""Routering (/instroom/routering/): the organisation's routing rules, e.g. "verwijzingen van het
RMC naar team Noord", for team leads and functional administrators. The rules are the service's
(koers.intake.services.routing); this page lists them and sends the form."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.models import ChainPartnerKind
from koers.intake.selectors.routing import routing_choices, routing_rule_of, routing_rules_of
from koers.intake.services.routing import may_manage_routing, routing_rule_delete, routing_rule_save
from koers.web.forms import KoersForm, attach_service_errors
from koers.web.once import submit_once


def _require(user) -> None:
    if not may_manage_routing(user):
        raise PermissionDenied(_("Alleen teamleiders en functioneel beheerders stellen de routering in."))


class RoutingRuleForm(KoersForm):
    # Plain numbers behind the lists: which team or partner may be chosen is the service's rule,
    # so its message ("een team van uw eigen organisatie") lands on the field.
    partner_kind = forms.ChoiceField(
        label=gettext_lazy("Verwijzingen van"),
        error_messages={
            "required": gettext_lazy("Kies de soort ketenpartner."),
            "invalid_choice": gettext_lazy("Kies de soort ketenpartner."),
        },
    )
    chain_partner = forms.IntegerField(
        label=gettext_lazy("Alleen van deze ketenpartner"),
        help_text=gettext_lazy("Leeg: elke ketenpartner van deze soort. Een regel voor één partner gaat voor."),
        required=False,
        error_messages={"invalid": gettext_lazy("Kies een ketenpartner uit de lijst, of laat dit leeg.")},
    )
    team = forms.IntegerField(
        label=gettext_lazy("Gaan naar team"),
        error_messages={
            "required": gettext_lazy("Kies het team dat deze verwijzingen krijgt."),
            "invalid": gettext_lazy("Kies een team uit de lijst."),
        },
    )

    _select = {"class": "utrecht-select utrecht-select--html-select"}

    def __init__(self, *args, teams, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_kind"].choices = [("", gettext_lazy("Kies een soort")), *ChainPartnerKind.choices]
        partner_choices = [("", gettext_lazy("Elke ketenpartner van deze soort")), *partners]
        self.fields["chain_partner"].widget = forms.Select(choices=partner_choices, attrs=self._select)
        self.fields["team"].widget = forms.Select(
            choices=[("", gettext_lazy("Kies een team")), *teams], attrs=self._select
        )


def _page(request, *, form, rule=None, status=200):
    context = {
        "nav": "intake",
        "rules": routing_rules_of(organisation_id=request.user.organisation_id),
        "form": form,
        "rule": rule,
    }
    template = "web/intake/routing_form.html" if rule is not None else "web/intake/routing.html"
    return render(request, template, context, status=status)


def _save(request, form, *, rule_id: int | None, success: str):
    if not form.is_valid():
        return None

    def write() -> str:
        routing_rule_save(
            actor=request.user,
            rule_id=rule_id,
            partner_kind=form.cleaned_data["partner_kind"],
            chain_partner_id=form.cleaned_data["chain_partner"],
            team_id=form.cleaned_data["team"],
        )
        return reverse("intake_routing")

    try:
        return submit_once(request, write=write, success=success)
    except ValidationError as error:
        attach_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def routing_view(request):
    """The list, with the form to add a rule below it."""
    _require(request.user)
    teams, partners = routing_choices(organisation_id=request.user.organisation_id)
    form = RoutingRuleForm(request.POST or None, teams=teams, partners=partners)
    if request.method == "POST":
        done = _save(request, form, rule_id=None, success=_("De regel is toegevoegd."))
        if done is not None:
            return done
        return _page(request, form=form, status=400)
    return _page(request, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def routing_rule_edit_view(request, rule_id: int):
    _require(request.user)
    rule = routing_rule_of(organisation_id=request.user.organisation_id, rule_id=rule_id)
    teams, partners = routing_choices(organisation_id=request.user.organisation_id)
    initial = {"partner_kind": rule.partner_kind, "chain_partner": rule.chain_partner_id, "team": rule.team_id}
    form = RoutingRuleForm(request.POST or None, initial=initial, teams=teams, partners=partners)
    if request.method == "POST":
        done = _save(request, form, rule_id=rule.pk, success=_("De regel is gewijzigd."))
        if done is not None:
            return done
        return _page(request, form=form, rule=rule, status=400)
    return _page(request, form=form, rule=rule)


@login_required
@require_POST
def routing_rule_delete_view(request, rule_id: int):
    """No 404 for a rule that is gone: a second click (or another tab) has the effect of one."""
    _require(request.user)

    def write() -> str:
        routing_rule_delete(actor=request.user, rule_id=rule_id)  # only a rule of the user's organisation
        return reverse("intake_routing")

    return submit_once(request, write=write, success=_("De regel is verwijderd."))
