"""Reads: the conversation in person about enforcement that a proposal needs (ADR: no cut of a
benefit without talking with the youth first)."""

import datetime as dt

from koers.contacts.models import Channel, Contact, EnforcementProposal, Participant, Purpose
from koers.trajectories.models import Trajectory

ENFORCEMENT_CONVERSATION_CHANNELS = (Channel.OFFICE, Channel.HOME_VISIT, Channel.WALK, Channel.VIDEO)
ENFORCEMENT_CONVERSATION_DAYS = 30


def enforcement_conversation_for(trajectory: Trajectory, on: dt.date) -> Contact | None:
    """The latest face-to-face or video conversation with the youth about enforcement, in the 30
    days up to `on` (one query)."""
    return (
        Contact.objects.filter(
            trajectory=trajectory,
            purpose=Purpose.ENFORCEMENT_CONVERSATION,
            channel__in=ENFORCEMENT_CONVERSATION_CHANNELS,
            date__lte=on,
            date__gte=on - dt.timedelta(days=ENFORCEMENT_CONVERSATION_DAYS),
            participant_rows__kind=Participant.YOUTH,  # with the youth present
        )
        .order_by("-date", "-id")
        .first()
    )


def proposals_of(trajectory: Trajectory, *, limit: int = 5) -> list[EnforcementProposal]:
    """The latest proposals with their conversation (one query)."""
    return list(
        EnforcementProposal.objects.filter(trajectory=trajectory)
        .select_related("conversation")
        .order_by("-proposed_on", "-id")[:limit]
    )
