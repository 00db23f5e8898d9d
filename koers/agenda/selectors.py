"""Reads of the agenda."""

import datetime as dt

from koers.agenda.facts import facts_for
from koers.lib import due_rules
from koers.trajectories.models import Trajectory


def agenda_on(*, trajectory: Trajectory, on: dt.date) -> list[due_rules.DueItem]:
    """The open items of one trajectory as they stand on a date (only facts up to that date)."""
    return due_rules.open_items(facts_for([trajectory])[trajectory.pk], on)
