"""Single-case (N=1) effect sizes for an A (baseline) and B (intervention) series.

Each statistic follows the defaults of the R package SingleCaseES (Pustejovsky, Chen, Swan;
version 0.7.4, jepusto/SingleCaseES), so a researcher gets the same numbers there:

- NAP: ties count one half; the "unbiased" standard error (Sen 1967, Mee 1990) evaluated at NAP
  truncated to [1/(2mn), 1 - 1/(2mn)]; the Newcombe (2006, method 5) score interval, found with
  the same root finder and tolerance as R's `uniroot` (R/non-overlap-measures.R, `calc_NAP`).
- Tau = 2 NAP - 1, its SE 2 SE(NAP) and its interval [2L - 1, 2U - 1] (`calc_Tau`).
- Tau-U: Kendall's S for A against B minus Kendall's S for the trend in A, divided by m n
  (`calc_Tau_U`, the package's only method). A must be in session order.
- PND: the proportion of B points better than the best A point (`calc_PND`).
- SMD: baseline SD, Hedges' correction J = 1 - 3/(4(m - 1) - 1), SE
  J sqrt(1/m + s_B^2/(n s_A^2) + d^2/(2(m - 1))) and a z interval (R/parametric-measures.R,
  `calc_SMD`).
- LRR: the log of the ratio of the phase means with the bias correction s^2/(2 n y^2) per phase,
  means and variances truncated with D_const (1 for counts: mean >= 1/(2n), variance >= 1/n^3),
  SE sqrt(sum s^2/(n y^2)) and a z interval (`calc_LRRi`, `calc_LRRd`, scale "count").
- PoGO: 100 (mean B - mean A)/(goal - mean A), SE after Patrona et al. (2022) and a z interval
  (`calc_PoGO`).

Where the package returns NA, NaN or Inf, these functions raise a `SingleCaseError` (a
`ValueError`) with a plain message, or give `None` for a standard error or interval the package
cannot estimate while it does report the estimate. Each function says which. Deliberate
differences from the package: missing values (NaN) are refused, not dropped; SMD with only two
baseline points is refused (the package reports 0 with SE 0, because J is 0 then); LRR refuses
negative values (the package would silently raise a negative mean to 1/(2n)).

Pure standard library: no numpy, no Django.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MIN_POINTS_PER_PHASE",
    "ConstantBaseline",
    "Estimate",
    "GoalAtBaseline",
    "Interval",
    "LogResponseRatio",
    "NegativeValue",
    "NotANumber",
    "SingleCaseError",
    "StandardisedMeanDifference",
    "TooFewPoints",
    "ZeroMean",
    "lrr",
    "lrr_d",
    "lrr_i",
    "nap",
    "pnd",
    "pogo",
    "smd",
    "tau",
    "tau_u",
    "warnings_for",
]

Improvement = Literal["increase", "decrease"]
Phase = Literal["A", "B"]

# SingleCaseES's calculator asks for "at least three data points in each phase"
# (inst/shiny-examples/SCD-effect-sizes/mappings.R, single_series_min_data_points_msg).
MIN_POINTS_PER_PHASE = 3

# R's uniroot(): tol = .Machine$double.eps^0.25, maxiter = 1000.
_ROOT_TOLERANCE = 2.0**-13
_ROOT_MAX_ITERATIONS = 1000


class SingleCaseError(ValueError):
    """A statistic that cannot be computed for these series."""


class TooFewPoints(SingleCaseError):
    def __init__(self, statistic: str, phase: Phase, count: int, minimum: int) -> None:
        self.statistic, self.phase, self.count, self.minimum = statistic, phase, count, minimum
        super().__init__(f"{statistic} needs at least {minimum} measurement(s) in phase {phase}; it has {count}.")


class NotANumber(SingleCaseError):
    def __init__(self, phase: Phase, position: int) -> None:
        self.phase, self.position = phase, position
        super().__init__(f"Measurement {position} of phase {phase} is not a finite number.")


class ConstantBaseline(SingleCaseError):
    def __init__(self, statistic: str) -> None:
        self.statistic = statistic
        super().__init__(f"{statistic} cannot be computed: all measurements in phase A are equal (SD 0).")


class NegativeValue(SingleCaseError):
    def __init__(self, statistic: str, phase: Phase) -> None:
        self.statistic, self.phase = statistic, phase
        super().__init__(f"{statistic} needs values of 0 or more; phase {phase} has a negative value.")


class ZeroMean(SingleCaseError):
    def __init__(self, statistic: str, phase: Phase) -> None:
        self.statistic, self.phase = statistic, phase
        super().__init__(f"{statistic} cannot be computed: phase {phase} has mean 0 and no truncation constant.")


class GoalAtBaseline(SingleCaseError):
    def __init__(self) -> None:
        super().__init__("PoGO cannot be computed: the goal equals the mean of phase A.")


@dataclass(frozen=True)
class Estimate:
    """A point estimate without a known sampling distribution (Tau-U, PND)."""

    estimate: float


@dataclass(frozen=True)
class Interval:
    """An estimate with its standard error and confidence interval.

    `se`, `ci_lower` and `ci_upper` are None where SingleCaseES gives NA or Inf for them but
    still reports the estimate (a phase of one point).
    """

    estimate: float
    se: float | None
    ci_lower: float | None
    ci_upper: float | None


@dataclass(frozen=True)
class StandardisedMeanDifference(Interval):
    baseline_sd: float


@dataclass(frozen=True)
class LogResponseRatio(Interval):
    version: Literal["LRRi", "LRRd"]


def _series(values: Sequence[float], phase: Phase) -> list[float]:
    series = [float(value) for value in values]
    for position, value in enumerate(series, start=1):
        if not math.isfinite(value):
            raise NotANumber(phase, position)
    return series


def _phases(
    statistic: str, a: Sequence[float], b: Sequence[float], minimum: int = 1
) -> tuple[list[float], list[float]]:
    series_a, series_b = _series(a, "A"), _series(b, "B")
    for phase, series in _named(series_a, series_b):
        if len(series) < minimum:
            raise TooFewPoints(statistic, phase, len(series), minimum)
    return series_a, series_b


def _named(a: Sequence[float], b: Sequence[float]) -> tuple[tuple[Phase, Sequence[float]], ...]:
    return (("A", a), ("B", b))


def _oriented(series: list[float], improvement: Improvement) -> list[float]:
    # SingleCaseES multiplies both phases by -1 when a decrease is the improvement.
    if improvement not in ("increase", "decrease"):
        raise ValueError(f"improvement must be 'increase' or 'decrease', not {improvement!r}")
    return [-value for value in series] if improvement == "decrease" else series


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie between 0 and 1")
    return statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _mean(series: Sequence[float]) -> float:
    return math.fsum(series) / len(series)


def _variance(series: Sequence[float]) -> float | None:
    """The sample variance (n - 1), or None for one point, as R's var() gives NA."""
    return statistics.variance(series) if len(series) > 1 else None


