"""Writes: the youth's consent that their data, without name, is used for research (one consent
per purpose; revocable, with who recorded what and when). Who may record it is the access
helpers' question: the caller has the youth from `youth_for` (which logs the change)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import ResearchConsent, ResearchPurpose, Youth


def _check_purpose(purpose: str) -> None:
    if purpose not in ResearchPurpose.values:
        raise ValidationError({"purpose": _("Kies waarvoor de jongere toestemming geeft.")})


@transaction.atomic
def research_consent_record(
    *, actor: User, youth: Youth, given_on: dt.date, purpose: str = ResearchPurpose.RESEARCH
) -> ResearchConsent:
    """The youth agreed, on `given_on`, that their data without name is used for `purpose`. Under a
    lock on the youth: an open consent for the purpose already there is refused, and so is a date
    before the last revocation (the periods of consent never overlap)."""
    _check_purpose(purpose)
    check_past_event("given_on", given_on)
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    earlier = ResearchConsent.objects.filter(youth=youth, purpose=purpose)
    if earlier.filter(revoked_on__isnull=True).exists():
        raise ValidationError({"given_on": _("De jongere heeft hiervoor al toestemming gegeven.")})
    if earlier.filter(revoked_on__gt=given_on).exists():
        raise ValidationError(
            {"given_on": _("Deze datum ligt vóór de intrekking van de vorige toestemming. Kies een latere datum.")}
        )
    return ResearchConsent.objects.create(
        organisation_id=youth.organisation_id, youth=youth, purpose=purpose, given_on=given_on, recorded_by=actor
    )


@transaction.atomic
def research_consent_revoke(
    *, actor: User, youth: Youth, on: dt.date, purpose: str = ResearchPurpose.RESEARCH
) -> ResearchConsent:
    """The youth withdrew the consent: from `on`, no export for `purpose` holds their data."""
    _check_purpose(purpose)
    check_past_event("revoked_on", on)
    consent = (
        ResearchConsent.objects.select_for_update()
        .filter(youth_id=youth.pk, purpose=purpose, revoked_on__isnull=True)
        .first()
    )
    if consent is None:
        raise ValidationError({"revoked_on": _("Er is geen toestemming om in te trekken.")})
    if on < consent.given_on:
        raise ValidationError({"revoked_on": _("Deze datum ligt vóór de datum van de toestemming.")})
    consent.revoked_on, consent.revoked_by, consent.revoked_at = on, actor, timezone.now()
    consent.save(update_fields=["revoked_on", "revoked_by", "revoked_at"])
    return consent
