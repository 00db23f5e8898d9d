"""Employers and vacancies in the personas' organisation (`org`) and in the other one (`other_org`),
made through the services; `researcher` is a persona that opens no youth file."""

import datetime as dt

import pytest
from django.utils import timezone

from koers.accounts.models import Role
from koers.work.models import VacancyKind
from koers.work.services import VacancyInput, employer_save, vacancy_save
from tests.conftest import make_user


@pytest.fixture
def researcher(org):
    return make_user("onderzoeker", org, Role.RESEARCHER)


def make_vacancy(
    actor, employer, title: str, *, kind=VacancyKind.PAID, hours=16, place="Leeuwarden", closes_in=30, sector=None
):
    return vacancy_save(
        actor=actor,
        data=VacancyInput(
            employer=employer,
            title=title,
            hours_per_week=hours,
            place=place,
            sector=sector or employer.sector,
            kind=kind,
            closes_on=None if closes_in is None else timezone.localdate() + dt.timedelta(days=closes_in),
        ),
    )


@pytest.fixture
def employer(consultant):
    return employer_save(
        actor=consultant, name="Zorggroep De Linde", sector="Q", contact_person="Marieke", socially_committed=True
    )


@pytest.fixture
def vacancy(consultant, employer):
    return make_vacancy(consultant, employer, "Helpende in de thuiszorg")


@pytest.fixture
def volunteering(consultant, employer):
    return make_vacancy(
        consultant, employer, "Vrijwilliger in het buurthuis", kind=VacancyKind.VOLUNTEERING, hours=4, closes_in=None
    )


@pytest.fixture
def outsider_employer(outsider):
    return employer_save(actor=outsider, name="Bakkerij Fryslân", sector="C")


@pytest.fixture
def outsider_vacancy(outsider, outsider_employer):
    return make_vacancy(outsider, outsider_employer, "Bakker in Fryslân", sector="C", place="Sneek")
