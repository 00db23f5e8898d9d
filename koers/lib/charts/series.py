"""Geometry of a single-case (N=1) chart: measurements over time as points, a line through the
points of each phase, a vertical line between the baseline (A) and the intervention phase (B),
the phases labelled, an optional goal line, and the ticks of both axes.

Single-case convention: the line is not drawn across the phase change, so the jump between the
phases stays visible. The x axis is time (a day's ordinal), so irregular measurements keep their
real distance. Coordinates are in the SVG's user units (its viewBox); the template scales it.
Pure Python: the template turns this into SVG, and formats the dates of the x ticks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

PhaseName = Literal["A", "B"]

WIDTH = 640
HEIGHT = 300
MARGIN_LEFT = 48
MARGIN_RIGHT = 16
MARGIN_TOP = 32
MARGIN_BOTTOM = 40
# Room between the axes and the first and last point, so a dot never sits on an axis.
INNER_PADDING = 14
MAX_Y_TICKS = 6
NICE_STEPS = (1, 2, 5)
# The least room between two dates on the x axis (a label such as "28 sep 26" is ~60 units wide).
MIN_TICK_GAP = 80


@dataclass(frozen=True)
class Measurement:
    day: dt.date
    value: float
    phase: PhaseName | None = None  # None: the series is not split


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    day: dt.date
    value: float
    phase: PhaseName | None


@dataclass(frozen=True)
class Tick:
    position: float  # x for the x axis, y for the y axis
    value: float


@dataclass(frozen=True)
class DayTick:
    x: float
    day: dt.date


@dataclass(frozen=True)
class PhaseLabel:
    phase: PhaseName
    x: float  # the middle of the phase's part of the plot


@dataclass(frozen=True)
class SeriesChart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    dots: tuple[Dot, ...]
    lines: tuple[str, ...]  # SVG polyline points ("x,y x,y ..."), one per run of a phase
    split_x: float | None  # the phase-change line, between the last A and the first B point
    labels: tuple[PhaseLabel, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[DayTick, ...]
    goal_y: float | None
    low: float
    high: float


def nice_step(span: float, max_ticks: int = MAX_Y_TICKS) -> float:
    """The smallest of 1, 2, 5, 10, 20, ... that divides `span` into at most `max_ticks` steps."""
    if span <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(span / max_ticks)) if span > max_ticks else 1.0
    while True:
        for step in NICE_STEPS:
            if span / (step * magnitude) <= max_ticks:
                return step * magnitude
        magnitude *= 10


def scale_of(
    values: Sequence[float], *, low: float, high: float | None, goal: float | None = None
) -> tuple[float, float]:
    """The y range: from `low` to `high`, widened to hold every value and the goal; with no
    `high` (counts), up to a round number above the largest value (at least low + 1)."""
    seen = [*values, *([goal] if goal is not None else [])]
    bottom = min([low, *seen])
    if high is None:
        top = max([low + 1, *seen])
        step = nice_step(top - bottom)
        top = math.ceil(top / step) * step
    else:
        top = max([high, *seen])
    return float(bottom), float(top)


def y_ticks(low: float, high: float) -> tuple[float, ...]:
    step = nice_step(high - low)
    first = math.ceil(low / step) * step
    count = int(math.floor((high - first) / step + 1e-9)) + 1
    return tuple(first + i * step for i in range(count))


def _day_ticks(days: Sequence[dt.date], most: int) -> list[dt.date]:
    """At most `most` measurement days, spread evenly in time: for each even step the nearest day
    measured, first and last included."""
    unique = sorted(set(days))
    if len(unique) <= 1:
        return unique
    first, last = unique[0].toordinal(), unique[-1].toordinal()
    picks: list[dt.date] = []
    for i in range(most):
        target = first + (last - first) * i / max(most - 1, 1)
        nearest = min(unique, key=lambda day: (abs(day.toordinal() - target), day))
        if nearest not in picks:
            picks.append(nearest)
    return sorted(picks)


def _spaced(ticks: list[DayTick], gap: float) -> list[DayTick]:
    """Leave out ticks closer than `gap` to the one before, so labels never overlap; the last one
    (the newest day) stays, and pushes out its neighbour instead."""
    kept: list[DayTick] = []
    for tick in ticks:
        if kept and tick.x - kept[-1].x < gap:
            if tick is ticks[-1] and len(kept) > 1:
                kept[-1] = tick
            continue
        kept.append(tick)
    return kept


def series_chart(
    measurements: Sequence[Measurement],
    *,
    low: float,
    high: float | None,
    goal: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    max_x_ticks: int = 4,
) -> SeriesChart:
    """The chart of `measurements` (in time order; every A before every B). `low` and `high` are
    the scale of the measure (0 and 10 for a rating; `high` None for counts)."""
    points = sorted(measurements, key=lambda m: m.day)
    phases = [p.phase for p in points]
    if "B" in phases and "A" in phases[phases.index("B") :]:
        raise ValueError("every A measurement must come before every B measurement")
    left, top = float(MARGIN_LEFT), float(MARGIN_TOP)
    right, bottom = float(width - MARGIN_RIGHT), float(height - MARGIN_BOTTOM)
    y_low, y_high = scale_of([p.value for p in points], low=low, high=high, goal=goal)

    def y_of(value: float) -> float:
        return bottom - (value - y_low) / (y_high - y_low) * (bottom - top)

    first = points[0].day.toordinal() if points else 0
    last = points[-1].day.toordinal() if points else 0

    def x_of(day: dt.date) -> float:
        if last == first:
            return (left + right) / 2
        inner_left, inner_right = left + INNER_PADDING, right - INNER_PADDING
        return inner_left + (day.toordinal() - first) / (last - first) * (inner_right - inner_left)

    dots = tuple(Dot(round(x_of(p.day), 1), round(y_of(p.value), 1), p.day, p.value, p.phase) for p in points)
    lines = []
    run: list[Dot] = []
    for dot in dots:
        if run and run[-1].phase != dot.phase:
            lines.append(run)
            run = []
        run.append(dot)
    if run:
        lines.append(run)

    a = [dot for dot in dots if dot.phase == "A"]
    b = [dot for dot in dots if dot.phase == "B"]
    split_x = round((a[-1].x + b[0].x) / 2, 1) if a and b else None
    labels: list[PhaseLabel] = []
    if split_x is not None:
        labels = [PhaseLabel("A", round((left + split_x) / 2, 1)), PhaseLabel("B", round((split_x + right) / 2, 1))]
    elif a or b:
        labels = [PhaseLabel("A" if a else "B", round((left + right) / 2, 1))]

    return SeriesChart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        dots=dots,
        lines=tuple(" ".join(f"{d.x},{d.y}" for d in line) for line in lines if len(line) > 1),
        split_x=split_x,
        labels=tuple(labels),
        y_ticks=tuple(Tick(round(y_of(value), 1), value) for value in y_ticks(y_low, y_high)),
        x_ticks=tuple(
            _spaced(
                [DayTick(round(x_of(day), 1), day) for day in _day_ticks([p.day for p in points], max_x_ticks)],
                MIN_TICK_GAP,
            )
        ),
        goal_y=round(y_of(goal), 1) if goal is not None else None,
        low=y_low,
        high=y_high,
    )
