"""A youth without a consultant falls off every consultant's list; the agenda keeps them on the
team lead's Vandaag until one is assigned."""

from datetime import date

from koers.lib.due_rules import all_items, open_items
from tests.lib.due_facts import REGISTERED, kinds, started, the, trajectory


def test_a_youth_without_a_consultant_is_due_from_registration():
    item = the(all_items(trajectory(has_consultant=False)), "no_consultant")
    assert (item.due, item.starts, item.done_on) == (REGISTERED, REGISTERED, None)
    assert item.overdue_on(date(2026, 2, 17)) and not item.overdue_on(REGISTERED)


def test_a_youth_with_a_consultant_has_no_such_item():
    assert "no_consultant" not in kinds(all_items(started()))


def test_a_closed_trajectory_has_no_such_item():
    closed = trajectory(has_consultant=False, closed_on=date(2026, 3, 1), closed_reason="moved")
    assert "no_consultant" not in kinds(open_items(closed, date(2026, 3, 2)))
