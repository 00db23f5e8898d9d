"""Vernietigen in the demo: every organisation gets a few youths whose registration was closed
before a first conversation half a year ago (Selectielijst 8.4.1: kept six weeks), and the
nightly job's proposal, so a functional administrator finds a list to review at once."""

import datetime as dt

from django.utils import timezone

from koers.accounts.models import Organisation, Role, User
from koers.retention.services.destruction import destruction_propose
from koers.trajectories.models import ClosingReason, MilestoneKind, Source
from koers.trajectories.services.milestones import milestone_record, trajectory_create
from koers.trajectories.services.youths import youth_create

# Fictitious youths (the demo's other names come from koers.demo.names).
CLOSED_BEFORE_A_FIRST_CONVERSATION = (("Noor", "Visser", 2005), ("Milan", "de Boer", 2003), ("Fenna", "Mulder", 2006))


def add_destruction_demo(organisation: Organisation) -> int | None:
    """Returns the id of the proposed list (None when the organisation has no consultant)."""
    consultant = (
        User.objects.filter(organisation=organisation, role=Role.CONSULTANT, is_active=True)
        .order_by("username")
        .first()
    )
    if consultant is None:
        return None
    today = timezone.localdate()
    for first_name, last_name, born in CLOSED_BEFORE_A_FIRST_CONVERSATION:
        youth = youth_create(
            actor=consultant,
            consultant=consultant,
            first_name=first_name,
            last_name=last_name,
            birth_date=dt.date(born, 5, 12),
        )
        registered = today - dt.timedelta(days=200)
        trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=registered, source=Source.UWV)
        milestone_record(
            actor=consultant,
            trajectory=trajectory,
            kind=MilestoneKind.CLOSED,
            date=registered + dt.timedelta(days=21),
            reason=ClosingReason.MOVED,
        )
    proposed = destruction_propose(organisation.pk, today=today)
    return proposed.pk if proposed else None
