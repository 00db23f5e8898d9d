"""Helpers for the page tests: youths with a history, and the personas by name.

`days_ago`, `born_years_ago` and `YOUTH_ACCESS` live in tests/conftest.py (imported here too, for
modules that take them from this one)."""

import itertools

import pytest

from koers.contacts.services import NewAgreement, contact_record
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record, trajectory_create, youth_create
from tests.conftest import ALLOWED, FORBIDDEN, NOT_FOUND, YOUTH_ACCESS, born_years_ago, days_ago  # noqa: F401


@pytest.fixture
def started(trajectory, consultant):
    """The persona's youth after a first conversation 20 days ago, so items are due soon."""
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(20))
    trajectory.refresh_from_db()
    return trajectory


def youth_with_history(consultant, number: int, *, contacts: int = 2):
    """A youth with a trajectory, a first conversation and some contacts with interventions."""
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=f"Jongere{number:03d}",
        last_name="Test",
        birth_date=born_years_ago(23, month=1, day=1 + number % 28),
    )
    start = max(40, contacts)  # days ago of the first contact; one contact a day after it
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(start + 20), source="uwv")
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(start + 10)
    )
    for i in range(contacts):
        contact_record(
            actor=consultant,
            trajectory=trajectory,
            date=days_ago(start - i),
            channel="office",
            intervention_codes=["trust_personal_attention", "qualities_self_confidence"][: 1 + i % 2],
            agreements=[NewAgreement(owner="youth", description=f"Afspraak {i}", due_on=days_ago(-5 - i % 30))],
        )
    return youth, trajectory


@pytest.fixture
def caseload():
    """Build a caseload of n youths with history for a consultant: caseload(consultant, n)."""

    numbers = itertools.count()  # each youth its own name: no duplicate-registration refusals

    def build(consultant, n: int, *, contacts: int = 2):
        return [youth_with_history(consultant, next(numbers), contacts=contacts) for _ in range(n)]

    return build


@pytest.fixture
def personas(consultant, colleague, other_team_consultant, team_lead, admin, outsider):
    """The personas by name, to go through YOUTH_ACCESS."""
    return {
        "consultant": consultant,
        "colleague": colleague,
        "other_team_consultant": other_team_consultant,
        "team_lead": team_lead,
        "admin": admin,
        "outsider": outsider,
    }
