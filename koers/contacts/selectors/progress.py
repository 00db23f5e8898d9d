"""Reads: life-domain assessments and self-ratings over time, for the progress section."""

import datetime as dt
from dataclasses import dataclass

from koers.contacts.models import (
    LifeDomainAssessment,
    LifeDomainScore,
    SelfRating,
)
from koers.method.life_domains import domains_of
from koers.trajectories.models import Trajectory

# Progress: life-domain assessments and self-ratings over time.
ASSESSMENTS_SHOWN = 4
SELF_RATINGS_SHOWN = 10


@dataclass(frozen=True)
class DomainRow:
    code: str
    label: str
    scores: tuple[tuple[int | None, bool], ...]  # per assessment, oldest first: (score, first to solve)


@dataclass(frozen=True)
class Progress:
    dates: tuple[tuple[dt.date, str], ...]  # the assessments shown, oldest first: (date, occasion label)
    domains: tuple[DomainRow, ...]
    ratings: tuple[SelfRating, ...]  # oldest first


def progress_of(trajectory: Trajectory, domain_set: str) -> Progress:
    """The latest assessments per life domain and the latest self-ratings (three queries)."""
    assessments = list(
        LifeDomainAssessment.objects.filter(trajectory=trajectory).order_by("-date", "-id")[:ASSESSMENTS_SHOWN]
    )[::-1]
    scores = {
        (s.assessment_id, s.domain): s
        for s in LifeDomainScore.objects.filter(assessment__in=[a.pk for a in assessments])
    }
    rows = []
    for code, label in domains_of(domain_set):
        cells = []
        for a in assessments:
            score = scores.get((a.pk, code))
            cells.append((score.score, score.first_to_solve) if score else (None, False))
        rows.append(DomainRow(code=code, label=str(label), scores=tuple(cells)))
    ratings = list(SelfRating.objects.filter(trajectory=trajectory).order_by("-date", "-id")[:SELF_RATINGS_SHOWN])[::-1]
    return Progress(
        dates=tuple((a.date, a.get_occasion_display()) for a in assessments),
        domains=tuple(rows),
        ratings=tuple(ratings),
    )
