"""Geometry of the box plot and the interval chart: positions on a common, rounded scale; a row
that may not be shown keeps its place without a mark."""

import pytest

from koers.lib.charts.distribution import box_plot, nice_step, scale_of
from koers.lib.charts.intervals import Estimate, interval_chart
from koers.lib.quantiles import Spread


def test_a_scale_runs_from_round_number_to_round_number():
    scale = scale_of(0, 263, left=10, right=410)
    assert (scale.low, scale.high) == (0, 300)
    assert [tick.value for tick in scale.ticks] == [0, 100, 200, 300]  # at most six ticks
    assert scale.x(0) == 10 and scale.x(300) == 410 and scale.x(150) == 210
    assert scale.x(999) == 410  # clamped
    assert nice_step(1.0) == 0.2 and nice_step(0) == 1.0


def test_boxes_are_placed_by_their_quartiles_on_a_shared_scale():
    plot = box_plot(
        [
            ("werk", Spread(n=20, p10=50, q1=100, median=150, q3=200, p90=250)),
            ("school", None),
            ("zorg", Spread(n=8, p10=20, q1=40, median=60, q3=80, p90=100)),
        ],
        width=480,
    )
    work, school, care = plot.rows
    assert plot.ticks[-1].value == 250 and plot.ticks[0].value == 0
    span = plot.right - plot.left
    assert work.median_x == pytest.approx(plot.left + span * 150 / 250, abs=0.1)
    assert work.p10_x < work.q1_x < work.median_x < work.q3_x < work.p90_x
    assert care.p90_x == pytest.approx(plot.left + span * 100 / 250, abs=0.1)
    assert school.spread is None  # kept as a row, nothing to draw
    assert work.top < school.top < care.top < plot.axis_y < plot.height
    assert work.label_y < work.top  # the label above its box


def test_a_box_plot_of_days_has_whole_day_ticks_even_when_nothing_is_shown():
    plot = box_plot([("werk", None), ("school", None)])
    values = [tick.value for tick in plot.ticks]
    assert values == [0, 1]  # not 0, 0.2, 0.4 … written as 0, 0, 0, 1, 1, 1
    short = box_plot([("werk", Spread(n=9, p10=0, q1=1, median=1, q3=2, p90=3))])
    assert [tick.value for tick in short.ticks] == [0, 1, 2, 3]


def test_an_interval_chart_always_shows_zero():
    chart = interval_chart(
        [Estimate("na", -20, -50, 10), Estimate("geen", None), Estimate("voor", 30, 5, 60)], width=480
    )
    first, missing, last = chart.rows
    assert chart.ticks[0].value <= -50 and chart.ticks[-1].value >= 60
    assert first.lower_x < chart.zero_x < first.upper_x  # crosses zero
    assert chart.zero_x < last.lower_x  # wholly above zero
    assert not missing.shown and first.shown
    positive_only = interval_chart([Estimate("a", 5, 2, 8)])
    assert positive_only.zero_x == positive_only.left
