"""Bootstrap intervals for differences of medians, proportions and means: seeded (the same data,
the same interval), covering a known difference on synthetic data, narrower with more data, and
the same as plain resampling where that is feasible."""

import random
import statistics

import pytest

from koers.lib.bootstrap import (
    Bootstrap,
    MeanCell,
    MedianCell,
    ProportionCell,
    difference_in_differences,
    interval,
)
from koers.lib.quantiles import counts_of


def _durations(rng, n, centre):
    return [max(0, round(rng.gauss(centre, 40))) for _ in range(n)]


def test_the_interval_of_a_median_difference_covers_the_true_difference():
    rng = random.Random(11)
    a = MedianCell.of(counts_of(_durations(rng, 60, 200)))
    b = MedianCell.of(counts_of(_durations(rng, 60, 150)))
    result = interval([a, b])
    assert result.lower < 50 < result.upper
    assert result.estimate == pytest.approx(a.estimate - b.estimate)
    assert result.excludes_zero  # 50 days apart with 60 each: not chance


def test_the_interval_narrows_with_more_data():
    rng = random.Random(3)
    widths = []
    for n in (10, 40, 160, 640, 2560):
        a = MedianCell.of(counts_of(_durations(rng, n, 180)))
        b = MedianCell.of(counts_of(_durations(rng, n, 170)))
        result = interval([a, b])
        widths.append(result.upper - result.lower)
    assert widths == sorted(widths, reverse=True)
    assert widths[-1] < widths[0] / 5


def test_coverage_over_many_synthetic_experiments_is_about_95_percent():
    rng = random.Random(2026)
    covered = 0
    runs = 200
    for run in range(runs):
        a = [rng.expovariate(1 / 3) for _ in range(25)]  # skewed, like contacts per youth
        b = [rng.expovariate(1 / 2) for _ in range(25)]
        result = interval([MeanCell.of(a), MeanCell.of(b)], replicates=400, seed=run)
        covered += result.lower <= 1.0 <= result.upper  # true means 3 and 2
    assert 0.88 <= covered / runs <= 0.99


def test_the_same_data_give_the_same_interval_and_another_seed_nearly_the_same():
    rng = random.Random(5)
    cells = [MedianCell.of(counts_of(_durations(rng, 30, 100))), MedianCell.of(counts_of(_durations(rng, 30, 90)))]
    assert interval(cells) == interval(cells)
    other = interval(cells, seed=7)
    first = interval(cells)
    assert abs(other.lower - first.lower) < 10 and abs(other.upper - first.upper) < 10


def test_the_median_draw_is_the_bootstrap_median_of_resampled_data():
    """The shortcut (an order statistic drawn from its beta distribution) against plain resampling."""
    rng = random.Random(1)
    for n in (31, 40, 250):  # odd, even, and large (the normal limit)
        data = _durations(rng, n, 150)
        cell = MedianCell.of(counts_of(data))
        shortcut = sorted(cell.draw(rng) for _ in range(6000))
        plain = sorted(statistics.median(rng.choices(data, k=n)) for _ in range(6000))
        for p in (0.05, 0.5, 0.95):
            assert abs(shortcut[int(p * 6000)] - plain[int(p * 6000)]) <= 6, (n, p)


def test_a_proportion_resamples_as_a_binomial():
    rng = random.Random(4)
    for successes, n in ((9, 30), (150, 500), (15000, 50000)):
        cell = ProportionCell(successes, n)
        draws = [cell.draw(rng) * n for _ in range(4000)]
        p = successes / n
        assert statistics.fmean(draws) == pytest.approx(n * p, rel=0.02)
        assert statistics.pvariance(draws) == pytest.approx(n * p * (1 - p), rel=0.1)
    assert ProportionCell(7, 7).draw(rng) == 1.0 and ProportionCell(0, 7).draw(rng) == 0.0
    with pytest.raises(ValueError):
        ProportionCell(8, 7)


def test_a_difference_in_differences_shares_the_resamples():
    rng = random.Random(8)
    cells = [MedianCell.of(counts_of(_durations(rng, 80, centre))) for centre in (150, 200, 180, 190)]
    bootstrap = Bootstrap(seed=1)
    change = bootstrap.interval(*cells, combine=difference_in_differences)
    assert change.estimate == pytest.approx(
        (cells[0].estimate - cells[1].estimate) - (cells[2].estimate - cells[3].estimate)
    )
    assert change.lower < -40 < change.upper  # true change: (150 - 200) - (180 - 190) = -40
    # The four cells were drawn once; a second comparison reuses them.
    assert bootstrap.draws(cells[0]) is bootstrap.draws(cells[0])


def test_large_means_use_the_normal_limit_with_the_same_spread():
    rng = random.Random(9)
    values = [rng.expovariate(1) for _ in range(2000)]
    cell = MeanCell.of(values)
    draws = [cell.draw(rng) for _ in range(3000)]
    assert statistics.stdev(draws) == pytest.approx(statistics.pstdev(values) / 2000**0.5, rel=0.1)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        MedianCell.of({})
    with pytest.raises(ValueError):
        MeanCell.of([])
    with pytest.raises(ValueError):
        Bootstrap(replicates=10)
    with pytest.raises(ValueError):
        Bootstrap(level=1.5)
