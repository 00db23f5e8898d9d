"""Quantiles from a frequency table: the same numbers as Python's statistics module (R type 7),
however the values are counted."""

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.lib.quantiles import counts_of, merged, spread_of, table_of


def test_median_and_quartiles_of_a_known_set():
    spread = spread_of(counts_of([100, 120, 140, 160, 180, 200]))
    assert spread.n == 6
    assert spread.median == 150
    assert (spread.q1, spread.q3) == (125, 175)
    assert spread.p10 == pytest.approx(110) and spread.p90 == pytest.approx(190)


def test_an_empty_table_has_no_spread_and_negative_counts_are_refused():
    assert spread_of({}) is None
    assert spread_of({5: 0}) is None
    with pytest.raises(ValueError):
        table_of({5: -1})


def test_merged_tables_add_up():
    assert merged({1: 2, 3: 1}, {3: 4}) == {1: 2, 3: 5}


@given(st.lists(st.integers(min_value=0, max_value=2000), min_size=2, max_size=300))
def test_the_same_as_the_statistics_module(values):
    table = table_of(counts_of(values))
    expected = statistics.quantiles(values, n=4, method="inclusive")
    assert [table.quantile(p) for p in (0.25, 0.5, 0.75)] == pytest.approx(expected)
    assert table.quantile(0.5) == pytest.approx(statistics.median(values))
    assert table.order_statistic(1) == min(values) and table.order_statistic(len(values)) == max(values)
