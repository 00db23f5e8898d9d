"""Geometry of an interval chart (a "forest plot"): per comparison a dot at the estimated
difference and a line over its 95 % interval, on a common scale with a vertical line at zero
(no difference). An interval that crosses the zero line is compatible with no difference at all.
A comparison that cannot be made (too few cases) keeps its row without a mark.

Rows are stacked, the label above its line, as in koers.lib.charts.distribution. Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from koers.lib.charts.distribution import MARGIN_RIGHT, MARGIN_TOP, Tick, scale_of

WIDTH = 420
MARGIN_LEFT = 28  # a negative first tick label ("−150") needs room on the left
LABEL_ROOM = 20
MARK_HEIGHT = 16
ROW_GAP = 12
AXIS_ROOM = 46


@dataclass(frozen=True)
class Estimate:
    label: str
    estimate: float | None  # None: not shown
    lower: float = 0.0
    upper: float = 0.0


@dataclass(frozen=True)
class IntervalRow:
    label: str
    label_y: float
    middle: float
    shown: bool
    x: float = 0.0
    lower_x: float = 0.0
    upper_x: float = 0.0


@dataclass(frozen=True)
class IntervalChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    axis_y: float
    zero_x: float
    rows: tuple[IntervalRow, ...]
    ticks: tuple[Tick, ...]


def interval_chart(estimates: Sequence[Estimate], *, width: int = WIDTH) -> IntervalChart:
    """A row per estimate; the scale covers every interval and zero."""
    shown = [e for e in estimates if e.estimate is not None]
    low = min([0.0, *(e.lower for e in shown), *(e.estimate for e in shown if e.estimate is not None)])
    high = max([0.0, *(e.upper for e in shown), *(e.estimate for e in shown if e.estimate is not None)])
    scale = scale_of(low, high, left=float(MARGIN_LEFT), right=float(width - MARGIN_RIGHT))
    rows = []
    y = float(MARGIN_TOP)
    for e in estimates:
        top = y + LABEL_ROOM
        middle = top + MARK_HEIGHT / 2
        if e.estimate is None:
            rows.append(IntervalRow(label=e.label, label_y=top - 6, middle=middle, shown=False))
        else:
            rows.append(
                IntervalRow(
                    label=e.label,
                    label_y=top - 6,
                    middle=middle,
                    shown=True,
                    x=scale.x(e.estimate),
                    lower_x=scale.x(e.lower),
                    upper_x=scale.x(e.upper),
                )
            )
        y = top + MARK_HEIGHT + ROW_GAP
    return IntervalChart(
        width=width,
        height=int(y + AXIS_ROOM),
        left=scale.left,
        right=scale.right,
        top=float(MARGIN_TOP),
        axis_y=y,
        zero_x=scale.x(0.0),
        rows=tuple(rows),
        ticks=scale.ticks,
    )
