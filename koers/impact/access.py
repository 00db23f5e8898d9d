"""The access helper for impact timelines: the youth's own access rules (koers.trajectories.access:
role, organisation, caseload, the access log) plus the youth's consent for this purpose. Without
a valid consent nothing of the timeline is read or written (ConsentMissing)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from koers.accounts.models import User
from koers.impact.models import ImpactTimeline
from koers.trajectories.access import youth_for
from koers.trajectories.models import ResearchPurpose, Youth
from koers.trajectories.selectors import consenting_youth_ids

SUBJECT = "impact"


class ConsentMissing(PermissionDenied):
    """The youth has no valid consent for the impact timeline today."""


def has_impact_consent(youth: Youth) -> bool:
    today = timezone.localdate()
    return (
        consenting_youth_ids(organisation_id=youth.organisation_id, on=today, purpose=ResearchPurpose.IMPACT)
        .filter(youth_id=youth.pk)
        .exists()
    )


def impact_youth_for(user: User, youth_id: int, *, action: str, channel: str, subject: str = SUBJECT) -> Youth:
    """The youth (404 when not the user's to see, logged), 403 ConsentMissing without consent."""
    youth = youth_for(user, youth_id, action=action, channel=channel, subject=subject)
    if not has_impact_consent(youth):
        raise ConsentMissing("De jongere heeft geen toestemming gegeven voor de effectenlijn.")
    return youth


def timeline_for(
    user: User, youth_id: int, *, action: str, channel: str, for_update: bool = False, subject: str = SUBJECT
) -> ImpactTimeline:
    """The youth's timeline; 404 when there is none (or the youth is not the user's)."""
    youth = impact_youth_for(user, youth_id, action=action, channel=channel, subject=subject)
    timelines = ImpactTimeline.objects.filter(youth=youth)
    timeline = (timelines.select_for_update() if for_update else timelines).select_related("youth").first()
    if timeline is None:
        raise Http404("Voor deze jongere is er nog geen effectenlijn.")
    return timeline
