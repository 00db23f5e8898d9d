"""The municipality's own front door (ADR 0013): a young person registers on the public page, or
asks to be called back when they want help with the form. Both are a `Referral` in the intake
queue, on the basis of the youth's own application (`SELF_APPLICATION_BASIS`).

No one is signed in here, so the services take the organisation's id from the page, a form's
once-key (a reloaded POST saves one row) and nothing else about the sender. How often one address
may send is counted in the shared attempt table (`public_form_allowed`); the honeypot is the
page's concern, because a bot must not see a difference.

With the organisation's e-mail check on, a registration that gives an e-mail address waits out of
the queue until the youth opens the link from a mail without content (the outbox, in the same
transaction: a mail server that is down loses nothing). The link carries a signed id, nothing else.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts import throttle
from koers.accounts.models import Organisation
from koers.db.inserts import insert_if_absent
from koers.intake.defaults import SELF_APPLICATION_BASIS, install_referral_bases
from koers.intake.models import (
    IntakeSource,
    Referral,
    ReferralBasis,
    ReferralStatus,
    ReferralStatusChange,
    Specialism,
)
from koers.intake.services.referrals import REASON_MAX_LENGTH, _checked_text, check_contact, referral_reference_set
from koers.intake.tokens import EMAIL_CHECK_DAYS, TokenExpired, TokenInvalid, email_check_referral_id, email_check_token
from koers.outbox.services import mail_queue
from koers.trajectories.dates import check_birth_date
from koers.trajectories.services import check_age

CALLBACK_WHEN_MAX_LENGTH = 200


def public_form_allowed(*, address: str) -> bool:
    """Count one sent form from this address (registration and call-back together); False when
    the address sent too many (koers.accounts.throttle.LIMITS["intake_form_address"])."""
    return throttle.begin_intake_form(address=address) is not None


def check_youth_age(birth_date: dt.date, today: dt.date) -> None:
    """The partner's age rule (trajectories.services.check_age), told to the youth with "je"."""
    check_birth_date(birth_date)
    try:
        check_age(birth_date, today)
    except ValidationError:
        # The rule decided; this only picks the words: born recently means too young.
        too_young = birth_date > today.replace(year=today.year - 22, day=min(today.day, 28))
        raise ValidationError(
            {
                "birth_date": _(
                    "Je kunt je aanmelden vanaf 17 jaar en 9 maanden. Ben je jonger? Bel ons, dan kijken we wat kan."
                )
                if too_young
                else _(
                    "Aanmelden kan tot en met 27 jaar. Ben je ouder? Bel ons, dan vertellen we waar je terecht kunt."
                )
            }
        ) from None


