"""Geometry of a box plot: for each group (a route, a destination, a phase) a box from the first
to the third quartile with the median as a line in it, and whiskers to the 10th and 90th
percentiles (not to the extremes: the longest trajectory is one youth's story, and it would
squeeze the rest of the scale). A group with too few cases to show keeps its row, without a box,
so the reader sees it is left out and why (the template says so).

Rows are stacked: the label above its box, so a narrow screen keeps the scale wide. Coordinates
are the SVG's user units (its viewBox); the template scales it. Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from koers.lib.quantiles import Spread

WIDTH = 420
MARGIN_LEFT = 16
MARGIN_RIGHT = 24
MARGIN_TOP = 4
LABEL_ROOM = 20  # above each box: its label
BOX_HEIGHT = 22
ROW_GAP = 12
AXIS_ROOM = 46  # below the axis: the tick labels and the unit
MAX_TICKS = 6
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


@dataclass(frozen=True)
class Tick:
    x: float
    value: float


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    left: float
    right: float
    ticks: tuple[Tick, ...]

    def x(self, value: float) -> float:
        clamped = min(max(value, self.low), self.high)
        return round(self.left + (clamped - self.low) / (self.high - self.low) * (self.right - self.left), 1)


def nice_step(span: float, max_ticks: int = MAX_TICKS) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that covers `span` in at most
    `max_ticks` - 1 steps."""
    if span <= 0:
        return 1.0
    raw = span / max(max_ticks - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in NICE_STEPS:
        if factor * power >= raw:
            return factor * power
    return 10 * power


def scale_of(
    low: float, high: float, *, left: float, right: float, max_ticks: int = MAX_TICKS, min_step: float = 0.0
) -> Scale:
    """A scale from a round number at or below `low` to one at or above `high`, with its ticks
    at least `min_step` apart (1 for whole days: no ticks 0, 0, 1, 1 on a short scale)."""
    if high < low:
        raise ValueError("high must not be below low")
    if high == low:
        high = low + 1
    step = max(nice_step(high - low, max_ticks), min_step)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    count = round((end - start) / step)
    scale = Scale(low=start, high=end, left=left, right=right, ticks=())
    ticks = tuple(Tick(scale.x(start + i * step), round(start + i * step, 10)) for i in range(count + 1))
    return Scale(low=start, high=end, left=left, right=right, ticks=ticks)


@dataclass(frozen=True)
class BoxRow:
    label: str
    label_y: float  # baseline of the label
    top: float  # of the box
    height: float
    spread: Spread | None  # None: too few cases, no box drawn
    p10_x: float = 0.0
    q1_x: float = 0.0
    median_x: float = 0.0
    q3_x: float = 0.0
    p90_x: float = 0.0

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True)
class BoxPlot:
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    rows: tuple[BoxRow, ...]
    ticks: tuple[Tick, ...]


def box_plot(rows: Sequence[tuple[str, Spread | None]], *, width: int = WIDTH, low: float = 0.0) -> BoxPlot:
    """One box per (label, spread) on a common scale from `low` to the largest 90th percentile."""
    spreads = [spread for _label, spread in rows if spread is not None]
    high = max((spread.p90 for spread in spreads), default=low + 1)
    scale = scale_of(low, high, left=float(MARGIN_LEFT), right=float(width - MARGIN_RIGHT), min_step=1.0)
    placed = []
    y = float(MARGIN_TOP)
    for label, spread in rows:
        top = y + LABEL_ROOM
        row = BoxRow(label=label, label_y=top - 6, top=top, height=BOX_HEIGHT, spread=spread)
        if spread is not None:
            row = BoxRow(
                label=label,
                label_y=row.label_y,
                top=top,
                height=BOX_HEIGHT,
                spread=spread,
                p10_x=scale.x(spread.p10),
                q1_x=scale.x(spread.q1),
                median_x=scale.x(spread.median),
                q3_x=scale.x(spread.q3),
                p90_x=scale.x(spread.p90),
            )
        placed.append(row)
        y = top + BOX_HEIGHT + ROW_GAP
    axis_y = y
    return BoxPlot(
        width=width,
        height=int(axis_y + AXIS_ROOM),
        left=scale.left,
        right=scale.right,
        axis_y=axis_y,
        rows=tuple(placed),
        ticks=scale.ticks,
    )
