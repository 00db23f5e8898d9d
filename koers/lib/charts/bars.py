"""Geometry of a stacked bar chart: one horizontal bar per row (a consultant), made of a segment
per series (a phase of the flow chart), with the row's label on the left and its total at the end.

Small numbers stay hidden in the drawing too: a cell that the table shows as "< 5" has no segment
of its own. The hidden cells of a row are drawn together as one hatched segment, as long as the
row's total minus the shown cells (which the table gives away anyway); a row whose total is hidden
gets no bar, only "< 5". Coordinates are the SVG's user units (its viewBox); the template scales
it. Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from koers.lib.small_numbers import shown

WIDTH = 360  # narrow on purpose: on a phone the text stays about as large as in the page
LABEL_WIDTH = 116  # left of the bars: the row's label
TOTAL_ROOM = 32  # right of the longest bar: its total
MARGIN_TOP = 4
ROW_HEIGHT = 24
BAR_HEIGHT = 14
MAX_LABEL_CHARS = 19  # a longer label is cut with "…" (the table has it in full)


@dataclass(frozen=True)
class BarRow:
    label: str
    values: Sequence[int | None]  # per series; None: hidden (a small number)
    total: int | None  # None: hidden


@dataclass(frozen=True)
class Segment:
    series: int | None  # index of the series; None for the hidden cells together
    x: float
    width: float
    value: int | None  # None for the hidden part


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: float  # baseline of the label text
    y: float  # top of the bar
    segments: tuple[Segment, ...]
    total_text: str
    total_x: float  # where the total text starts


@dataclass(frozen=True)
class StackedBars:
    width: int
    height: int
    bar_left: float
    bar_height: int
    bars: tuple[Bar, ...]
    has_hidden: bool  # some bar has a hatched part: the legend explains it


def short_label(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def stacked_bars(rows: Sequence[BarRow], *, scale_max: int | None = None, width: int = WIDTH) -> StackedBars:
    """Bars for `rows`, top to bottom in the given order, on one scale from 0 to `scale_max`
    (default: the largest shown total), so bars on different pages can be compared."""
    for row in rows:
        if any(value is not None and value < 0 for value in row.values) or (row.total is not None and row.total < 0):
            raise ValueError("counts cannot be negative")
        if row.total is not None and sum(value or 0 for value in row.values) > row.total:
            raise ValueError("the shown values of a row cannot exceed its total")
    largest = max((row.total for row in rows if row.total is not None), default=0)
    top = max(scale_max or 0, largest, 1)
    bar_left = float(LABEL_WIDTH)
    plot = width - LABEL_WIDTH - TOTAL_ROOM

    def length(value: int) -> float:
        return round(value / top * plot, 2)

    bars = []
    has_hidden = False
    for index, row in enumerate(rows):
        y = MARGIN_TOP + index * ROW_HEIGHT
        segments: list[Segment] = []
        x = bar_left
        if row.total is not None:
            for series, value in enumerate(row.values):
                if value:
                    segments.append(Segment(series=series, x=round(x, 2), width=length(value), value=value))
                    x += length(value)
            rest = row.total - sum(value or 0 for value in row.values)
            if rest > 0:
                segments.append(Segment(series=None, x=round(x, 2), width=length(rest), value=None))
                x += length(rest)
                has_hidden = True
        bars.append(
            Bar(
                label=short_label(row.label),
                label_y=y + BAR_HEIGHT - 3,
                y=y,
                segments=tuple(segments),
                total_text=shown(row.total),
                total_x=round(x + 4, 2),
            )
        )
    return StackedBars(
        width=width,
        height=MARGIN_TOP * 2 + max(len(rows), 1) * ROW_HEIGHT,
        bar_left=bar_left,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        has_hidden=has_hidden,
    )
