"""Small numbers: a cell about fewer than five youths shows "< 5", and no hidden cell can be
worked back from a shown total."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.lib.small_numbers import HIDDEN, shown, suppress, suppress_counts


def test_a_small_cell_is_hidden_and_zero_and_five_are_shown():
    assert shown(0) == "0" and shown(4) == HIDDEN and shown(5) == "5" and shown(None) == HIDDEN


def test_a_second_cell_is_hidden_where_the_first_could_be_worked_back():
    # Row total 20 is shown: with only the 3 hidden, 20 - 9 - 8 would give it away.
    result = suppress([[3, 9, 8]])
    assert result.cells == ((None, 9, None),)  # the smallest other cell goes too
    assert result.row_totals == (20,)


def test_columns_are_protected_as_well_as_rows():
    result = suppress([[2, 10], [10, 10]])
    hidden = {(r, c) for r, row in enumerate(result.cells) for c, v in enumerate(row) if v is None}
    assert (0, 0) in hidden
    for r, row in enumerate(result.cells):  # no line with exactly one hidden cell and a shown total
        assert sum(v is None for v in row) != 1 or result.row_totals[r] is None
    for c in range(2):
        column = [row[c] for row in result.cells]
        assert sum(v is None for v in column) != 1 or result.column_totals[c] is None


def test_a_small_total_is_hidden_and_then_protects_nothing():
    result = suppress([[1, 2]])
    assert result.cells == ((None, None),) and result.row_totals == (None,) and result.total is None


def test_nothing_small_hides_nothing():
    assert suppress([[5, 6], [7, 8]]).cells == ((5, 6), (7, 8))
    assert suppress_counts([10, 0, 12]) == (10, 0, 12)


def test_bad_grids_are_refused():
    with pytest.raises(ValueError, match="same number of cells"):
        suppress([[1, 2], [3]])
    with pytest.raises(ValueError, match="negative"):
        suppress([[-1]])


@given(
    st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=5), min_size=1, max_size=5).filter(
        lambda grid: len({len(row) for row in grid}) == 1
    )
)
def test_no_hidden_cell_can_be_worked_back_from_shown_totals(grid):
    result = suppress(grid)
    width = len(grid[0])
    lines = [([(r, c) for c in range(width)], result.row_totals[r]) for r in range(len(grid))]
    lines += [([(r, c) for r in range(len(grid))], result.column_totals[c]) for c in range(width)]
    for cells, total in lines:
        secret = [cell for cell in cells if result.cells[cell[0]][cell[1]] is None]
        if total is not None and len(secret) == 1:
            # Allowed only when the others are all zero: then the hidden value equals the (shown,
            # so at least 5) total and is no small number.
            r, c = secret[0]
            assert not 0 < grid[r][c] < 5
    for r, c in itertools.product(range(len(grid)), range(width)):
        if 0 < grid[r][c] < 5:
            assert result.cells[r][c] is None
