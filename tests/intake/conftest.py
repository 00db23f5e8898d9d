"""Intake fixtures: chain partners of the personas' organisation (and of the outsider's), their
users, and a helper that refers a youth through the service."""

import calendar
import datetime as dt

import pytest
from django.utils import timezone

from koers.accounts.models import ChainPartner, ChainPartnerKind, Role
from koers.intake.services import referral_submit
from tests.conftest import make_user


@pytest.fixture
def rmc(org):
    return ChainPartner.objects.create(organisation=org, name="RMC Fryslân", kind=ChainPartnerKind.RMC)


@pytest.fixture
def school(org):
    return ChainPartner.objects.create(organisation=org, name="Friesland College", kind=ChainPartnerKind.SCHOOL)


def make_partner_user(username, partner):
    user = make_user(username, partner.organisation, Role.CHAIN_PARTNER)
    user.chain_partner = partner
    user.email = f"{username}@partner.example"
    user.save(update_fields=["chain_partner", "email"])
    return user


@pytest.fixture
def partner_user(rmc):
    return make_partner_user("rmc-medewerker", rmc)


@pytest.fixture
def other_partner_user(school):
    return make_partner_user("school-medewerker", school)


@pytest.fixture
def outsider_partner_user(other_org):
    partner = ChainPartner.objects.create(organisation=other_org, name="RMC Zuid", kind=ChainPartnerKind.RMC)
    return make_partner_user("rmc-zuid", partner)


def age_exactly(years: int, months: int = 0) -> dt.date:
    """A birth date that makes someone exactly this old today (the day clamped to the month)."""
    today = timezone.localdate()
    year, month0 = divmod(today.year * 12 + today.month - 1 - (years * 12 + months), 12)
    return dt.date(year, month0 + 1, min(today.day, calendar.monthrange(year, month0 + 1)[1]))


def refer(user, **overrides):
    fields = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "birth_date": age_exactly(19),
        "phone": "0612345678",
        "email": "",
        "reason": "Gestopt met school, zoekt werk.",
        "partner_action": "Gesprek gehad op school.",
        "basis_code": "participatiewet",
        "consent": None,
    }
    fields.update(overrides)
    return referral_submit(actor=user, **fields)


@pytest.fixture
def referral(partner_user):
    return refer(partner_user)
