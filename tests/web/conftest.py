"""Helpers for the page tests: dates relative to today, and youths with a history."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from koers.contacts.services import NewAgreement, contact_record
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record, trajectory_create, youth_create


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


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
        birth_date=dt.date(2003, 1, 1 + number % 28),
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


# Who may open the consultant's youth: the outcome per persona of tests/conftest.py, for the
# permission tests of every page and write (allowed, forbidden, other organisation).
ALLOWED, FORBIDDEN, NOT_FOUND = "allowed", 403, 404
YOUTH_ACCESS = {
    "consultant": ALLOWED,
    "colleague": ALLOWED,
    "team_lead": ALLOWED,
    "other_team_consultant": NOT_FOUND,
    "admin": FORBIDDEN,
    "outsider": NOT_FOUND,
}


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
