"""Bootstrap intervals for a difference between groups: of medians, proportions or means, and of
a difference of differences (before and after, in a group and in the others).

The percentile bootstrap: each group ("cell") is resampled with replacement many times, the
statistic is computed for each resample and combined (e.g. group minus others); the interval is
the middle 95 % of those combined values. The random generator is seeded, so the same data give
the same interval on every page view.

Each cell draws the statistic of a resample directly, at a cost that does not grow with the
number of values, so a comparison with 50,000 trajectories costs what one with 50 costs:

- a median (values as a frequency table, as koers.lib.quantiles): the k-th smallest of n draws
  from the data is the data's ceil(n U)-th smallest value, where U is the k-th smallest of n
  uniform numbers, which has a Beta(k, n + 1 - k) distribution; for an even n the next order
  statistic follows from it (the least of the n - k uniform numbers above). This is exactly the
  bootstrap, without drawing the n values (from MEDIAN_EXACT_MAX values on, the beta is drawn
  from its normal limit, which it then follows closely);
- a proportion: the number of successes in a resample is Binomial(n, p); its distribution is
  computed once (over the values within ten standard deviations of the mean) and each resample
  is one look-up in it;
- a mean: for up to MEAN_RESAMPLE_MAX values the values are resampled; above that the mean of a
  resample is drawn from its normal limit (mean, sd / sqrt(n), sd with divisor n: the
  bootstrap's own variance), which the resampled means follow closely at that size.

Pure Python, no Django.
"""

from __future__ import annotations

import bisect
import math
import random
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from koers.lib.quantiles import Table, table_of

REPLICATES = 1000
LEVEL = 0.95
SEED = 2026
MEAN_RESAMPLE_MAX = 30
MEDIAN_EXACT_MAX = 200


class Cell(Protocol):
    @property
    def estimate(self) -> float: ...

    def draw(self, rng: random.Random) -> float: ...


@dataclass(frozen=True)
class MedianCell:
    """The median of whole numbers given as {value: count}."""

    table: Table

    @classmethod
    def of(cls, counts: Mapping[int, int]) -> MedianCell:
        table = table_of(counts)
        if not table.n:
            raise ValueError("a median needs at least one value")
        return cls(table)

    @property
    def n(self) -> int:
        return self.table.n

    @property
    def estimate(self) -> float:
        return self.table.quantile(0.5)

    def _value_at(self, u: float) -> int:
        rank = min(max(math.ceil(self.n * u), 1), self.n)
        return self.table.order_statistic(rank)

    def draw(self, rng: random.Random) -> float:
        n = self.n
        k = (n + 1) // 2
        if n < MEDIAN_EXACT_MAX:
            u = rng.betavariate(k, n + 1 - k)
        else:
            # Beta(k, n + 1 - k) for the middle k: its normal limit (skewness 0 at the middle,
            # excess kurtosis of order 1/n), five times faster to draw.
            mean = k / (n + 1)
            u = min(max(rng.gauss(mean, math.sqrt(mean * (1 - mean) / (n + 2))), 0.0), 1.0)
        if n % 2:
            return float(self._value_at(u))
        # The least of the n - k uniforms above u: u + (1 - u) Beta(1, n - k), drawn by inversion.
        following = u + (1.0 - u) * (1.0 - rng.random() ** (1.0 / (n - k)))
        return (self._value_at(u) + self._value_at(following)) / 2


def _binomial_cumulative(n: int, p: float) -> tuple[int, tuple[float, ...]]:
    """The Binomial(n, p) distribution as (first k, running probabilities from it), over the
    values within ten standard deviations of the mean (beyond them lies less than 1e-20)."""
    if p <= 0.0 or p >= 1.0:
        k = 0 if p <= 0.0 else n
        return k, (1.0,)
    mean, sd = n * p, math.sqrt(n * p * (1.0 - p))
    first = max(0, math.floor(mean - 10 * sd) - 1)
    last = min(n, math.ceil(mean + 10 * sd) + 1)
    base = math.lgamma(n + 1)
    log_p, log_q = math.log(p), math.log1p(-p)
    running, cumulative = 0.0, []
    for k in range(first, last + 1):
        running += math.exp(base - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q)
        cumulative.append(running)
    return first, tuple(cumulative)


