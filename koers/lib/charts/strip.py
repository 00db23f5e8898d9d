"""Geometry of a strip chart (dot plot): one dot per case on a horizontal scale, dots with about
the same value stacked upwards, so a small number of cases shows as a distribution without
hiding any of them. Used for an effect size per youth (e.g. NAP from 0 to 1, with a reference
line at 0.5: no difference). Pure Python; the template draws the SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
MARGIN_LEFT = 24
MARGIN_RIGHT = 24
MARGIN_TOP = 28
AXIS_ROOM = 40  # below the axis: the tick labels
DOT_SPACING = 14  # vertical distance between stacked dots
BINS = 40  # values in the same fortieth of the scale share a stack


@dataclass(frozen=True)
class StripDot:
    x: float
    y: float
    value: float
    index: int  # the value's position in the input, to link a dot to its table row


@dataclass(frozen=True)
class StripTick:
    x: float
    value: float


@dataclass(frozen=True)
class StripChart:
    width: int
    height: int
    left: float
    right: float
    axis_y: float
    top: float
    dots: tuple[StripDot, ...]
    ticks: tuple[StripTick, ...]
    reference_x: float | None


def strip_chart(
    values: Sequence[float],
    *,
    low: float = 0.0,
    high: float = 1.0,
    ticks: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    reference: float | None = 0.5,
    width: int = WIDTH,
    bins: int = BINS,
) -> StripChart:
    """Dots for `values` on the scale `low`..`high` (values outside are clamped to its ends)."""
    if not high > low:
        raise ValueError("high must be greater than low")
    left, right = float(MARGIN_LEFT), float(width - MARGIN_RIGHT)

    def x_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return round(left + (clamped - low) / (high - low) * (right - left), 1)

    stacks: dict[int, int] = {}
    placed: list[tuple[float, int, float, int]] = []  # x, level, value, index
    for index, value in sorted(enumerate(values), key=lambda item: (item[1], item[0])):
        clamped = min(max(value, low), high)
        bin_number = min(int((clamped - low) / (high - low) * bins), bins - 1)
        level = stacks.get(bin_number, 0)
        stacks[bin_number] = level + 1
        placed.append((x_of(value), level, value, index))
    tallest = max(stacks.values(), default=1)
    axis_y = float(MARGIN_TOP + tallest * DOT_SPACING)
    dots = tuple(
        StripDot(x=x, y=round(axis_y - DOT_SPACING / 2 - level * DOT_SPACING, 1), value=value, index=index)
        for x, level, value, index in sorted(placed, key=lambda item: item[3])
    )
    return StripChart(
        width=width,
        height=int(axis_y + AXIS_ROOM),
        left=left,
        right=right,
        axis_y=axis_y,
        top=float(MARGIN_TOP),
        dots=dots,
        ticks=tuple(StripTick(x_of(tick), tick) for tick in ticks),
        reference_x=x_of(reference) if reference is not None else None,
    )
