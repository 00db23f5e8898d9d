"""The public front door (/aanmelden/<organisation>/): a young person registers without signing
in, or asks to be called back. No puzzle (it shuts people out); instead (ADR 0013):

- a limit per address, counted in the shared attempt table (koers.accounts.throttle), with a
  friendly page and the phone number when it is reached (429);
- a honeypot field people and screen readers never meet: when a script fills it, the page looks
  as if it saved, and nothing is saved, so the script learns nothing;
- a length limit on every field, and on the whole request body before anything reads it;
- the organisation's optional e-mail check (koers.intake.services.public).

The organisation id in the address is not personal data; the receipt's address carries only a
signed reference.
"""

import functools
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from koers.accounts.throttle import client_address
from koers.idempotency.services import is_valid_key
from koers.intake.models import REFERENCE_PREFIX, IntakeSource, Specialism
from koers.intake.selectors.public import email_check_waiting, front_door
from koers.intake.services.public import (
    CALLBACK_WHEN_MAX_LENGTH,
    EmailCheckRefused,
    callback_request_submit,
    check_youth_age,
    email_check_confirm,
    public_form_allowed,
    self_registration_submit,
)
from koers.intake.services.referrals import REASON_MAX_LENGTH, check_contact
from koers.web.forms import KoersForm, attach_service_errors, date_field
from koers.web.once import ONCE_FIELD

# The longest honest form: every field full, in letters that take 4 bytes, URL-encoded. A bigger
# body is not a person typing.
PUBLIC_FORM_MAX_BYTES = 64 * 1024
HONEYPOT = "website"
_RECEIPT_SALT = "koers.web.intake.receipt"

# The needs in the youth's own words (the staff see Specialism's labels).
NEED_WORDS = {
    Specialism.DEBT: gettext_lazy("Geld en schulden"),
    Specialism.LVB: gettext_lazy("Leren of dingen begrijpen gaat moeilijk"),
    Specialism.MENTAL_HEALTH: gettext_lazy("Ik voel me vaak niet goed (psychische klachten)"),
    Specialism.ADDICTION: gettext_lazy("Alcohol, drugs of gokken"),
    Specialism.HOUSING: gettext_lazy("Een plek om te wonen"),
    Specialism.NEWCOMER: gettext_lazy("Ik ben nieuw in Nederland"),
    Specialism.SCHOOL: gettext_lazy("Terug naar school"),
}


def _too_long(limit: int):
    return gettext_lazy("Gebruik hoogstens %(limit)s tekens.") % {"limit": limit}


def _text(label, limit: int, *, required: bool = False, missing: str = "", **kwargs) -> forms.CharField:
    messages = {"max_length": _too_long(limit)}
    if missing:
        messages["required"] = missing
    return forms.CharField(label=label, max_length=limit, required=required, error_messages=messages, **kwargs)


