"""Werk en werkgevers on /inzicht/: introductions to employers and their outcomes per team and
period, employer contacts, tips and interest; right counts, small ones hidden, team leads only,
and the same number of queries whatever the amount of work."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from koers.contacts.models import Channel
from koers.trajectories.services import trajectory_create, youth_create
from koers.work.models import IntroductionOutcome
from koers.work.services import (
    employer_contact_record,
    employer_save,
    introduction_outcome_record,
    introduction_record,
    vacancy_interest_record,
    vacancy_tip,
)
from tests.conftest import born_years_ago, days_ago, signed_in_client
from tests.work.conftest import make_vacancy

PAGE = "/inzicht/werkgevers/"


class _Tables(HTMLParser):
    """The page's tables by id: each body row as its cells' text."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(text: str) -> dict[str, dict[str, list[str]]]:
    parser = _Tables()
    parser.feed(text)
    return {name: {row[0]: row[1:] for row in rows[1:]} for name, rows in parser.tables.items()}


def _youth_of(consultant, name: str):
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name=name, last_name="Test", birth_date=born_years_ago(21)
    )
    trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 3, 2), source="uwv")
    return youth


def _introductions(consultant, youth, employer, number: int, *, outcome=None, on=None):
    for _ in range(number):
        introduction = introduction_record(actor=consultant, youth=youth, employer=employer, date=on or days_ago(5))
        if outcome:
            introduction_outcome_record(actor=consultant, introduction=introduction, outcome=outcome, on=days_ago(2))


@pytest.fixture
def employer(consultant):
    return employer_save(actor=consultant, name="Zorggroep De Linde", sector="Q")


def test_the_team_lead_sees_introductions_and_outcomes_per_team(team_lead, consultant, youth, trajectory, employer):
    _introductions(consultant, youth, employer, 6)
    _introductions(consultant, youth, employer, 5, outcome=IntroductionOutcome.HIRED)
    found = tables(signed_in_client(team_lead).get(PAGE).text)
    noord = found["introductions"]["Jongerenteam Noord"]
    # Columns: introduced, interview planned, trial placement, hired, not hired, stopped; total.
    assert noord == ["6", "0", "0", "5", "0", "0", "11"]
    assert found["outcomes"]["Jongerenteam Noord"] == ["0", "0", "5", "0", "0", "5"]


def test_small_numbers_are_hidden_and_cannot_be_worked_back(
    team_lead, consultant, other_team_consultant, youth, trajectory, employer
):
    _introductions(consultant, youth, employer, 8)
    _introductions(other_team_consultant, _youth_of(other_team_consultant, "Zuid"), employer, 2)
    text = signed_in_client(team_lead).get(PAGE).text
    found = tables(text)
    zuid = found["introductions"]["Jongerenteam Zuid"]
    assert zuid[0] == "< 5" and zuid[-1] == "< 5"
    # The column total (10) would give Zuid's 2 away next to Noord's 8: Noord's cell is hidden too.
    assert found["introductions"]["Jongerenteam Noord"][0] == "< 5"
    assert "Zuid Test" not in text and "Sanne" not in text


def test_an_earlier_introduction_counts_its_outcome_in_the_period(team_lead, consultant, youth, trajectory, employer):
    _introductions(consultant, youth, employer, 5, outcome=IntroductionOutcome.TRIAL_PLACEMENT, on=dt.date(2026, 4, 1))
    found = tables(signed_in_client(team_lead).get(PAGE + "?periode=3").text)
    assert found["introductions"]["Jongerenteam Noord"][-1] == "0"  # made before the period
    assert found["outcomes"]["Jongerenteam Noord"][1] == "5"  # trial placements reached in it
    assert (
        tables(signed_in_client(team_lead).get(PAGE + "?periode=12").text)["introductions"]["Jongerenteam Noord"][-1]
        == "5"
    )


def test_employer_contacts_tips_and_interest_per_team(team_lead, consultant, other_team, invited, trajectory, employer):
    other = employer_save(actor=consultant, name="Bakkerij Fryslân", sector="C")
    for target in (employer, employer, other):
        employer_contact_record(
            actor=consultant, employer=target, date=days_ago(3), channel=Channel.PHONE, notes="Bellen"
        )
    for number in range(6):
        vacancy = make_vacancy(consultant, employer, f"Vacature {number}")
        vacancy_tip(actor=consultant, youth=invited, vacancy=vacancy)
        if number < 5:
            vacancy_interest_record(youth=invited, vacancy=vacancy)
    found = tables(signed_in_client(team_lead).get(PAGE).text)["relations"]
    assert found["Jongerenteam Noord"] == ["3", "2", "6", "5"]
    assert found["Jongerenteam Zuid"] == ["0", "0", "0", "0"]
    assert found["Alle teams"] == ["3", "", "6", "5"]  # an employer two teams spoke to is not summed


def test_the_team_filter_shows_one_team(team_lead, consultant, other_team, youth, trajectory, employer):
    _introductions(consultant, youth, employer, 5)
    found = tables(signed_in_client(team_lead).get(f"{PAGE}?team={other_team.pk}").text)
    assert list(found["introductions"]) == ["Jongerenteam Zuid"]
    assert found["introductions"]["Jongerenteam Zuid"][-1] == "0"


def test_the_numbers_say_when_they_were_counted(team_lead):
    assert "Geteld om" in signed_in_client(team_lead).get(PAGE).text


def test_the_insights_list_links_to_the_page(team_lead, consultant):
    assert f'href="{PAGE}"' in signed_in_client(team_lead).get("/inzicht/").text
    assert f'href="{PAGE}"' not in signed_in_client(consultant).get("/inzicht/").text


@pytest.mark.parametrize("persona", ["consultant", "admin"])
def test_others_do_not_open_the_page(persona, request):
    assert signed_in_client(request.getfixturevalue(persona)).get(PAGE).status_code == 403


def test_another_organisation_does_not_see_the_counts(outsider, consultant, youth, trajectory, employer):
    _introductions(consultant, youth, employer, 6)
    text = signed_in_client(outsider).get(PAGE).text
    assert "Jongerenteam Noord" not in text and ">6<" not in text


@pytest.mark.parametrize("size", [1, 8])
def test_the_page_runs_a_fixed_number_of_queries(
    size, team_lead, consultant, other_team_consultant, invited, trajectory, employer, django_assert_max_num_queries
):
    zuid = _youth_of(other_team_consultant, "Zuid")
    for number in range(size):
        place = employer_save(actor=consultant, name=f"Werkgever {number}", sector="Q")
        _introductions(consultant, invited, place, 1, outcome=IntroductionOutcome.INTERVIEW_PLANNED)
        _introductions(other_team_consultant, zuid, place, 1)
        employer_contact_record(actor=consultant, employer=place, date=days_ago(1), channel=Channel.MAIL, notes="Mail")
        vacancy = make_vacancy(consultant, place, f"Vacature {number}")
        vacancy_tip(actor=consultant, youth=invited, vacancy=vacancy)
        vacancy_interest_record(youth=invited, vacancy=vacancy)
    client = signed_in_client(team_lead)
    client.get(PAGE)  # session warmed up
    cache.clear()  # counted again, not from the cache
    with django_assert_max_num_queries(11):
        assert client.get(PAGE).status_code == 200
