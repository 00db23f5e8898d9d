"""Quantiles of whole numbers given as a frequency table (value -> how many), e.g. days from
registration to outflow: a database groups by the value and counts, so a page reads at most a
few thousand (value, count) pairs however many trajectories there are, and the quantiles are
still exact.

Quantiles follow the usual definition of R (type 7) and Python's `statistics.quantiles(...,
method="inclusive")`: linear interpolation between the order statistics, so the median of an
even number of values is the mean of the middle two. Pure Python, no Django.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Counts = Mapping[int, int]


@dataclass(frozen=True)
class Table:
    """A frequency table ready for order statistics: distinct values in order and the running
    number of values up to and including each."""

    values: tuple[int, ...]
    cumulative: tuple[int, ...]

    @property
    def n(self) -> int:
        return self.cumulative[-1] if self.cumulative else 0

    def order_statistic(self, rank: int) -> int:
        """The rank-th smallest value, rank 1..n."""
        if not 1 <= rank <= self.n:
            raise ValueError("rank outside 1..n")
        return self.values[bisect.bisect_left(self.cumulative, rank)]

    def quantile(self, p: float) -> float:
        if not self.n:
            raise ValueError("no values")
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must lie between 0 and 1")
        h = (self.n - 1) * p + 1
        low = math.floor(h)
        below = self.order_statistic(low)
        if low >= self.n:
            return float(below)
        return below + (h - low) * (self.order_statistic(low + 1) - below)


def table_of(counts: Counts) -> Table:
    """The table of a {value: count} mapping; zero counts are left out, negative ones refused."""
    if any(count < 0 for count in counts.values()):
        raise ValueError("counts cannot be negative")
    values = sorted(value for value, count in counts.items() if count)
    running, cumulative = 0, []
    for value in values:
        running += counts[value]
        cumulative.append(running)
    return Table(tuple(values), tuple(cumulative))


def counts_of(values: Iterable[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def merged(*tables: Counts) -> dict[int, int]:
    total: dict[int, int] = {}
    for counts in tables:
        for value, count in counts.items():
            total[value] = total.get(value, 0) + count
    return total


@dataclass(frozen=True)
class Spread:
    """How values are spread: the median, the quartiles (half of the values lie between them)
    and the 10th and 90th percentiles (eight in ten lie between them)."""

    n: int
    p10: float
    q1: float
    median: float
    q3: float
    p90: float


def spread_of(counts: Counts) -> Spread | None:
    """The spread of the values, or None when there are none."""
    table = table_of(counts)
    if not table.n:
        return None
    return Spread(
        n=table.n,
        p10=table.quantile(0.1),
        q1=table.quantile(0.25),
        median=table.quantile(0.5),
        q3=table.quantile(0.75),
        p90=table.quantile(0.9),
    )
