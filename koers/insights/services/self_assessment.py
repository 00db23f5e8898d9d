"""The verbetertool: a consultant fills in how often they think they apply each working element
(a new filling-in each time, so it can be compared over time), and chooses who may see it."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.insights.models import Frequency, InsightSharing, SelfAssessment, SelfAssessmentAnswer
from koers.method.models import WorkingElement


def _require_youth_worker(actor: User) -> None:
    if not actor.works_with_youths:
        raise PermissionDenied(_("Alleen consulenten en teamleiders vullen de verbetertool in."))


def self_assessment_save(*, actor: User, answers: Mapping[str, int]) -> SelfAssessment:
    """Save one filling-in: a frequency for every active working element (by its code)."""
    _require_youth_worker(actor)
    elements = {element.code: element for element in WorkingElement.objects.filter(active=True)}
    missing = [code for code in elements if code not in answers]
    unknown = sorted(set(answers) - set(elements))
    if unknown:
        message = _("Onbekende werkzame elementen: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise ValidationError({"answers": message})
    if missing:
        raise ValidationError(
            {"answers": _("Beantwoord elke vraag. Er ontbreken er %(count)s.") % {"count": len(missing)}}
        )
    if any(value not in Frequency.values for value in answers.values()):
        raise ValidationError({"answers": _("Kies bij elke vraag een van de antwoorden.")})
    with transaction.atomic():
        assessment = SelfAssessment.objects.create(organisation_id=actor.organisation_id, consultant=actor)
        SelfAssessmentAnswer.objects.bulk_create(
            SelfAssessmentAnswer(assessment=assessment, element=elements[code], frequency=answers[code])
            for code in elements
        )
    return assessment


def insight_sharing_set(
    *, actor: User, self_assessment_with_team_lead: bool, self_assessment_with_team: bool, name_in_team_profile: bool
) -> InsightSharing:
    """What the consultant shares of their own insights; each choice can be taken back at once."""
    _require_youth_worker(actor)
    sharing, _created = InsightSharing.objects.update_or_create(
        consultant=actor,
        defaults={
            "self_assessment_with_team_lead": self_assessment_with_team_lead,
            "self_assessment_with_team": self_assessment_with_team,
            "name_in_team_profile": name_in_team_profile,
        },
    )
    return sharing
