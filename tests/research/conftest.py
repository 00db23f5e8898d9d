"""Researchers, and youths with a full history (contacts with coded interventions and steps, life
domains, self-ratings, a milestone with a note, a network) with or without research consent.

Every personal value a youth has here is distinctive, so a test can search an export for it."""

import pytest

from koers.accounts.models import Role
from koers.contacts.services import DomainScore, contact_record, life_domains_record
from koers.method.life_domains import LIFE_DOMAIN_SETS
from koers.method.models import MethodStep, MethodVersion, WorkingElement
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import (
    milestone_record,
    network_member_add,
    research_consent_record,
    trajectory_create,
    youth_create,
)
from tests.conftest import born_years_ago, days_ago, make_user

SEVEN = [code for code, _label in LIFE_DOMAIN_SETS["self_reliance"]]
BIRTH = {"month": 3, "day": 17}
CONTACT_NOTE = "Vertelde over de schulden bij oom Piet"
MILESTONE_NOTE = "Moeder belde zelf op"
SCORE_NOTE = "Achterstand bij de Belastingdienst"
NETWORK_NAME = "Piet Hiemstra"
NETWORK_PHONE = "0611223344"


@pytest.fixture
def researcher(org):
    return make_user("onderzoeker", org, Role.RESEARCHER)


@pytest.fixture
def second_researcher(org):
    return make_user("onderzoeker2", org, Role.RESEARCHER)


@pytest.fixture
def outside_researcher(other_org):
    return make_user("onderzoeker3", other_org, Role.RESEARCHER)


def a_step(organisation_id: int) -> MethodStep:
    version = MethodVersion.objects.filter(organisation_id=organisation_id).order_by("-number").first()
    return MethodStep.objects.filter(version=version).order_by("position").first()


def youth_with_history(consultant, number: int, *, consent: bool = True):
    """A youth of `consultant` with one of everything the export reads, and research consent."""
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=f"Fenna{number}",
        last_name="Zijlstra-Postma",
        birth_date=born_years_ago(21, **BIRTH),
        email=f"fenna.zijlstra{number}@example.org",
        phone=f"06987654{number:02d}",
    )
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(90), source="uwv")
    milestone_record(
        actor=consultant,
        trajectory=trajectory,
        kind=MilestoneKind.FIRST_CONVERSATION,
        date=days_ago(80),
        note=MILESTONE_NOTE,
    )
    element = WorkingElement.objects.filter(active=True).order_by("pk").first()
    contact_record(
        actor=consultant,
        trajectory=trajectory,
        date=days_ago(20),
        channel="walk",
        purpose="agreements",
        intervention_codes=[element.code],
        step_ids=[a_step(youth.organisation_id).pk],
        ratings={"stress": 6, "confidence": 7, "mark": 8},
        notes=CONTACT_NOTE,
        evaluation_question_asked=True,
    )
    life_domains_record(
        actor=consultant,
        trajectory=trajectory,
        date=days_ago(19),
        occasion="intake",
        scores=[DomainScore(code, 3, note=SCORE_NOTE if code == "finances" else "") for code in SEVEN],
    )
    network_member_add(
        actor=consultant, youth=youth, name=NETWORK_NAME, relation="family", influence="supportive", phone=NETWORK_PHONE
    )
    if consent:
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(10))
    return youth


@pytest.fixture
def consenting(consultant):
    """Five youths with research consent: just enough for an export."""
    return [youth_with_history(consultant, number) for number in range(5)]
