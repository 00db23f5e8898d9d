"""Fixtures for the impact timeline: a youth with the consent for this purpose, and case 1 of the
source built on that youth's timeline."""

import pytest

from koers.audit.models import AccessChannel
from koers.impact.services import case_1_build
from koers.trajectories.services.research import research_consent_record
from tests.conftest import days_ago


@pytest.fixture
def consented(youth, trajectory, consultant):
    """The youth (with a trajectory), who agreed to the impact timeline ten days ago."""
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(10), purpose="impact")
    return youth


@pytest.fixture
def case_1_timeline(consented, consultant):
    """Case 1 of the source on the consented youth's timeline (its registration in March 2026 too)."""
    return case_1_build(actor=consultant, youth_id=consented.pk, channel=AccessChannel.COMMAND)