class _PublicForm(KoersForm):
    use_required_attribute = False  # the server says what is missing, in its own words
    website = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class RegistrationForm(_PublicForm):
    first_name = _text(gettext_lazy("Voornaam"), 100, required=True, missing=gettext_lazy("Vul je voornaam in."))
    last_name = _text(gettext_lazy("Achternaam"), 150, required=True, missing=gettext_lazy("Vul je achternaam in."))
    birth_date = date_field(gettext_lazy("Geboortedatum"))
    phone = _text(
        gettext_lazy("Telefoonnummer"), 20, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    email = _text(gettext_lazy("E-mailadres"), 254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("Waar wil je hulp bij?"),
        help_text=gettext_lazy("Kies wat past. Je hoeft niets te kiezen. Het helpt ons de goede consulent te vinden."),
        choices=list(NEED_WORDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies uit de lijst.")},
    )
    reason = _text(
        gettext_lazy("Vertel in je eigen woorden waar je hulp bij wilt"),
        REASON_MAX_LENGTH,
        help_text=gettext_lazy("Bijvoorbeeld: ik zoek werk, ik wil een opleiding doen, ik weet niet wat ik wil."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    service_checks = {"birth_date": lambda day: check_youth_age(day, timezone.localdate())}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].error_messages.update(
            required=gettext_lazy("Vul je geboortedatum in."),
            invalid=gettext_lazy("Vul een datum in, bijvoorbeeld 15-03-2006."),
        )
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["birth_date"].widget.attrs["autocomplete"] = "bday"

    def clean(self):
        data = super().clean()
        # The service's checks of two fields, brought forward so every error shows in one round.
        for name, message in check_contact(phone=data.get("phone", ""), email=data.get("email", "")).items():
            if name not in self.errors:
                self.add_error(
                    name,
                    _("Vul je telefoonnummer of je e-mailadres in, zodat we je kunnen bereiken.")
                    if name == "phone"
                    else message,
                )
        if "needs" in data and not data["needs"] and not data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", _("Schrijf kort waar je hulp bij wilt, of kies iets uit de lijst."))
        return data


class CallbackForm(_PublicForm):
    first_name = _text(gettext_lazy("Voornaam"), 100, required=True, missing=gettext_lazy("Vul je voornaam in."))
    last_name = _text(gettext_lazy("Achternaam"), 150)
    phone = _text(
        gettext_lazy("Telefoonnummer"),
        20,
        required=True,
        missing=gettext_lazy("Vul je telefoonnummer in, zodat we je kunnen terugbellen."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    callback_when = _text(
        gettext_lazy("Wanneer kunnen we je het beste bellen?"),
        CALLBACK_WHEN_MAX_LENGTH,
        help_text=gettext_lazy("Bijvoorbeeld: dinsdag na 15.00 uur."),
    )
    reason = _text(gettext_lazy("Waar gaat het over?"), REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"


def public_form(view):
    """A public form's POST: refuse a body over PUBLIC_FORM_MAX_BYTES before anything parses it,
    then check CSRF (the middleware would parse the body first, so it is skipped here)."""
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.method == "POST" and length > PUBLIC_FORM_MAX_BYTES:
            door = front_door(kwargs["organisation_id"])
            return render(request, "web/intake/public_too_large.html", {"door": door}, status=413)
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def _receipt_url(organisation_id: int, *, reference: str, source: str, awaits_check: bool) -> str:
    proof = signing.dumps({"r": reference, "s": source, "c": awaits_check}, salt=_RECEIPT_SALT, compress=True)
    return reverse("public_receipt", args=[organisation_id]) + "?" + urlencode({"bewijs": proof})


def _looks_saved(organisation_id: int, source: str) -> str:
    """The receipt a script gets for a filled honeypot: the same page, with a reference of the
    same shape that belongs to nothing."""
    reference = f"{REFERENCE_PREFIX[source]}-{timezone.now():%Y}-{secrets.randbelow(90000) + 10000:05d}"
    return _receipt_url(organisation_id, reference=reference, source=source, awaits_check=False)


def _once_key(request) -> str | None:
    key = request.POST.get(ONCE_FIELD, "")
    return key if is_valid_key(key) else None


def _limit_reached(request, door):
    return render(request, "web/intake/public_limit.html", {"door": door}, status=429)


def _post(request, door, form, *, source: str, submit):
    """The shared POST: the honeypot, the limit per address, then the service."""
    if request.POST.get(HONEYPOT, "").strip():
        if not public_form_allowed(address=client_address(request)):
            return _limit_reached(request, door)
        return redirect(_looks_saved(door.organisation_id, source))
    if not form.is_valid():
        return None
    if not public_form_allowed(address=client_address(request)):
        return _limit_reached(request, door)
    try:
        referral = submit(form.cleaned_data, _once_key(request))
    except ValidationError as error:
        attach_service_errors(form, error)
        return None
    return redirect(
        _receipt_url(
            door.organisation_id,
            reference=referral.reference,
            source=source,
            awaits_check=referral.awaits_email_check,
        )
    )


# Per public form: its form, the service it feeds (with the form's fields of the same names),
# its source and its template.
_PUBLIC_FORMS = {
    IntakeSource.SELF: (RegistrationForm, self_registration_submit, "web/intake/public_register.html"),
    IntakeSource.CALLBACK: (CallbackForm, callback_request_submit, "web/intake/public_callback.html"),
}


def _public_form_page(request, organisation_id: int, source: str):
    form_class, service, template = _PUBLIC_FORMS[source]
    door = front_door(organisation_id)
    form = form_class(request.POST or None)
    if request.method == "POST":

        def submit(data, key):
            # The form's own fields, not the honeypot every public form shares.
            fields = {name: data[name] for name in form_class.base_fields if name not in _PublicForm.base_fields}
            return service(organisation_id=door.organisation_id, submission_key=key, **fields)

        response = _post(request, door, form, source=source, submit=submit)
        if response is not None:
            return response
    status = 400 if form.errors else 200
    context = {"door": door, "form": form, "anonymise_days": settings.KOERS_INTAKE_ANONYMISE_AFTER_DAYS}
    return render(request, template, context, status=status)


@public_form
@require_http_methods(["GET", "POST"])
def public_register_view(request, organisation_id: int):
    return _public_form_page(request, organisation_id, IntakeSource.SELF)


@public_form
@require_http_methods(["GET", "POST"])
def public_callback_view(request, organisation_id: int):
    return _public_form_page(request, organisation_id, IntakeSource.CALLBACK)


@require_GET
def public_receipt_view(request, organisation_id: int):
    door = front_door(organisation_id)
    try:
        proof = signing.loads(request.GET.get("bewijs", ""), salt=_RECEIPT_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return redirect("public_register", organisation_id=door.organisation_id)
    context = {
        "door": door,
        "reference": proof.get("r", ""),
        "callback": proof.get("s") == IntakeSource.CALLBACK,
        "awaits_check": bool(proof.get("c")),
    }
    return render(request, "web/intake/public_receipt.html", context)


@require_http_methods(["GET", "POST"])
def public_email_check_view(request, token: str):
    """GET asks to press a button, POST confirms: a mail scanner that opens every link must not
    confirm on the youth's behalf."""
    organisation_id, waiting = email_check_waiting(token)
    door = front_door(organisation_id) if organisation_id else None
    context = {"door": door, "waiting": waiting, "error": "", "done": False}
    if request.method == "POST":
        try:
            email_check_confirm(token=token)
        except EmailCheckRefused as refused:
            context["error"] = str(refused)
        else:
            context.update(done=True, waiting=False)
    elif door is None:
        context["error"] = _("Deze link klopt niet of is verlopen. Meld je opnieuw aan, of bel ons.")
    status = 400 if context["error"] else 200
    return render(request, "web/intake/public_email_check.html", context, status=status)
