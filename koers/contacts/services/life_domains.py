"""Writes: a life-domain assessment (every domain of the organisation's set scored together)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.contacts.models import (
    AssessmentOccasion,
    LifeDomainAssessment,
    LifeDomainScore,
)
from koers.contacts.services.contacts import _check_choice, _check_current
from koers.method.life_domains import domains_of
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import Trajectory
from koers.trajectories.text import text_field


@dataclass(frozen=True)
class DomainScore:
    domain: str
    score: int
    note: str = ""
    first_to_solve: bool = False


@transaction.atomic
def life_domains_record(
    *, actor: User, trajectory: Trajectory, date: dt.date, occasion: str, scores: Sequence[DomainScore]
) -> LifeDomainAssessment:
    """Record an assessment of every life domain of the organisation's set, scored 1 to 5."""
    trajectory = Trajectory.objects.select_for_update().select_related("organisation").get(pk=trajectory.pk)
    _check_current(trajectory)
    check_past_event("date", date)
    _check_choice("occasion", occasion, AssessmentOccasion)
    domain_set = trajectory.organisation.life_domain_set
    codes = [code for code, _label in domains_of(domain_set)]
    by_domain = {s.domain: s for s in scores}
    if set(by_domain) != set(codes) or len(scores) != len(codes):
        raise ValidationError({"scores": _("Geef elk leefgebied een score.")})
    if any(not 1 <= s.score <= 5 for s in scores):
        raise ValidationError({"scores": _("Een score is 1, 2, 3, 4 of 5.")})
    assessment = LifeDomainAssessment.objects.create(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        date=date,
        occasion=occasion,
        domain_set=domain_set,
        recorded_by=actor,
    )
    LifeDomainScore.objects.bulk_create(
        LifeDomainScore(
            assessment=assessment,
            domain=code,
            score=by_domain[code].score,
            note=text_field("note", by_domain[code].note, max_length=300),
            first_to_solve=by_domain[code].first_to_solve,
        )
        for code in codes
    )
    return assessment
