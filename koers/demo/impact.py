"""The impact timeline in the demo: every organisation gets the shipped price list, and one youth of
its first consultant (one in aftercare, or else one whose trajectory ended) the consent for the
impact timeline and case 1 of the source on it, through the services (koers.impact.services)."""

from django.db import transaction
from django.db.models import OuterRef, Subquery

from koers.accounts.models import Organisation, Role, User
from koers.audit.models import AccessChannel
from koers.impact.defaults import CASE_1
from koers.impact.models import ImpactTimeline
from koers.impact.services import case_1_build, price_list_seed
from koers.trajectories.models import Milestone, MilestoneKind, Phase, ResearchPurpose, Trajectory
from koers.trajectories.services.research import research_consent_record

# The source cases the demo recreates, in order (case 1 first).
SOURCE_CASE_TITLES = (CASE_1["title"],)


def add_impact_demo(organisation: Organisation) -> int | None:
    """Returns the id of the youth with case 1 (None when the organisation has no fitting youth)."""
    price_list_seed(organisation)
    consultant = (
        User.objects.filter(organisation=organisation, role=Role.CONSULTANT, is_active=True)
        .order_by("username")
        .first()
    )
    if consultant is None:
        return None
    # As in the rest of the demo, the youth is asked for consent at the first conversation.
    first_conversation = Milestone.objects.filter(
        trajectory__youth=OuterRef("youth_id"), kind=MilestoneKind.FIRST_CONVERSATION, withdrawn=False
    ).order_by("date")
    trajectory = None
    for phase in (Phase.AFTERCARE, Phase.CLOSED, Phase.FOLLOW_UP, Phase.SEARCH_PERIOD):
        trajectory = (
            Trajectory.objects.filter(youth__consultant=consultant, phase=phase)
            .annotate(asked_on=Subquery(first_conversation.values("date")[:1]))
            .filter(asked_on__isnull=False)
            .order_by("youth__sort_name", "youth_id")
            .first()
        )
        if trajectory is not None:
            break
    if trajectory is None:
        return None
    with transaction.atomic():
        research_consent_record(
            actor=consultant, youth=trajectory.youth, given_on=trajectory.asked_on, purpose=ResearchPurpose.IMPACT
        )
        case_1_build(actor=consultant, youth_id=trajectory.youth_id, channel=AccessChannel.COMMAND)
    return trajectory.youth_id


def impact_youth_ids(organisation_id: int | None) -> list[int]:
    """The youths whose demo timeline recreates a source case, case 1 first."""
    if organisation_id is None:
        return []
    rows = ImpactTimeline.objects.filter(organisation_id=organisation_id, title__in=SOURCE_CASE_TITLES).values_list(
        "title", "youth_id"
    )
    return [youth_id for _title, youth_id in sorted(rows, key=lambda r: (SOURCE_CASE_TITLES.index(r[0]), r[1]))]