def _z_interval(estimate: float, se: float | None, confidence: float) -> tuple[float | None, float | None]:
    if se is None:
        return None, None
    half = _z(confidence) * se
    return estimate - half, estimate + half


def warnings_for(a: Sequence[float], b: Sequence[float]) -> list[str]:
    """Plain-English notes on phases shorter than SingleCaseES's recommended minimum of 3 points."""
    return [
        f"Phase {phase} has {len(series)} measurement(s); at least {MIN_POINTS_PER_PHASE} per phase are recommended."
        for phase, series in _named(a, b)
        if len(series) < MIN_POINTS_PER_PHASE
    ]


# --- non-overlap ---------------------------------------------------------------------------------


def nap(
    a: Sequence[float], b: Sequence[float], improvement: Improvement = "increase", confidence: float = 0.95
) -> Interval:
    """Non-overlap of all pairs (Parker & Vannest 2009), with SE and Newcombe interval.

    Needs a point in each phase (else `TooFewPoints`). With a phase of one point the unbiased
    SE divides by zero (SingleCaseES reports Inf or NaN): `se` is None; the interval is given.
    At NAP = 1 (or 0) the interval is [1, 1] ([0, 0]), exactly as SingleCaseES reports it: its
    uniroot() stops at the end point NAP, where the score equation is also zero.
    """
    series_a, series_b = _phases("NAP", a, b)
    series_a, series_b = _oriented(series_a, improvement), _oriented(series_b, improvement)
    m, n = len(series_a), len(series_b)
    q = [[1.0 if y > x else 0.5 if y == x else 0.0 for y in series_b] for x in series_a]
    estimate = math.fsum(math.fsum(row) for row in q) / (m * n)

    se: float | None = None
    if m > 1 and n > 1:
        q1 = math.fsum(math.fsum(v - estimate for v in row) ** 2 for row in q) / (m * n * n)
        q2 = math.fsum(math.fsum(row[j] - estimate for row in q) ** 2 for j in range(n)) / (m * m * n)
        x = math.fsum((v - estimate) ** 2 for row in q for v in row) / (m * n)
        truncation = 0.5 / (m * n)
        nap_t = min(max(estimate, truncation), 1 - truncation)
        variance = (nap_t * (1 - nap_t) + n * q1 + m * q2 - 2 * x) / ((m - 1) * (n - 1))
        se = math.sqrt(variance) if variance > 0 else None

    lower, upper = _newcombe_interval(estimate, m, n, _z(confidence))
    return Interval(estimate, se, lower, upper)


