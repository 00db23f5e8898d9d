"""The geometry of the N=1 chart (koers.lib.charts.series) and the strip chart
(koers.lib.charts.strip): where points, lines, the phase change and the ticks land."""

import datetime as dt

import pytest

from koers.lib.charts.series import (
    HEIGHT,
    INNER_PADDING,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MIN_TICK_GAP,
    WIDTH,
    Measurement,
    nice_step,
    scale_of,
    series_chart,
    y_ticks,
)
from koers.lib.charts.strip import strip_chart

DAY = dt.date(2026, 3, 2)


def _series(values, split_at=None, every=7):
    return [
        Measurement(
            DAY + dt.timedelta(days=every * i),
            value,
            None if split_at is None else ("A" if i < split_at else "B"),
        )
        for i, value in enumerate(values)
    ]


def test_points_span_the_plot_from_left_to_right_and_bottom_to_top():
    chart = series_chart(_series([0, 5, 10]), low=0, high=10)
    left, right = MARGIN_LEFT + INNER_PADDING, WIDTH - MARGIN_RIGHT - INNER_PADDING
    assert [dot.x for dot in chart.dots] == [left, (left + right) / 2, right]
    # 0 is at the bottom of the plot, 10 at the top: higher values higher up.
    assert [dot.y for dot in chart.dots] == [
        HEIGHT - MARGIN_BOTTOM,
        (HEIGHT - MARGIN_BOTTOM + MARGIN_TOP) / 2,
        MARGIN_TOP,
    ]


def test_time_sets_the_distance_between_points():
    points = [
        Measurement(DAY, 1),
        Measurement(DAY + dt.timedelta(days=1), 2),
        Measurement(DAY + dt.timedelta(days=10), 3),
    ]
    xs = [dot.x for dot in series_chart(points, low=0, high=10).dots]
    assert xs[1] - xs[0] == pytest.approx((xs[2] - xs[0]) / 10, abs=0.1)


def test_the_phase_change_lies_between_the_last_a_and_the_first_b_and_lines_do_not_cross_it():
    chart = series_chart(_series([7, 8, 6, 4, 3, 2], split_at=3), low=0, high=10)
    a, b = chart.dots[:3], chart.dots[3:]
    assert {d.phase for d in a} == {"A"} and {d.phase for d in b} == {"B"}
    assert chart.split_x == pytest.approx((a[-1].x + b[0].x) / 2, abs=0.1)
    assert len(chart.lines) == 2
    assert chart.lines[0].count(",") == 3 and chart.lines[1].count(",") == 3
    labels = {label.phase: label.x for label in chart.labels}
    assert labels["A"] < chart.split_x < labels["B"]


def test_without_a_split_there_is_one_line_and_no_phase_change():
    chart = series_chart(_series([1, 2, 3]), low=0, high=10)
    assert chart.split_x is None and chart.labels == () and len(chart.lines) == 1


def test_a_single_phase_is_labelled_and_has_no_phase_change():
    chart = series_chart(_series([1, 2], split_at=0), low=0, high=10)
    assert chart.split_x is None and [label.phase for label in chart.labels] == ["B"]


def test_a_single_point_sits_in_the_middle():
    chart = series_chart([Measurement(DAY, 4, "A")], low=0, high=10)
    assert chart.dots[0].x == (MARGIN_LEFT + WIDTH - MARGIN_RIGHT) / 2
    assert chart.lines == ()  # one point: nothing to connect


def test_b_before_a_is_refused():
    with pytest.raises(ValueError):
        series_chart([Measurement(DAY, 1, "B"), Measurement(DAY + dt.timedelta(days=1), 2, "A")], low=0, high=10)


def test_counts_get_a_round_top_and_the_goal_stays_in_view():
    assert scale_of([0, 3, 7], low=0, high=None) == (0, 8)
    assert scale_of([0, 0], low=0, high=None) == (0, 1)
    assert scale_of([2, 3], low=1, high=5, goal=4) == (1, 5)
    assert scale_of([2, 3], low=0, high=10, goal=12) == (0, 12)
    chart = series_chart(_series([2, 3]), low=1, high=5, goal=4)
    assert chart.goal_y == pytest.approx(MARGIN_TOP + (HEIGHT - MARGIN_BOTTOM - MARGIN_TOP) / 4)


def test_y_ticks_are_round_numbers():
    assert nice_step(10) == 2 and nice_step(4) == 1 and nice_step(250) == 50
    assert y_ticks(0, 10) == (0, 2, 4, 6, 8, 10)
    assert y_ticks(1, 5) == (1, 2, 3, 4, 5)
    chart = series_chart(_series([1, 10]), low=1, high=10)
    assert [t.value for t in chart.y_ticks] == [2, 4, 6, 8, 10]
    assert all(chart.top <= t.position <= chart.bottom for t in chart.y_ticks)


def test_x_ticks_are_measurement_days_first_and_last_included():
    chart = series_chart(_series(range(20)), low=0, high=20)
    days = [t.day for t in chart.x_ticks]
    assert len(days) == 4 and days[0] == DAY and days[-1] == DAY + dt.timedelta(days=7 * 19)
    assert [t.x for t in chart.x_ticks] == sorted(t.x for t in chart.x_ticks)


def test_x_ticks_never_crowd_together_when_the_points_do():
    # A year of nothing, then a month of measurements (a long baseline, a busy intervention phase).
    points = [Measurement(DAY, 5)] + [Measurement(DAY + dt.timedelta(days=365 + i), 4) for i in range(30)]
    for width in (640, 360):
        ticks = series_chart(points, low=0, high=10, width=width).x_ticks
        gaps = [b.x - a.x for a, b in zip(ticks, ticks[1:], strict=False)]
        assert ticks[0].day == DAY and all(gap >= MIN_TICK_GAP for gap in gaps), (width, gaps)
        assert ticks[-1].day == points[-1].day


def test_the_strip_chart_stacks_equal_values_and_marks_no_difference():
    chart = strip_chart([0.5, 0.9, 0.5, 1.0, 0.0])
    by_index = {dot.index: dot for dot in chart.dots}
    assert by_index[0].x == by_index[2].x and by_index[0].y != by_index[2].y
    assert by_index[4].x == chart.left and by_index[3].x == chart.right
    assert chart.reference_x == (chart.left + chart.right) / 2
    assert all(dot.y < chart.axis_y for dot in chart.dots)
    assert [tick.value for tick in chart.ticks] == [0, 0.25, 0.5, 0.75, 1]


def test_the_strip_chart_grows_with_its_tallest_stack_and_clamps_values():
    flat, tall = strip_chart([0.1, 0.6, 0.9]), strip_chart([0.6] * 6)
    assert tall.height > flat.height
    assert strip_chart([1.4]).dots[0].x == strip_chart([1.0]).dots[0].x
    with pytest.raises(ValueError):
        strip_chart([0.5], low=1, high=1)
