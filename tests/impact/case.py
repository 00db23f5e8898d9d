"""Fixtures for the impact tests of the API, the price list, the overview and the demo: a youth
with the consent for the impact timeline, and case 1 of the source on that youth's timeline.
Imported by name into the test modules that use them."""

import pytest
from django.utils import timezone

from koers.audit.models import AccessChannel
from koers.impact.services import case_1_build
from koers.trajectories.models import ResearchPurpose
from koers.trajectories.services import youth_create
from koers.trajectories.services.research import research_consent_record
from tests.conftest import born_years_ago


def consent(actor, youth):
    research_consent_record(actor=actor, youth=youth, given_on=timezone.localdate(), purpose=ResearchPurpose.IMPACT)
    return youth


def new_youth(consultant, first_name="Jesse", last_name="Bakker"):
    return youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=first_name,
        last_name=last_name,
        birth_date=born_years_ago(20),
    )


def case_1_for(consultant, youth):
    consent(consultant, youth)
    return case_1_build(actor=consultant, youth_id=youth.pk, channel=AccessChannel.COMMAND)


@pytest.fixture
def case_1(consultant, youth):
    """Sanne (the shared `youth`) with consent and case 1 on her timeline."""
    return case_1_for(consultant, youth)
