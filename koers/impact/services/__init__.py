"""Writes of the impact timeline and the price list (ADR 0014). Every write of a timeline goes
through koers.impact.access (role, caseload, the youth's consent, the access log) and locks the
timeline row, so two people completing it at once do not overwrite each other's list positions.

Amounts are checked for being amounts; whether they make sense together is koers.impact.estimate's
flags, shown on the page: inconsistent input is kept and flagged, never refused or corrected."""

from koers.impact.services.case import case_1_build
from koers.impact.services.checks import MAX_HORIZON_MONTHS, amount
from koers.impact.services.prices import may_keep_price_list, price_item_save, price_list_seed
from koers.impact.services.scenarios import scenario_delete, scenario_item_add, scenario_item_delete, scenario_save
from koers.impact.services.story import (
    episode_delete,
    episode_move,
    episode_save,
    point_add,
    point_delete,
    point_update,
)
from koers.impact.services.timeline import cost_line_add, cost_line_delete, timeline_start, timeline_update

__all__ = [
    "MAX_HORIZON_MONTHS",
    "amount",
    "case_1_build",
    "cost_line_add",
    "cost_line_delete",
    "episode_delete",
    "episode_move",
    "episode_save",
    "may_keep_price_list",
    "point_add",
    "point_delete",
    "point_update",
    "price_item_save",
    "price_list_seed",
    "scenario_delete",
    "scenario_item_add",
    "scenario_item_delete",
    "scenario_save",
    "timeline_start",
    "timeline_update",
]
