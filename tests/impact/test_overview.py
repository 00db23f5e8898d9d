"""The overview across an organisation's impact timelines (/inzicht/effecten/), for team leads:
themes with counts (1 to 4 as "< 5"), costs made against the range possibly saved per payer only
from five timelines on, no names, only the own organisation's timelines, a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.accounts.models import Role
from koers.audit.models import AccessChannel
from koers.impact.services import point_add
from tests.conftest import make_user
from tests.impact.case import case_1_for, new_youth

pytestmark = pytest.mark.django_db

URL = "/inzicht/effecten/"
NAMES = ("Noor", "Daan", "Lotte", "Milan", "Fenna", "Sem")


def _timelines(consultant, n: int, *, start: int = 0) -> list:
    return [case_1_for(consultant, new_youth(consultant, first_name=NAMES[i])) for i in range(start, start + n)]


def _family_point(consultant, timeline):
    point_add(
        actor=consultant,
        youth_id=timeline.youth_id,
        channel=AccessChannel.COMMAND,
        kind="attention",
        theme="family",
        text="Het gezin had zelf ook steun nodig.",
    )


def _page(as_user, user):
    response = as_user(user).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_few_timelines_show_themes_as_small_and_no_amounts(as_user, team_lead, consultant):
    timelines = _timelines(consultant, 2)
    text = _page(as_user, team_lead)
    assert "Aantal effectenlijnen: &lt; 5." in text
    assert "Samenwerking tussen partners" in text and "Werkplek minder toegankelijk" in text
    assert '<td class="utrecht-table__cell">&lt; 5</td>' in text
    assert "€" not in text
    assert "vanaf 5 effectenlijnen" in text
    assert not any(t.youth.first_name in text for t in timelines)


def test_from_five_timelines_the_counts_and_amounts_per_payer(as_user, team_lead, consultant):
    timelines = _timelines(consultant, 5)
    for timeline in timelines[:2]:
        _family_point(consultant, timeline)
    text = _page(as_user, team_lead)
    assert "Aantal effectenlijnen: 5." in text
    # Five times case 1: 5 × 14,000 made; 5 × 25,050 to 5 × 43,900 possibly saved, all by the municipality.
    assert text.count("€\u00a070.000,00") == 1
    assert text.count("€\u00a0125.250,00") == 2  # together and for the municipality
    assert text.count("€\u00a0219.500,00") == 2
    assert "Gemeente</th>" in text
    assert (
        '<th scope="row" class="utrecht-table__header-cell koers-row-header">Samenwerking tussen partners</th>\n'
        in text
    )
    cooperation = text.index("Samenwerking tussen partners</th>")
    assert text[cooperation:].split("</td>")[0].endswith(">5")
    family = text.index("Steun voor het gezin</th>")
    assert text[family:].split("</td>")[0].endswith("&lt; 5")
    assert not any(t.youth.first_name in text for t in timelines)


def test_another_organisations_timelines_are_not_counted(as_user, team_lead, consultant, other_org, outsider):
    _timelines(consultant, 5)
    elsewhere = make_user("elders", other_org, Role.CONSULTANT)
    _timelines(elsewhere, 1, start=5)
    text = _page(as_user, team_lead)
    assert "Aantal effectenlijnen: 5." in text and "€\u00a070.000,00" in text
    theirs = _page(as_user, outsider)
    assert "Aantal effectenlijnen: &lt; 5." in theirs and "€" not in theirs


def test_no_timelines_yet(as_user, team_lead):
    assert "Er zijn nog geen effectenlijnen met toestemming." in _page(as_user, team_lead)


def test_consultants_and_administrators_get_403(as_user, consultant, admin):
    assert as_user(consultant).get(URL).status_code == 403
    assert as_user(admin).get(URL).status_code == 403


def test_the_insights_list_names_it_for_team_leads_only(as_user, team_lead, consultant):
    assert URL in as_user(team_lead).get("/inzicht/").content.decode()
    assert URL not in as_user(consultant).get("/inzicht/").content.decode()


def test_as_many_queries_for_five_timelines_as_for_two(as_user, team_lead, consultant):
    client = as_user(team_lead)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    client.get(URL)  # the first request of a session also saves the session
    _timelines(consultant, 2)
    few = queries()
    _timelines(consultant, 3, start=2)
    assert queries() == few
