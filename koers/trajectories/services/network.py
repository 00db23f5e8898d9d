"""Writes: the people around the youth, and the youth's consent to involve each (who gave it,
when, for what; revocable)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import (
    NetworkConsent,
    NetworkInfluence,
    NetworkMember,
    NetworkRelation,
    Youth,
)
from koers.trajectories.text import name_field, text_field

# The network: people around the youth; involving them needs the youth's recorded consent.
NETWORK_TEXT_MAX_LENGTH = 300


@transaction.atomic
def network_member_add(
    *, actor: User, youth: Youth, name: str, relation: str, influence: str, phone: str = "", email: str = ""
) -> NetworkMember:
    if relation not in NetworkRelation.values:
        raise ValidationError({"relation": _("Kies de relatie uit de lijst.")})
    if influence not in NetworkInfluence.values:
        raise ValidationError({"influence": _("Kies of deze persoon steunt of belemmert.")})
    name = name_field("name", name, max_length=150)
    phone = text_field("phone", phone, max_length=20)
    email = text_field("email", email, max_length=254)
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    return NetworkMember.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        name=name,
        relation=relation,
        influence=influence,
        phone=phone,
        email=email,
        recorded_by=actor,
    )


@transaction.atomic
def network_consent_record(
    *, actor: User, member: NetworkMember, purpose: str, given_by: str, given_on: dt.date
) -> NetworkConsent:
    """The youth agreed that this person is involved, for this purpose. Under a lock on the member:
    an open consent already there is refused (revoke it first to record a new one)."""
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    purpose = text_field("purpose", purpose, max_length=NETWORK_TEXT_MAX_LENGTH)
    given_by = text_field("given_by", given_by, max_length=150)
    if not purpose:
        raise ValidationError({"purpose": _("Schrijf op waarvoor de jongere toestemming geeft.")})
    if not given_by:
        raise ValidationError({"given_by": _("Schrijf op wie de toestemming gaf.")})
    check_past_event("given_on", given_on)
    if NetworkConsent.objects.filter(member=member, revoked_on__isnull=True).exists():
        raise ValidationError({"purpose": _("Er is al toestemming voor deze persoon.")})
    return NetworkConsent.objects.create(
        organisation_id=member.organisation_id,
        member=member,
        purpose=purpose,
        given_by=given_by,
        given_on=given_on,
        recorded_by=actor,
    )


@transaction.atomic
def network_consent_revoke(*, actor: User, member: NetworkMember, on: dt.date) -> NetworkConsent:
    """The youth withdrew consent: from `on`, this person can no longer be involved."""
    consent = NetworkConsent.objects.select_for_update().filter(member=member, revoked_on__isnull=True).first()
    if consent is None:
        raise ValidationError({"revoked_on": _("Er is geen toestemming om in te trekken.")})
    check_past_event("revoked_on", on)
    if on < consent.given_on:
        raise ValidationError({"revoked_on": _("Deze datum ligt vóór de datum van de toestemming.")})
    consent.revoked_on = on
    consent.save(update_fields=["revoked_on"])
    return consent
