"""The team lead decides on an item of the intake queue: take it on (a youth and trajectory
through youth_register, the invitation on the consultant's agenda) or not (with a reason the
partner reads). Either way the partner hears it: the status in their list and a content-free mail.

Each decision locks the referral row and re-reads its status, so two team leads pressing the
button at the same moment make one youth and one decision.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.audit.models import AccessChannel
from koers.intake.models import IntakeSource, Referral, ReferralStatus, ReferralStatusChange
from koers.intake.selectors.duplicates import twin_ids
from koers.outbox.services import mail_queue
from koers.trajectories.models import Source, Youth
from koers.trajectories.services import DuplicateYouth, check_age, youth_register
from koers.trajectories.text import name_field, text_field

REFUSAL_MAX_LENGTH = 1000
# How the youth came in, as the registration milestone records it.
_REGISTRATION_SOURCE = {
    IntakeSource.PARTNER: Source.REFERRAL,
    IntakeSource.SELF: Source.SELF,
    IntakeSource.CALLBACK: Source.SELF,
}


def may_decide_intake(user: User) -> bool:
    return user.is_authenticated and user.works_with_youths and user.is_team_lead


def _locked_open_referral(actor: User, referral_id: int) -> Referral:
    if not may_decide_intake(actor):
        raise PermissionDenied(_("Alleen teamleiders verdelen de instroom."))
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .filter(pk=referral_id, organisation_id=actor.organisation_id)
        .select_related("submitted_by")
        .first()
    )
    if referral is None:
        raise ValidationError({"__all__": [_("Deze aanmelding bestaat niet.")]})
    if referral.status != ReferralStatus.RECEIVED:
        raise ValidationError(
            {
                "__all__": [
                    _("Over deze aanmelding is al besloten: %(status)s.") % {"status": referral.get_status_display()}
                ]
            }
        )
    return referral


def _tell_partner(referral: Referral, status: str) -> None:
    """A mail without content: the partner signs in to read the status (never a name by mail)."""
    submitter = referral.submitted_by
    if referral.source != IntakeSource.PARTNER or submitter is None or not submitter.email:
        return
    link = settings.KOERS_BASE_URL.rstrip("/") + reverse("partner_referral", args=[referral.pk])
    mail_queue(
        to=submitter.email,
        subject=_("Nieuws over een verwijzing in Koers"),
        body=_(
            "Goedendag,\n\nEr is nieuws over een verwijzing die u in Koers heeft gedaan. Log in om te zien wat de "
            "gemeente heeft besloten:\n%(link)s\n\nDit bericht bevat bewust geen gegevens van de jongere.\n"
        )
        % {"link": link},
        kind="referral_decided",
        dedupe_key=f"referral:{referral.pk}:{status}",
    )


def _decide(referral: Referral, *, actor: User, status: str, reason: str = "") -> None:
    referral.status = status
    referral.save(update_fields=["status", "youth", "consultant", "refusal_reason", "birth_date", "last_name"])
    ReferralStatusChange.objects.create(referral=referral, status=status, reason=reason, by=actor)
    _tell_partner(referral, status)


@transaction.atomic
def referral_take_on(
    *,
    actor: User,
    referral_id: int,
    consultant: User,
    confirm_duplicate: bool = False,
    channel: str = AccessChannel.WEB,
    birth_date: dt.date | None = None,
    last_name: str = "",
) -> Youth:
    """A new youth and trajectory for the referral, guided by `consultant`.

    Refuses (DuplicateYouth) when the actor sees a youth with the same name and birth date, or
    the same e-mail address, unless confirmed: the page shows that file first.

    A call-back request has no birth date (and perhaps no last name) yet: whoever called the
    youth back gives them here (`birth_date`, `last_name`); without them it is refused with a
    message saying so. They are ignored when the referral has them already.
    """
    referral = _locked_open_referral(actor, referral_id)
    if referral.awaits_email_check:
        raise ValidationError({"__all__": [_("Deze aanmelding wacht nog tot de jongere het e-mailadres bevestigt.")]})
    _fill_missing(referral, birth_date=birth_date, last_name=last_name)
    if not confirm_duplicate:
        twins = twin_ids(
            actor,
            first_name=referral.first_name,
            last_name=referral.last_name,
            birth_date=referral.birth_date,
            email=referral.email,
        )
        if twins:
            raise DuplicateYouth(twins[0])
    youth = youth_register(
        actor=actor,
        consultant=consultant,
        registered_on=timezone.localdate(),
        source=_REGISTRATION_SOURCE[referral.source],
        channel=channel,
        confirm_duplicate=True,  # checked above, with the e-mail address too
        first_name=referral.first_name,
        last_name=referral.last_name,
        birth_date=referral.birth_date,
        email=referral.email,
        phone=referral.phone,
    )
    referral.youth, referral.consultant = youth, consultant
    _decide(referral, actor=actor, status=ReferralStatus.TAKEN_ON)
    return youth


def _fill_missing(referral: Referral, *, birth_date: dt.date | None, last_name: str) -> None:
    errors = {}
    if referral.birth_date is None:
        if birth_date is None:
            errors["birth_date"] = _(
                "Deze aanmelding heeft nog geen geboortedatum. Bel de jongere en vul de geboortedatum in."
            )
        else:
            try:
                check_age(birth_date, timezone.localdate())
            except ValidationError as error:
                errors.update({name: texts[0] for name, texts in error.message_dict.items()})
            referral.birth_date = birth_date
    if not referral.last_name.strip():
        try:
            referral.last_name = name_field("last_name", last_name, max_length=150)
        except ValidationError:
            errors["last_name"] = _("Deze aanmelding heeft nog geen achternaam. Vul de achternaam van de jongere in.")
    if errors:
        raise ValidationError({name: [text] for name, text in errors.items()})


@transaction.atomic
def referral_refuse(*, actor: User, referral_id: int, reason: str) -> Referral:
    """Not taken on; the reason is what the partner reads, so it is required."""
    referral = _locked_open_referral(actor, referral_id)
    reason = text_field("refusal_reason", reason, max_length=REFUSAL_MAX_LENGTH)
    if not reason:
        raise ValidationError({"refusal_reason": [_("Schrijf op waarom de gemeente de jongere niet aanneemt.")]})
    referral.refusal_reason = reason
    _decide(referral, actor=actor, status=ReferralStatus.NOT_TAKEN_ON, reason=reason)
    return referral