def _newcombe_interval(estimate: float, m: int, n: int, z: float) -> tuple[float, float]:
    h = (m + n) / 2 - 1

    def score(theta: float) -> float:
        gap = estimate - theta
        return m * n * (gap * gap) * (2 - theta) * (1 + theta) - (z * z) * theta * (1 - theta) * (
            2 + h + (1 + 2 * h) * theta * (1 - theta)
        )

    lower = _uniroot(score, 0.0, estimate) if estimate > 0 else 0.0
    upper = _uniroot(score, estimate, 1.0) if estimate < 1 else 1.0
    return lower, upper


def _uniroot(f: Callable[[float], float], lower: float, upper: float) -> float:
    """A root of f in [lower, upper] by Brent's method (Brent 1973, ch. 4; netlib "zeroin").

    The same steps and stopping rule as R's uniroot() with its default tolerance, so the interval
    ends agree with SingleCaseES to the last printed digit rather than only to 1e-4.
    """
    a, b = lower, upper
    fa, fb = f(a), f(b)
    if fa * fb > 0:
        raise ArithmeticError("no sign change in the interval")
    c, fc = a, fa
    if fa == 0:
        return a
    if fb == 0:
        return b
    for _ in range(_ROOT_MAX_ITERATIONS + 1):
        previous_step = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tolerance = 2 * 2.0**-52 * abs(b) + _ROOT_TOLERANCE / 2
        step = (c - b) / 2
        if abs(step) <= tolerance or fb == 0:
            return b
        if abs(previous_step) >= tolerance and abs(fa) > abs(fb):
            cb = c - b
            if a == c:  # two points: secant
                t1 = fb / fa
                p, q = cb * t1, 1.0 - t1
            else:  # three points: inverse quadratic interpolation
                q, t1, t2 = fa / fc, fb / fc, fb / fa
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if p < 0.75 * cb * q - abs(tolerance * q) / 2 and p < abs(previous_step * q / 2):
                step = p / q
        if abs(step) < tolerance:
            step = tolerance if step > 0 else -tolerance
        a, fa = b, fb
        b += step
        fb = f(b)
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
    return b


def tau(
    a: Sequence[float], b: Sequence[float], improvement: Improvement = "increase", confidence: float = 0.95
) -> Interval:
    """Tau (non-overlap) = 2 NAP - 1; SE and interval transformed from NAP's (see `nap`)."""
    result = nap(a, b, improvement, confidence)
    assert result.ci_lower is not None and result.ci_upper is not None  # nap always gives an interval
    se = None if result.se is None else 2 * result.se
    return Interval(2 * result.estimate - 1, se, 2 * result.ci_lower - 1, 2 * result.ci_upper - 1)


