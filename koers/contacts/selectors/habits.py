"""Reads: what a consultant usually records for this youth (the frequent working elements and
the usual channel of the recent contacts), so the contact form offers it first."""

from dataclasses import dataclass

from django.db.models import Count

from koers.contacts.models import Contact, Intervention
from koers.trajectories.models import Trajectory

HABIT_CONTACTS = 20  # the recent contacts that count
FREQUENT_SHOWN = 6


@dataclass(frozen=True)
class ContactHabits:
    elements: tuple[str, ...]  # working-element codes, most used first
    channel: str | None  # the channel of the latest contact, None without contacts


def contact_habits(trajectory: Trajectory) -> ContactHabits:
    """The working elements used most in the trajectory's last HABIT_CONTACTS contacts, and the
    channel of the latest one (a youth last seen by phone is probably phoned again). Two queries,
    bounded however long the history is."""
    recent = Contact.objects.filter(trajectory=trajectory).order_by("-date", "-id").values("id")[:HABIT_CONTACTS]
    used = (
        Intervention.objects.filter(contact_id__in=recent)
        .values("element__code")
        .annotate(times=Count("id"))
        .order_by("-times", "element__code")[:FREQUENT_SHOWN]
    )
    channel = (
        Contact.objects.filter(trajectory=trajectory).order_by("-date", "-id").values_list("channel", flat=True).first()
    )
    return ContactHabits(elements=tuple(row["element__code"] for row in used), channel=channel)
