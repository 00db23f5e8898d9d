import datetime as dt

import pytest

from koers.trajectories.models import ClosingReason, MilestoneKind
from koers.trajectories.services.milestones import milestone_record

# A closure on this day, broken off before a first conversation (8.4.1: six weeks), so the file is
# past its date from 14 May 2026 on.
CLOSED_ON = dt.date(2026, 4, 1)
PAST = dt.date(2026, 6, 1)


@pytest.fixture
def closed(youth, trajectory, consultant):
    """A youth whose only trajectory was closed before a first conversation (8.4.1)."""
    milestone_record(
        actor=consultant,
        trajectory=trajectory,
        kind=MilestoneKind.CLOSED,
        date=CLOSED_ON,
        reason=ClosingReason.MOVED,
    )
    return youth
