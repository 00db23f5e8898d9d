"""Writes: a consultant's proposal of enforcement (a cut of the benefit), only after a
conversation in person about it within the last 30 days."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.contacts.models import (
    EnforcementProposal,
)
from koers.contacts.selectors.enforcement import enforcement_conversation_for
from koers.contacts.services.contacts import _check_current
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import Trajectory
from koers.trajectories.text import text_field

# Enforcement as the young people asked: first a personal conversation about it.
ENFORCEMENT_REASON_MAX_LENGTH = 300


@transaction.atomic
def enforcement_propose(*, actor: User, trajectory: Trajectory, on: dt.date, reason: str) -> EnforcementProposal:
    """Record that enforcement is proposed. Refused without a recorded personal conversation (face
    to face or video, with the youth, purpose "gesprek over handhaving") in the 30 days before."""
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    _check_current(trajectory)
    check_past_event("proposed_on", on)
    reason = text_field("reason", reason, max_length=ENFORCEMENT_REASON_MAX_LENGTH)
    if not reason:
        raise ValidationError({"reason": _("Schrijf kort op waarom u handhaving voorstelt.")})
    conversation = enforcement_conversation_for(trajectory, on)
    if conversation is None:
        raise ValidationError(
            {
                "proposed_on": _(
                    "Bespreek handhaving eerst met de jongere zelf: op kantoor, thuis, wandelend of via "
                    'beeldbellen. Leg dat gesprek vast als contact met doel "gesprek over handhaving".'
                )
            }
        )
    if EnforcementProposal.objects.filter(trajectory=trajectory, conversation=conversation).exists():
        raise ValidationError({"proposed_on": _("Na dit gesprek is handhaving al voorgesteld.")})
    return EnforcementProposal.objects.create(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        proposed_on=on,
        reason=reason,
        conversation=conversation,
        proposed_by=actor,
    )
