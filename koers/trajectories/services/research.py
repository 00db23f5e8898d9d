"""Writes: the youth's consent that their data, without name, is used for research (one consent
per purpose; revocable, with who recorded what and when). Who may record it is the access
helpers' question: the caller has the youth from `youth_for` (which logs the change), or, for
the youth's own withdrawal in the portal, from `portal.access.portal_youth`."""

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
    return _revoke(consent, on=on, by=actor)


def _revoke(consent: ResearchConsent, *, on: dt.date, by: User | None) -> ResearchConsent:
    """End a locked, open consent on `on`; `by` is None when the youth withdrew it themselves."""
    if on < consent.given_on:
        raise ValidationError({"revoked_on": _("Deze datum ligt vóór de datum van de toestemming.")})
    consent.revoked_on, consent.revoked_by, consent.revoked_at = on, by, timezone.now()
    consent.save(update_fields=["revoked_on", "revoked_by", "revoked_at"])
    return consent


@transaction.atomic
def research_consent_withdraw_by_youth(*, youth: Youth, consent_id: int) -> ResearchConsent | None:
    """The youth withdrew one of their own consents in the portal: it ends today, with no staff
    member as `revoked_by` (the access log holds the youth's own change, channel "portal").
    None when the id is not one of this youth's consents (the caller answers 404, whoever's it
    is). Repeatable: a consent withdrawn already (a double tap, or by the consultant) stays as it
    was, so the youth sees the same outcome and the first withdrawal's date and author remain."""
    consent = ResearchConsent.objects.select_for_update().filter(pk=consent_id, youth_id=youth.pk).first()
    if consent is None or consent.revoked_on is not None:
        return consent
    # `given_on` is never after today (check_past_event); max() only keeps a youth from ever
    # meeting the staff's date message here.
    return _revoke(consent, on=max(timezone.localdate(), consent.given_on), by=None)