def tau_u(a: Sequence[float], b: Sequence[float], improvement: Improvement = "increase") -> Estimate:
    """Tau-U, "A vs B minus trend A" (Parker et al. 2011), scaled by m n as SingleCaseES does.

    `a` must be in session order. Needs a point in each phase; no SE exists.
    """
    series_a, series_b = _phases("Tau-U", a, b)
    series_a, series_b = _oriented(series_a, improvement), _oriented(series_b, improvement)
    m, n = len(series_a), len(series_b)
    s_ab = sum(_sign(y - x) for y in series_b for x in series_a)
    s_trend = sum(_sign(series_a[j] - series_a[i]) for i in range(m) for j in range(i + 1, m))
    return Estimate((s_ab - s_trend) / (m * n))


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def pnd(a: Sequence[float], b: Sequence[float], improvement: Improvement = "increase") -> Estimate:
    """Percentage of non-overlapping data, as a proportion: B points beyond the best A point.

    Needs a point in each phase; no SE exists.
    """
    series_a, series_b = _phases("PND", a, b)
    series_a, series_b = _oriented(series_a, improvement), _oriented(series_b, improvement)
    best = max(series_a)
    return Estimate(sum(y > best for y in series_b) / len(series_b))


# --- parametric ----------------------------------------------------------------------------------


def smd(
    a: Sequence[float], b: Sequence[float], improvement: Improvement = "increase", confidence: float = 0.95
) -> StandardisedMeanDifference:
    """Within-case standardised mean difference with the baseline SD and Hedges' correction.

    Refused (`TooFewPoints`) with fewer than 3 baseline points: with one SingleCaseES gives NA,
    with two its correction factor is 0 and it reports 0 with SE 0. A constant baseline raises
    `ConstantBaseline` (SingleCaseES warns and gives Inf or NaN). With one B point the estimate
    stands and `se` and the interval are None (NA in SingleCaseES).
    """
    _direction(improvement)
    series_a, series_b = _phases("SMD", a, b)
    if len(series_a) < 3:
        raise TooFewPoints("SMD", "A", len(series_a), 3)
    variance_a = _variance(series_a)
    assert variance_a is not None  # three or more points
    if variance_a == 0:
        raise ConstantBaseline("SMD")
    m, n = len(series_a), len(series_b)
    df = m - 1
    j = 1 - 3 / (4 * df - 1)
    d = j * (_mean(series_b) - _mean(series_a)) / math.sqrt(variance_a)
    if improvement == "decrease":
        d = -d
    variance_b = _variance(series_b)
    se = None if variance_b is None else j * math.sqrt(1 / m + variance_b / (n * variance_a) + d * d / (2 * df))
    lower, upper = _z_interval(d, se, confidence)
    return StandardisedMeanDifference(d, se, lower, upper, baseline_sd=math.sqrt(variance_a))


def lrr(
    a: Sequence[float],
    b: Sequence[float],
    improvement: Improvement = "increase",
    confidence: float = 0.95,
    d_const: float = 1.0,
) -> LogResponseRatio:
    """The log response ratio in the version that matches the improvement: LRRi for an
    increase, LRRd for a decrease. For counts both equal ln(mean B / mean A) + the bias
    correction, so a positive LRRi and a negative LRRd are improvements. See `lrr_i`.
    """
    if improvement == "decrease":
        return lrr_d(a, b, improvement, confidence, d_const)
    return lrr_i(a, b, improvement, confidence, d_const)


