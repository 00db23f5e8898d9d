"""Instroom (/instroom/): the team lead's intake queue and the daily distribution: take an item
on for a consultant (a youth and trajectory) or not (with the reason the partner reads)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.accounts.selectors import active_consultants
from koers.audit.models import AccessChannel
from koers.intake.models import IntakeSource, ReferralStatus, Specialism
from koers.intake.selectors.distribution import RUNNING_PHASES, distribution_for
from koers.intake.selectors.duplicates import possible_duplicates
from koers.intake.selectors.referrals import queue_decided, queue_item, queue_open, status_history
from koers.intake.services import referral_refuse, referral_take_on
from koers.intake.services.decisions import REFUSAL_MAX_LENGTH, may_decide_intake
from koers.trajectories.models import Phase
from koers.trajectories.services import DuplicateYouth
from koers.web.forms import KoersForm, attach_service_errors, date_field
from koers.web.once import submit_once


def _require_team_lead(user) -> None:
    if not may_decide_intake(user):
        raise PermissionDenied(_("Alleen teamleiders verdelen de instroom."))


class TakeOnForm(KoersForm):
    consultant = forms.TypedChoiceField(label=gettext_lazy("Consulent"), coerce=int)
    confirm_duplicate = forms.BooleanField(
        label=gettext_lazy("Dit is een andere jongere dan het bestaande dossier. Toch een nieuw dossier maken."),
        required=False,
    )
    # A call-back request lacks these until someone called the youth back (shown only then).
    birth_date = date_field(gettext_lazy("Geboortedatum"), required=False)
    last_name = forms.CharField(label=gettext_lazy("Achternaam"), max_length=150, required=False)

    def __init__(self, *args, organisation_id: int, suggested_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultants = active_consultants(organisation_id=organisation_id)
        self.fields["consultant"].choices = [
            ("", gettext_lazy("Kies een consulent")),
            *[(c.pk, c.get_full_name() or c.username) for c in self.consultants],
        ]
        self.fields["consultant"].initial = suggested_id
        self.fields["consultant"].error_messages.update(
            required=gettext_lazy("Kies de consulent die de jongere gaat begeleiden."),
            invalid_choice=gettext_lazy("Kies een consulent van uw eigen organisatie."),
        )

    def clean_consultant(self):
        consultant = self.consultants.filter(pk=self.cleaned_data["consultant"]).first()
        if consultant is None:
            raise ValidationError(gettext_lazy("Kies een consulent van uw eigen organisatie."))
        return consultant


class RefuseForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    refusal_reason = forms.CharField(
        label=gettext_lazy("Waarom neemt de gemeente de jongere niet aan?"),
        max_length=REFUSAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Schrijf op waarom de gemeente de jongere niet aanneemt.")},
    )

    def __init__(self, *args, source: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a partner reads the reason; the youth's own registration gets no message from Koers.
        self.fields["refusal_reason"].help_text = (
            gettext_lazy("De ketenpartner leest dit. Schrijf geen gegevens die de partner niet nodig heeft.")
            if source == IntakeSource.PARTNER
            else gettext_lazy(
                "Alleen uw team leest dit. De jongere krijgt hierover geen bericht van Koers: "
                "bel of mail de jongere zelf als dat nodig is."
            )
        )


@login_required
@require_GET
def intake_queue_view(request):
    _require_team_lead(request.user)
    organisation_id = request.user.organisation_id
    context = {
        "nav": "intake",
        "waiting": queue_open(organisation_id=organisation_id),
        "decided": queue_decided(organisation_id=organisation_id),
    }
    return render(request, "web/intake/queue.html", context)


def _item_page(request, referral, *, take_on_form=None, refuse_form=None, duplicate_id=None, status=200):
    distribution = distribution_for(referral) if referral.status == ReferralStatus.RECEIVED else None
    suggested = distribution.suggestion.consultant_id if distribution and distribution.suggestion else None
    context = {
        "nav": "intake",
        "referral": referral,
        "needs": [Specialism(code).label for code in referral.needs if code in Specialism.values],
        "history": status_history(referral.pk),
        "distribution": distribution,
        "phases": [Phase(phase).label for phase in RUNNING_PHASES],
        "duplicates": (
            possible_duplicates(request.user, referral, channel=AccessChannel.WEB)
            if referral.status == ReferralStatus.RECEIVED
            else []
        ),
        "duplicate_id": duplicate_id,
        "take_on_form": take_on_form or TakeOnForm(organisation_id=referral.organisation_id, suggested_id=suggested),
        "refuse_form": refuse_form or RefuseForm(source=referral.source),
    }
    return render(request, "web/intake/item.html", context, status=status)


@login_required
@require_GET
def intake_item_view(request, referral_id: int):
    _require_team_lead(request.user)
    return _item_page(request, queue_item(organisation_id=request.user.organisation_id, referral_id=referral_id))


@login_required
@require_http_methods(["POST"])
def intake_take_on_view(request, referral_id: int):
    user = request.user
    _require_team_lead(user)
    referral = queue_item(organisation_id=user.organisation_id, referral_id=referral_id)
    form = TakeOnForm(request.POST, organisation_id=user.organisation_id, suggested_id=None)
    if form.is_valid():

        def write() -> str:
            youth = referral_take_on(
                actor=user,
                referral_id=referral.pk,
                consultant=form.cleaned_data["consultant"],
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
                channel=AccessChannel.WEB,
                birth_date=form.cleaned_data["birth_date"],
                last_name=form.cleaned_data["last_name"],
            )
            return reverse("youth_file", args=[youth.pk])

        try:
            return submit_once(request, write=write, success=_("Aangenomen: het dossier en het traject staan klaar."))
        except DuplicateYouth as duplicate:
            attach_service_errors(form, duplicate)
            return _item_page(request, referral, take_on_form=form, duplicate_id=duplicate.youth_id, status=409)
        except ValidationError as error:
            attach_service_errors(form, error)
    return _item_page(request, referral, take_on_form=form, status=400)


@login_required
@require_http_methods(["POST"])
def intake_refuse_view(request, referral_id: int):
    user = request.user
    _require_team_lead(user)
    referral = queue_item(organisation_id=user.organisation_id, referral_id=referral_id)
    form = RefuseForm(request.POST, source=referral.source)
    if form.is_valid():

        def write() -> str:
            referral_refuse(actor=user, referral_id=referral.pk, reason=form.cleaned_data["refusal_reason"])
            return reverse("intake_queue")

        success = (
            _("Niet aangenomen. De ketenpartner ziet de reden.")
            if referral.source == IntakeSource.PARTNER
            else _("Niet aangenomen. De reden staat bij de aanmelding.")
        )
        try:
            return submit_once(request, write=write, success=success)
        except ValidationError as error:
            attach_service_errors(form, error)
    return _item_page(request, referral, refuse_form=form, status=400)
