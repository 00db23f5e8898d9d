"""The team page in a real browser at 1280 and 360 px: the caseload chart with its table (the
table first for screen readers, the drawing hidden from them), nothing scrolls sideways, and
axe-core finds no serious or critical violation."""

import pytest
from django.conf import settings

from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Besides every serious or critical violation: the rules a new user's probe found (test_layout.py).
NAMED_RULES = {"link-in-text-block", "landmark-unique", "empty-table-header"}

CHART_JS = """() => {
    const figure = document.querySelector('#caseload-chart');
    const table = figure.querySelector('.koers-chart__table table');
    const drawing = figure.querySelector('.koers-chart__drawing');
    const svg = drawing.querySelector('svg');
    const box = svg.getBoundingClientRect();
    return {
        tableFirst: !!(table.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING),
        drawingHidden: drawing.getAttribute('aria-hidden') === 'true',
        bars: svg.querySelectorAll('rect[class^="koers-bars--s"]').length,
        rows: table.querySelectorAll('tbody tr').length,
        svgShown: box.width > 0 && box.height > 0,
        tableShown: table.getBoundingClientRect().height > 0,
        width: document.documentElement.scrollWidth,
        view: window.innerWidth,
    };
}"""


def _use_session(page, client) -> None:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def test_the_team_page_shows_the_chart_with_its_table_at_both_widths(
    live_server, page, taxonomy, team_lead, consultant, colleague
):
    for number in range(7):
        _youth, trajectory = youth_with_history(consultant, number, contacts=1)
        milestone_record(
            actor=consultant,
            trajectory=trajectory,
            kind=MilestoneKind.PLAN_CONVERSATION,
            date=days_ago(20),
            route="work",
        )
    youth_with_history(colleague, 20, contacts=1)
    _use_session(page, signed_in_client(team_lead))

    problems = []
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(f"{live_server.url}/inzicht/team/")
        assert response.status == 200
        assert page.get_by_text("niet bedoeld om prestaties van mensen te beoordelen").is_visible()
        chart = page.evaluate(CHART_JS)
        assert chart["tableFirst"] and chart["drawingHidden"], chart
        assert chart["svgShown"] and chart["tableShown"], chart
        assert chart["rows"] == 3  # two consultants and the totals
        assert chart["bars"] >= 1  # the consultant's 7 in follow-up are drawn; the colleague's 1 is not
        if chart["width"] > chart["view"]:
            problems.append(f"at {width}px the page scrolls sideways: {chart['width']} > {chart['view']}")
        shot(page, f"70-team-{width}")
        violations = axe_results(page)["violations"]
        problems += [
            f"axe at {width}px: {v['id']} [{v['impact']}] at {v['nodes'][0]['target']}"
            for v in violations
            if v.get("impact") in SERIOUS_IMPACTS or v["id"] in NAMED_RULES
        ]
    assert not problems, "\n".join(problems)
