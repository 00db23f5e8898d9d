"""The partner area (/ketenpartner/): a chain partner's staff refer a youth and follow their own
referrals. Nothing else of Koers opens for them (koers.web.partner_area)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.intake.models import Specialism
from koers.intake.selectors.referrals import (
    bases_of,
    partner_referral,
    partner_referrals_page,
    require_chain_partner,
    status_history,
)
from koers.intake.services import REASON_MAX_LENGTH, check_consent, check_contact, referral_submit
from koers.trajectories.services import check_age
from koers.web.forms import KoersForm, attach_service_errors, date_field
from koers.web.once import submit_once


class ReferralForm(KoersForm):
    first_name = forms.CharField(
        label=gettext_lazy("Voornaam"), max_length=100, error_messages={"required": gettext_lazy("Vul de voornaam in.")}
    )
    last_name = forms.CharField(
        label=gettext_lazy("Achternaam"),
        max_length=150,
        error_messages={"required": gettext_lazy("Vul de achternaam in.")},
    )
    birth_date = date_field(gettext_lazy("Geboortedatum"))
    phone = forms.CharField(label=gettext_lazy("Telefoonnummer"), max_length=20, required=False)
    email = forms.CharField(label=gettext_lazy("E-mailadres"), max_length=254, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Waarom verwijst u de jongere?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Schrijf op waarom u de jongere verwijst.")},
    )
    partner_action = forms.CharField(
        label=gettext_lazy("Wat doet uw organisatie al voor de jongere?"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("Waar heeft de jongere hulp bij nodig?"),
        choices=Specialism.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    basis = forms.ChoiceField(
        label=gettext_lazy("Doel en grondslag"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies het doel en de grondslag van de verwijzing.")},
    )
    consent_given_by = forms.CharField(label=gettext_lazy("Wie gaf toestemming?"), max_length=200, required=False)
    consent_given_on = date_field(gettext_lazy("Wanneer?"), required=False)
    consent_how = forms.CharField(
        label=gettext_lazy("Hoe?"),
        help_text=gettext_lazy("Bijvoorbeeld: mondeling in een gesprek, of op een getekend formulier."),
        max_length=200,
        required=False,
    )

    service_checks = {"birth_date": lambda day: check_age(day, timezone.localdate())}
    # The server says what is missing (with its own words); a browser's :invalid would paint the
    # empty required text areas red before anyone typed.
    use_required_attribute = False

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.bases = bases_of(organisation_id=organisation_id)
        self.fields["birth_date"].error_messages["required"] = gettext_lazy("Vul de geboortedatum in.")
        self.fields["birth_date"].help_text = gettext_lazy("Verwijzen kan vanaf 17 jaar en 9 maanden, tot 28 jaar.")
        self.fields["basis"].choices = [
            (b.code, f"{b.label} ({_('toestemming nodig')})" if b.needs_consent else b.label) for b in self.bases
        ]

    def clean(self):
        data = super().clean()
        # The service's checks of more than one field, brought forward so every error shows at once.
        found = check_contact(phone=data.get("phone", ""), email=data.get("email", ""))
        basis = next((b for b in self.bases if b.code == data.get("basis")), None)
        consent = {key: data.get(f"consent_{key}") for key in ("given_by", "given_on", "how")}
        found.update(check_consent(basis, consent, timezone.localdate()))
        for name, message in found.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


@login_required
@require_GET
def partner_home_view(request):
    require_chain_partner(request.user)
    page = partner_referrals_page(request.user, page_number=request.GET.get("page", 1))
    return render(request, "web/intake/partner_list.html", {"nav": "partner", "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def partner_referral_new_view(request):
    user = request.user
    require_chain_partner(user)
    form = ReferralForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            referral = referral_submit(
                actor=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                phone=data["phone"],
                email=data["email"],
                reason=data["reason"],
                partner_action=data["partner_action"],
                needs=data["needs"],
                basis_code=data["basis"],
                consent={
                    "given_by": data["consent_given_by"],
                    "given_on": data["consent_given_on"],
                    "how": data["consent_how"],
                },
            )
            return reverse("partner_referral", args=[referral.pk]) + "?ontvangen=1"

        try:
            return submit_once(request, write=write, success=_("De verwijzing is ontvangen."))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render(request, "web/intake/partner_new.html", {"nav": "partner", "form": form})


@login_required
@require_GET
def partner_referral_view(request, referral_id: int):
    """The receipt right after sending, and later the status with its history."""
    referral = partner_referral(request.user, referral_id)
    context = {
        "nav": "partner",
        "referral": referral,
        "history": status_history(referral.pk),
        "just_sent": request.GET.get("ontvangen") == "1",
    }
    return render(request, "web/intake/partner_referral.html", context)
