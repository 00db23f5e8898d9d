"""One rule for every aggregate Koers shows or exports: a cell about fewer than five youths is
hidden ("< 5"), and where a hidden cell could be worked back from a row or column total, a second
cell is hidden too (complementary suppression). Pages, exports and the API all call this module.

A table is a grid of counts of youths (rows × columns) with its row and column totals. Suppressing
cells of a grid is the classic statistical-disclosure problem; Koers takes the simple, safe route:

1. primary: every cell with 0 < count < THRESHOLD is hidden (0 is shown: "nobody" reveals no one);
2. complementary: while some row or column has exactly one hidden cell and the total of that line
   is shown, the smallest other non-zero cell of that line is hidden as well, so no hidden value
   is the total minus the shown ones. Repeated until nothing changes.

Totals themselves follow rule 1. The result says, per cell, the value to show or None (hidden).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = "< 5"


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def shown(count: int | None) -> str:
    """A count as text: the number, or "< 5" for a small or hidden one."""
    return HIDDEN if count is None or is_small(count) else str(count)


@dataclass(frozen=True)
class Suppressed:
    cells: tuple[tuple[int | None, ...], ...]  # None: hidden
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None


def suppress(grid: Sequence[Sequence[int]]) -> Suppressed:
    """The grid with small cells hidden and the cells hidden that would give a small one away."""
    rows = [list(row) for row in grid]
    if not rows:
        return Suppressed((), (), (), 0)
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every row of the grid must have the same number of cells")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("counts cannot be negative")
    hidden = [[is_small(value) for value in row] for row in rows]
    row_totals = [sum(row) for row in rows]
    column_totals = [sum(row[c] for row in rows) for c in range(width)]
    row_total_hidden = [is_small(total) for total in row_totals]
    column_total_hidden = [is_small(total) for total in column_totals]

    def lines() -> Iterator[tuple[list[tuple[int, int]], bool]]:
        for r in range(len(rows)):
            yield [(r, c) for c in range(width)], row_total_hidden[r]
        for c in range(width):
            yield [(r, c) for r in range(len(rows))], column_total_hidden[c]

    changed = True
    while changed:
        changed = False
        for cells, total_hidden in lines():
            if total_hidden:
                continue  # nothing can be worked back from a hidden total
            secret = [cell for cell in cells if hidden[cell[0]][cell[1]]]
            if len(secret) != 1:
                continue
            candidates = [cell for cell in cells if not hidden[cell[0]][cell[1]] and rows[cell[0]][cell[1]] > 0]
            if not candidates:
                continue  # the others are zeros: the hidden one is the total, which is shown anyway
            r, c = min(candidates, key=lambda cell: (rows[cell[0]][cell[1]], cell))
            hidden[r][c] = True
            changed = True
    grand = sum(row_totals)
    return Suppressed(
        cells=tuple(tuple(None if hidden[r][c] else rows[r][c] for c in range(width)) for r in range(len(rows))),
        row_totals=tuple(None if h else t for t, h in zip(row_totals, row_total_hidden, strict=True)),
        column_totals=tuple(None if h else t for t, h in zip(column_totals, column_total_hidden, strict=True)),
        total=None if is_small(grand) else grand,
    )


def suppress_counts(counts: Sequence[int]) -> tuple[int | None, ...]:
    """A single list of counts with its total shown (a one-row table)."""
    return suppress([list(counts)]).cells[0] if counts else ()
