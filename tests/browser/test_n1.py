"""The N=1 pages in a real browser, at 1280 and 360 px: the chart and its table are visible,
nothing scrolls sideways, and axe-core finds no serious or critical violation."""

import pytest
from django.conf import settings

from koers.trajectories.services import research_consent_record
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client
from tests.insights.test_n1_page import PERSONAL_ATTENTION, _stress_history, _with_history, _youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)


def _use_session(page, user) -> None:
    cookie = signed_in_client(user).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def _check(page, url: str, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(url)
        assert response.status == 200
        chart = page.locator(".koers-chart").first
        # One drawing shows: the wide one, or on a phone the narrow one.
        assert chart.locator("svg:visible").count() == 1, width
        assert chart.locator("table").is_visible(), width
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes[0] <= sizes[1], f"{name} scrolls sideways at {width}px: {sizes}"
        serious = [v["id"] for v in axe_results(page)["violations"] if v.get("impact") in SERIOUS_IMPACTS]
        assert serious == [], (name, width, serious)
        shot(page, f"70-{name}-{width}")


def test_the_n1_page_of_a_youth(live_server, page, taxonomy, consultant):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory, before=(7, 8))  # too few points: the warning shows too
    _use_session(page, consultant)
    url = f"{live_server.url}/jongeren/{youth.pk}/n1/?reeks=rating:stress&aanpak=element:{PERSONAL_ATTENTION}&doel=3"
    _check(page, url, "n1-youth")
    assert page.get_by_text("Fase A (vóór de start) heeft maar 2 metingen.").is_visible()
    assert page.locator("#effect-nap").get_by_text("In 10 van de 10 vergelijkingen").is_visible()


def test_the_n1_overview_for_a_consultant_and_a_team_lead(live_server, page, taxonomy, consultant, team_lead):
    youths = [_with_history(consultant, f"Noa{i}", after=(5, 4, 6 - i % 3, 3)) for i in range(5)]
    for youth in youths:
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1))
    query = f"?aanpak=element:{PERSONAL_ATTENTION}&reeks=rating:stress"
    _use_session(page, consultant)
    _check(page, f"{live_server.url}/inzicht/n1/{query}", "n1-overview")
    page.context.clear_cookies()
    _use_session(page, team_lead)
    _check(page, f"{live_server.url}/inzicht/n1/{query}", "n1-overview-team-lead")
    assert page.get_by_text("Jongere 5").first.is_visible()