def _open_organisation(organisation_id: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({"__all__": [_("Deze aanmeldpagina bestaat niet.")]})
    return organisation


def _own_application_basis(organisation: Organisation) -> ReferralBasis:
    basis = ReferralBasis.objects.filter(organisation=organisation, code=SELF_APPLICATION_BASIS).first()
    if basis is None:  # removed in the admin: the youth's own application is still what it is
        install_referral_bases(organisation)
        basis = ReferralBasis.objects.get(organisation=organisation, code=SELF_APPLICATION_BASIS)
    return basis


def _save(referral: Referral) -> tuple[Referral, bool]:
    """Insert once per once-key: (the row, True) or (the row saved before with this key, False)."""
    if referral.submission_key and not insert_if_absent(referral):
        return Referral.objects.get(submission_key=referral.submission_key), False
    if referral.pk is None:
        referral.save()
    referral_reference_set(referral)
    ReferralStatusChange.objects.create(referral=referral, status=ReferralStatus.RECEIVED)
    return referral, True


@transaction.atomic
def self_registration_submit(
    *,
    organisation_id: int,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    phone: str = "",
    email: str = "",
    needs: list[str] | tuple[str, ...] = (),
    reason: str = "",
    submission_key: str | None = None,
) -> Referral:
    """A young person's own registration, status received. Every refused field at once
    (ValidationError by field). With the organisation's e-mail check on and an e-mail address
    given, it waits for the check and the mail with the link is queued here."""
    organisation = _open_organisation(organisation_id)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    first_name = _checked_text(errors, "first_name", first_name, max_length=100)
    last_name = _checked_text(errors, "last_name", last_name, max_length=150)
    phone = _checked_text(errors, "phone", phone, max_length=20)
    email = _checked_text(errors, "email", email, max_length=254)
    reason = _checked_text(errors, "reason", reason, max_length=REASON_MAX_LENGTH)
    if birth_date is None:
        errors["birth_date"] = _("Vul je geboortedatum in.")
    else:
        try:
            check_youth_age(birth_date, today)
        except ValidationError as error:
            errors["birth_date"] = error.message_dict["birth_date"][0]
    for name, message in check_contact(phone=phone, email=email).items():
        errors.setdefault(
            name,
            _("Vul je telefoonnummer of je e-mailadres in, zodat we je kunnen bereiken.")
            if name == "phone"
            else message,
        )
    if set(needs) - set(Specialism.values):
        errors["needs"] = _("Kies uit de lijst.")
    if not needs and not reason and "reason" not in errors:
        errors["reason"] = _("Schrijf kort waar je hulp bij wilt, of kies iets uit de lijst.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    check_email = organisation.intake_email_check and bool(email)
    referral, created = _save(
        Referral(
            organisation=organisation,
            source=IntakeSource.SELF,
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
            phone=phone,
            email=email,
            reason=reason,
            needs=sorted(set(needs)),
            basis=_own_application_basis(organisation),
            awaits_email_check=check_email,
            submission_key=submission_key or None,
        )
    )
    if created and check_email:
        _mail_email_check(referral)
    return referral


@transaction.atomic
def callback_request_submit(
    *,
    organisation_id: int,
    first_name: str,
    phone: str,
    last_name: str = "",
    callback_when: str = "",
    reason: str = "",
    submission_key: str | None = None,
) -> Referral:
    """ "Bel mij terug": a task in the intake queue, with what the youth said so far. No birth date
    yet: whoever calls back asks it before the youth is taken on (referral_take_on)."""
    organisation = _open_organisation(organisation_id)
    errors: dict[str, str] = {}
    first_name = _checked_text(errors, "first_name", first_name, max_length=100)
    last_name = _checked_text(errors, "last_name", last_name, max_length=150) if last_name.strip() else ""
    phone = _checked_text(errors, "phone", phone, max_length=20)
    callback_when = _checked_text(errors, "callback_when", callback_when, max_length=CALLBACK_WHEN_MAX_LENGTH)
    reason = _checked_text(errors, "reason", reason, max_length=REASON_MAX_LENGTH)
    if not phone and "phone" not in errors:
        errors["phone"] = _("Vul je telefoonnummer in, zodat we je kunnen terugbellen.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    referral, _created = _save(
        Referral(
            organisation=organisation,
            source=IntakeSource.CALLBACK,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            callback_when=callback_when,
            reason=reason,
            basis=_own_application_basis(organisation),
            submission_key=submission_key or None,
        )
    )
    return referral


def _mail_email_check(referral: Referral) -> None:
    """Without content: no name, no organisation's name, only the link (and what to do if it
    was not you)."""
    link = settings.KOERS_BASE_URL.rstrip("/") + reverse("public_email_check", args=[email_check_token(referral.pk)])
    mail_queue(
        to=referral.email,
        subject=_("Bevestig je e-mailadres"),
        body=_(
            "Hallo,\n\nJe hebt je aangemeld voor hulp bij werk of school. Klik op de link om je e-mailadres te "
            "bevestigen:\n%(link)s\n\nDe link werkt %(days)s dagen.\n\nHeb je je niet aangemeld? Dan hoef je niets "
            "te doen. De gegevens worden dan vanzelf gewist.\n"
        )
        % {"link": link, "days": EMAIL_CHECK_DAYS},
        kind="intake_email_check",
        dedupe_key=f"intake_email_check:{referral.pk}",
    )


class EmailCheckRefused(Exception):
    """The link is broken, too old, or its registration is gone; the message says what to do."""


def email_check_confirm(*, token: str) -> Referral:
    """The youth opened the link and pressed the button: the registration enters the queue.
    Pressing it again changes nothing."""
    try:
        referral_id = email_check_referral_id(token)
    except TokenExpired:
        raise EmailCheckRefused(_("Deze link is verlopen. Meld je opnieuw aan, of bel ons.")) from None
    except TokenInvalid:
        raise EmailCheckRefused(_("Deze link klopt niet. Kopieer de hele link uit de mail, of bel ons.")) from None
    with transaction.atomic():
        referral = Referral.objects.select_for_update().filter(pk=referral_id, source=IntakeSource.SELF).first()
        if referral is None or referral.status == ReferralStatus.ANONYMISED:
            raise EmailCheckRefused(_("Deze aanmelding bestaat niet meer. Meld je opnieuw aan, of bel ons."))
        if referral.awaits_email_check:
            referral.awaits_email_check, referral.email_checked_at = False, timezone.now()
            referral.save(update_fields=["awaits_email_check", "email_checked_at"])
    return referral
