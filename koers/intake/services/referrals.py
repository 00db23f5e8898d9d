"""A chain partner refers a youth: the checks (age, a way to reach them, the basis and its
consent), the referral with its reference, and the first row of its status history."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.intake.defaults import SELF_APPLICATION_BASIS
from koers.intake.models import (
    REFERENCE_PREFIX,
    IntakeSource,
    Referral,
    ReferralBasis,
    ReferralStatus,
    ReferralStatusChange,
    Specialism,
)
from koers.trajectories.services import check_age
from koers.trajectories.text import name_field, text_field

REASON_MAX_LENGTH = 2000


def check_contact(*, phone: str, email: str) -> dict[str, str]:
    """At least one way to reach the youth; the errors by field (empty when fine)."""
    errors = {}
    if not phone and not email:
        errors["phone"] = _("Vul een telefoonnummer of een e-mailadres in, zodat wij de jongere kunnen bereiken.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
    return errors


def check_consent(basis: ReferralBasis | None, consent: dict | None, today: dt.date) -> dict[str, str]:
    """Who gave consent, when and how: needed when the basis asks it, or when any of it is given."""
    consent = consent or {}
    given = {key: consent.get(key) for key in ("given_by", "given_on", "how")}
    if basis is None or not (basis.needs_consent or any(given.values())):
        return {}
    errors = {}
    if not (given["given_by"] or "").strip():
        errors["consent_given_by"] = _("Deze grondslag vraagt toestemming. Vul in wie toestemming gaf.")
    if not given["given_on"]:
        errors["consent_given_on"] = _("Vul in op welke datum de toestemming is gegeven.")
    elif given["given_on"] > today:
        errors["consent_given_on"] = _("De datum van de toestemming kan niet in de toekomst liggen.")
    if not (given["how"] or "").strip():
        errors["consent_how"] = _("Vul in hoe de toestemming is gegeven, bijvoorbeeld mondeling of op papier.")
    return errors


def _checked_text(errors: dict, name: str, value: str, *, max_length: int, required: bool = False) -> str:
    try:
        if name in {"first_name", "last_name"}:
            return name_field(name, value, max_length=max_length)
        value = text_field(name, value, max_length=max_length)
    except ValidationError as error:
        errors[name] = error.message_dict[name][0]
        return value
    if required and not value:
        errors[name] = _("Dit veld is verplicht.")
    return value


@transaction.atomic
def referral_submit(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    reason: str,
    basis_code: str,
    phone: str = "",
    email: str = "",
    partner_action: str = "",
    needs: list[str] | tuple[str, ...] = (),
    consent: dict | None = None,
) -> Referral:
    """A referral by the actor's chain partner, status received. Every refused field is reported
    at once (ValidationError by field): the page and the API show them all."""
    if not actor.is_chain_partner:
        raise PermissionDenied(_("Alleen medewerkers van een ketenpartner kunnen een jongere verwijzen."))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    first_name = _checked_text(errors, "first_name", first_name, max_length=100)
    last_name = _checked_text(errors, "last_name", last_name, max_length=150)
    phone = _checked_text(errors, "phone", phone, max_length=20)
    email = _checked_text(errors, "email", email, max_length=254)
    reason = _checked_text(errors, "reason", reason, max_length=REASON_MAX_LENGTH, required=True)
    partner_action = _checked_text(errors, "partner_action", partner_action, max_length=REASON_MAX_LENGTH)
    if birth_date is None:
        errors["birth_date"] = _("Vul de geboortedatum in.")
    else:
        try:
            check_age(birth_date, today)
        except ValidationError as error:
            errors["birth_date"] = error.message_dict["birth_date"][0]
    errors.update({k: v for k, v in check_contact(phone=phone, email=email).items() if k not in errors})
    if unknown := set(needs) - set(Specialism.values):
        errors["needs"] = _("Kies uit de lijst: %(codes)s.") % {"codes": ", ".join(Specialism.values)}
    basis = (
        ReferralBasis.objects.filter(organisation_id=actor.organisation_id, code=basis_code, active=True)
        .exclude(code=SELF_APPLICATION_BASIS)
        .first()
    )
    if basis is None:
        errors["basis"] = _("Kies het doel en de grondslag van de verwijzing uit de lijst.")
    errors.update(check_consent(basis, consent, today))
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    given = consent or {}
    referral = Referral.objects.create(
        organisation_id=actor.organisation_id,
        source=IntakeSource.PARTNER,
        chain_partner_id=actor.chain_partner_id,
        submitted_by=actor,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        phone=phone,
        email=email,
        reason=reason,
        partner_action=partner_action,
        needs=sorted(set(needs) - unknown),
        basis=basis,
        consent_given_by=(given.get("given_by") or "").strip(),
        consent_given_on=given.get("given_on"),
        consent_how=(given.get("how") or "").strip(),
    )
    referral_reference_set(referral)
    ReferralStatusChange.objects.create(referral=referral, status=ReferralStatus.RECEIVED, by=actor)
    return referral


def referral_reference_set(referral: Referral) -> None:
    """The reference a partner quotes: prefix, year and the row's number; no personal data.
    For every source (a self-registration or call-back request calls this too)."""
    referral.reference = f"{REFERENCE_PREFIX[referral.source]}-{referral.submitted_at:%Y}-{referral.pk:05d}"
    referral.save(update_fields=["reference"])
