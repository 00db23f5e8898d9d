"""Across youths, per intervention: the effect size of each youth with whom it was used (a
small-n overview), each youth's series split at their own first contact with the intervention.

Who is counted is the caller's choice of `youths` (the consultant's own caseload, or the youths
with research consent); the page decides what to show of it (small numbers). A fixed number of
queries: the first use per youth (at most CAP youths), and their series (two or three).
"""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import QuerySet

from koers.insights.effects import Analysis, Effect, analyse
from koers.insights.selectors.n1 import SeriesKind, first_use_by_youth, series_for_youths
from koers.method.models import ToolboxItem
from koers.trajectories.models import Youth

CAP = 200


@dataclass(frozen=True)
class YouthEffect:
    youth_id: int
    name: str
    started_on: dt.date
    analysis: Analysis

    @property
    def nap(self) -> Effect | None:
        return self.analysis.effect("nap")

    @property
    def value(self) -> float | None:
        nap = self.nap
        return nap.estimate if nap else None


@dataclass(frozen=True)
class Overview:
    kind: SeriesKind
    rows: tuple[YouthEffect, ...]  # enough points in both phases, lowest NAP first
    too_few: tuple[YouthEffect, ...]  # the intervention was used, but a phase is too short
    capped: bool  # more than CAP youths: the latest starters are shown

    @property
    def used_with(self) -> int:
        return len(self.rows) + len(self.too_few)

    @property
    def quartiles(self) -> tuple[float, float, float] | None:
        values = [row.value for row in self.rows if row.value is not None]
        if len(values) < 2:
            return None
        low, median, high = statistics.quantiles(values, n=4, method="inclusive")
        return low, median, high


def overview_of(youths: QuerySet[Youth], intervention_key: str, kind: SeriesKind, today: dt.date) -> Overview:
    firsts = first_use_by_youth(youths, intervention_key, limit=CAP + 1)
    capped, firsts = len(firsts) > CAP, firsts[:CAP]
    series = series_for_youths([youth_id for youth_id, _name, _first in firsts], kind, today)
    rows, too_few = [], []
    for youth_id, name, first in firsts:
        row = YouthEffect(youth_id, name, first, analyse(series[youth_id], first, full=False))
        (rows if row.analysis.enough_points and row.value is not None else too_few).append(row)
    rows.sort(key=lambda row: (row.value, row.youth_id))
    return Overview(kind, tuple(rows), tuple(too_few), capped)


def toolbox_choices(organisation_id: int) -> list[tuple[str, str]]:
    """The organisation's toolbox items by their stable key, with the newest version's text (one query)."""
    texts = dict(
        ToolboxItem.objects.filter(version__organisation_id=organisation_id)
        .order_by("version__number", "position")
        .values_list("key", "action")
    )
    return sorted(texts.items(), key=lambda item: item[1].lower())
