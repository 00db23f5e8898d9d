"""Stacked bars (koers.lib.charts.bars): one bar per row in the given order, segments in series
order on one scale, and small numbers never drawn on their own."""

import pytest

from koers.lib.charts.bars import BAR_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, TOTAL_ROOM, WIDTH, BarRow, stacked_bars

PLOT = WIDTH - LABEL_WIDTH - TOTAL_ROOM


def test_segments_follow_the_series_on_one_scale_from_the_largest_total():
    chart = stacked_bars([BarRow("Anna", [10, 0, 30], 40), BarRow("Bram", [5, 5, 10], 20)])

    anna, bram = chart.bars
    assert [s.series for s in anna.segments] == [0, 2]  # a zero draws nothing
    assert anna.segments[0].x == LABEL_WIDTH
    assert anna.segments[0].width == pytest.approx(PLOT * 10 / 40)
    assert anna.segments[1].x == pytest.approx(LABEL_WIDTH + PLOT * 10 / 40)
    assert sum(s.width for s in anna.segments) == pytest.approx(PLOT)  # the largest fills the plot
    assert sum(s.width for s in bram.segments) == pytest.approx(PLOT / 2)
    assert (anna.total_text, bram.total_text) == ("40", "20")
    assert bram.total_x == pytest.approx(LABEL_WIDTH + PLOT / 2 + 4)
    assert bram.y - anna.y == ROW_HEIGHT and chart.bar_height == BAR_HEIGHT
    assert chart.height == 2 * 4 + 2 * ROW_HEIGHT
    assert not chart.has_hidden


def test_a_given_scale_keeps_bars_comparable_between_pages():
    chart = stacked_bars([BarRow("Anna", [10], 10)], scale_max=40)
    assert chart.bars[0].segments[0].width == pytest.approx(PLOT / 4)


def test_hidden_cells_are_one_hatched_part_as_long_as_the_total_minus_the_shown_cells():
    chart = stacked_bars([BarRow("Anna", [None, 12, None, 20], 38)])

    segments = chart.bars[0].segments
    assert [s.series for s in segments] == [1, 3, None]
    hidden = segments[-1]
    assert hidden.value is None
    assert hidden.width == pytest.approx(PLOT * 6 / 38, abs=0.01)
    assert chart.has_hidden


def test_a_hidden_total_draws_no_bar_and_says_less_than_five():
    chart = stacked_bars([BarRow("Anna", [None, None], None), BarRow("Bram", [0, 0], 0)])

    anna, bram = chart.bars
    assert anna.segments == () and anna.total_text == "< 5"
    assert bram.segments == () and bram.total_text == "0"
    assert anna.total_x == LABEL_WIDTH + 4


def test_a_long_name_is_shortened_in_the_drawing():
    chart = stacked_bars([BarRow("Anna-Maria van der Heijden-Zwart", [5], 5)])
    label = chart.bars[0].label
    assert label.endswith("…") and len(label) <= 19


def test_no_rows_gives_an_empty_drawing_of_one_row_high():
    chart = stacked_bars([])
    assert chart.bars == () and chart.height == 2 * 4 + ROW_HEIGHT


@pytest.mark.parametrize(
    "row",
    [BarRow("Anna", [-1, 3], 2), BarRow("Anna", [3], -1), BarRow("Anna", [6, 6], 10)],
)
def test_impossible_counts_are_refused(row):
    with pytest.raises(ValueError):
        stacked_bars([row])