@dataclass(frozen=True)
class ProportionCell:
    """The share of `n` cases with `successes`."""

    successes: int
    n: int
    _first: int = field(init=False, repr=False, compare=False)
    _cumulative: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.n < 1 or not 0 <= self.successes <= self.n:
            raise ValueError("a proportion needs 0 <= successes <= n and n >= 1")
        first, cumulative = _binomial_cumulative(self.n, self.successes / self.n)
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_cumulative", cumulative)

    @property
    def estimate(self) -> float:
        return self.successes / self.n

    def draw(self, rng: random.Random) -> float:
        """The share in a resample: Binomial(n, p) successes, by inverting its distribution."""
        k = self._first + bisect.bisect_left(self._cumulative, rng.random() * self._cumulative[-1])
        return min(k, self.n) / self.n


@dataclass(frozen=True)
class MeanCell:
    values: tuple[float, ...]
    _mean: float = field(init=False, repr=False, compare=False)
    _sd: float = field(init=False, repr=False, compare=False)  # with divisor n: the bootstrap's own

    @classmethod
    def of(cls, values: Sequence[float]) -> MeanCell:
        if not values:
            raise ValueError("a mean needs at least one value")
        return cls(tuple(float(v) for v in values))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_mean", statistics.fmean(self.values))
        object.__setattr__(self, "_sd", statistics.pstdev(self.values))

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def estimate(self) -> float:
        return self._mean

    def draw(self, rng: random.Random) -> float:
        if self.n <= MEAN_RESAMPLE_MAX:
            return statistics.fmean(rng.choices(self.values, k=self.n))
        return rng.gauss(self._mean, self._sd / math.sqrt(self.n))


@dataclass(frozen=True)
class Interval:
    estimate: float
    lower: float
    upper: float
    level: float

    @property
    def excludes_zero(self) -> bool:
        """Whether the interval lies wholly on one side of "no difference"."""
        return self.lower > 0 or self.upper < 0


def difference(a: float, b: float) -> float:
    return a - b


def difference_in_differences(a_after: float, a_before: float, b_after: float, b_before: float) -> float:
    """How much more group a changed than group b: (a after - a before) - (b after - b before)."""
    return (a_after - a_before) - (b_after - b_before)


def _percentile(ordered: Sequence[float], p: float) -> float:
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


class Bootstrap:
    """Resamples each cell once (seeded); the intervals of any combination of the cells share
    those resamples, so a page comparing four cells in three ways draws four times, not twelve."""

    def __init__(self, *, replicates: int = REPLICATES, level: float = LEVEL, seed: int = SEED) -> None:
        if replicates < 100:
            raise ValueError("use at least 100 replicates")
        if not 0.5 < level < 1.0:
            raise ValueError("level must lie between 0.5 and 1")
        self.replicates = replicates
        self.level = level
        self._rng = random.Random(seed)
        self._draws: dict[Cell, tuple[float, ...]] = {}

    def draws(self, cell: Cell) -> tuple[float, ...]:
        if cell not in self._draws:
            self._draws[cell] = tuple(cell.draw(self._rng) for _ in range(self.replicates))
        return self._draws[cell]

    def interval(self, *cells: Cell, combine: Callable[..., float] = difference) -> Interval:
        """The percentile interval of combine(statistic of each cell), e.g. of median(a) -
        median(b) for cells a and b with the default `combine`."""
        estimate = combine(*(cell.estimate for cell in cells))
        columns = [self.draws(cell) for cell in cells]
        combined = sorted(combine(*values) for values in zip(*columns, strict=True))
        tail = (1.0 - self.level) / 2
        return Interval(
            estimate=estimate,
            lower=_percentile(combined, tail),
            upper=_percentile(combined, 1.0 - tail),
            level=self.level,
        )


def interval(
    cells: Sequence[Cell],
    combine: Callable[..., float] = difference,
    *,
    replicates: int = REPLICATES,
    level: float = LEVEL,
    seed: int = SEED,
) -> Interval:
    """One interval: see Bootstrap.interval."""
    return Bootstrap(replicates=replicates, level=level, seed=seed).interval(*cells, combine=combine)