def lrr_i(
    a: Sequence[float],
    b: Sequence[float],
    improvement: Improvement = "increase",
    confidence: float = 0.95,
    d_const: float = 1.0,
) -> LogResponseRatio:
    """LRR-increasing (positive = improvement) for counts, bias-corrected.

    `d_const` is SingleCaseES's truncation constant D (1 for counts, the session length in
    minutes for rates; `math.inf` for none): a phase mean of 0 is raised to 1/(2 D n) and a
    variance to at least 1/(D^2 n^3), so zeros give an estimate. Needs 2 points per phase (with
    one SingleCaseES gives NA) and values of 0 or more (`NegativeValue`). Without truncation
    (`d_const=math.inf`) a phase mean of 0 raises `ZeroMean` (SingleCaseES gives NaN).
    """
    estimate, se = _log_ratio("LRRi", a, b, d_const)
    if _direction(improvement) == "decrease":
        estimate = -estimate
    lower, upper = _z_interval(estimate, se, confidence)
    return LogResponseRatio(estimate, se, lower, upper, version="LRRi")


def lrr_d(
    a: Sequence[float],
    b: Sequence[float],
    improvement: Improvement = "decrease",
    confidence: float = 0.95,
    d_const: float = 1.0,
) -> LogResponseRatio:
    """LRR-decreasing (negative = improvement) for counts; as `lrr_i` with the other sign.

    Its default improvement is "decrease", as in SingleCaseES's LRRd().
    """
    estimate, se = _log_ratio("LRRd", a, b, d_const)
    if _direction(improvement) == "increase":
        estimate = -estimate
    lower, upper = _z_interval(estimate, se, confidence)
    return LogResponseRatio(estimate, se, lower, upper, version="LRRd")


def _direction(improvement: Improvement) -> Improvement:
    _oriented([], improvement)
    return improvement


def _log_ratio(statistic: str, a: Sequence[float], b: Sequence[float], d_const: float) -> tuple[float, float]:
    if not d_const > 0:
        raise ValueError("d_const must be greater than 0 (math.inf for no truncation)")
    series_a, series_b = _phases(statistic, a, b, minimum=2)
    terms = []
    for phase, series in _named(series_a, series_b):
        if any(value < 0 for value in series):
            raise NegativeValue(statistic, phase)
        n = len(series)
        mean = max(1 / (2 * d_const * n), _mean(series))
        variance = max(1 / (d_const**2 * n**3), statistics.variance(series))
        if mean == 0:
            raise ZeroMean(statistic, phase)
        terms.append((math.log(mean) + variance / (2 * n * mean**2), variance / (n * mean**2)))
    (corrected_a, var_a), (corrected_b, var_b) = terms
    return corrected_b - corrected_a, math.sqrt(var_a + var_b)


def pogo(
    a: Sequence[float],
    b: Sequence[float],
    goal: float,
    improvement: Improvement = "increase",
    confidence: float = 0.95,
) -> Interval:
    """Percent of goal obtained (Ferron et al. 2020), with the SE of Patrona et al. (2022).

    `improvement` is accepted for a uniform call but does not change the result: the goal sets
    the direction, as in SingleCaseES. Needs a point in each phase; with a phase of one point
    the estimate stands and `se` and the interval are None (NA in SingleCaseES). A goal equal to
    the baseline mean raises `GoalAtBaseline`.
    """
    _direction(improvement)
    if not math.isfinite(goal):
        raise ValueError("goal must be a finite number")
    series_a, series_b = _phases("PoGO", a, b)
    mean_a, mean_b = _mean(series_a), _mean(series_b)
    if goal == mean_a:
        raise GoalAtBaseline()
    estimate = 100 * (mean_b - mean_a) / (goal - mean_a)
    variance_a, variance_b = _variance(series_a), _variance(series_b)
    se: float | None = None
    if variance_a is not None and variance_b is not None:
        n_a, n_b = len(series_a), len(series_b)
        ratio = estimate / 100
        variance = (variance_a / n_a + variance_b / n_b + ratio * ratio * variance_a / n_a) / (goal - mean_a) ** 2
        se = 100 * math.sqrt(variance)
    lower, upper = _z_interval(estimate, se, confidence)
    return Interval(estimate, se, lower, upper)
