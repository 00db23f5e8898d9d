"""Reads of the public front door: the organisation a registration page belongs to, and the
registration an e-mail check link is about."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation
from koers.intake.models import IntakeSource, Referral, ReferralStatus
from koers.intake.tokens import TokenExpired, TokenInvalid, email_check_referral_id


@dataclass(frozen=True)
class FrontDoor:
    """What the public pages show of the organisation: its name and how to reach it."""

    organisation_id: int
    name: str
    phone: str
    opening_hours: str
    email_check: bool


def front_door(organisation_id: int) -> FrontDoor:
    """One query; 404 for an organisation that does not exist."""
    row = (
        Organisation.objects.filter(pk=organisation_id)
        .values("pk", "name", "phone", "opening_hours", "intake_email_check")
        .first()
    )
    if row is None:
        raise Http404(_("Deze aanmeldpagina bestaat niet."))
    return FrontDoor(
        organisation_id=row["pk"],
        name=row["name"],
        phone=row["phone"],
        opening_hours=row["opening_hours"],
        email_check=row["intake_email_check"],
    )


def email_check_waiting(token: str) -> tuple[int | None, bool]:
    """(the organisation's id, still waiting) for a link; (None, False) when the link is broken,
    too old or its registration gone. One query at most."""
    try:
        referral_id = email_check_referral_id(token)
    except (TokenExpired, TokenInvalid):
        return None, False
    row = (
        Referral.objects.filter(pk=referral_id, source=IntakeSource.SELF)
        .exclude(status=ReferralStatus.ANONYMISED)
        .values("organisation_id", "awaits_email_check")
        .first()
    )
    if row is None:
        return None, False
    return row["organisation_id"], row["awaits_email_check"]
