"""Doorlooptijd and the caseload experiment in a real browser, at 1280 and 360 px: nothing scrolls
sideways, no form field leaves its form, axe-core finds no serious or critical violation, and
every chart comes with its table (the table first, the drawing hidden from screen readers)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from koers.insights.services import practice_counts_fill
from koers.insights.services.experiment import experiment_group_save
from koers.insights.services.throughput import trajectory_facts_fill
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.conftest import signed_in_client
from tests.insights.test_throughput import make_trajectory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)
NAMED_RULES = {"link-in-text-block", "landmark-unique", "empty-table-header"}

LAYOUT_JS = """() => {
    const outside = [];
    for (const form of document.querySelectorAll('form')) {
        const box = form.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const block = getComputedStyle(form).display !== 'inline';
        for (const el of form.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            const sideways = r.left < box.left - 1 || r.right > box.right + 1;
            const below = block && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
            if (sideways || below) outside.push(el.name || el.id || el.tagName);
        }
    }
    const charts = [...document.querySelectorAll('figure.koers-chart')].map(figure => {
        const table = figure.querySelector('table');
        const drawing = figure.querySelector('.koers-chart__drawing');
        return {
            id: figure.id,
            table: !!table,
            svg: !!figure.querySelector('svg'),
            tableFirst: !!table && !!drawing
                && !!(table.compareDocumentPosition(drawing) & Node.DOCUMENT_POSITION_FOLLOWING),
            hidden: !!drawing && drawing.getAttribute('aria-hidden') === 'true',
        };
    });
    return {outside, charts, width: document.documentElement.scrollWidth, view: window.innerWidth};
}"""


def _use_session(page, client) -> None:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def _check(page, base: str, path: str, name: str, charts: int) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(base + path)
        assert response.status < 400, (path, response.status)
        result = page.evaluate(LAYOUT_JS)
        if result["outside"]:
            problems.append(f"{path} at {width}px: outside their form: {result['outside'][:5]}")
        if result["width"] > result["view"]:
            problems.append(f"{path} at {width}px scrolls sideways: {result['width']} > {result['view']}")
        if len(result["charts"]) != charts:
            problems.append(f"{path}: {len(result['charts'])} charts, expected {charts}")
        for chart in result["charts"]:
            if not (chart["table"] and chart["svg"] and chart["tableFirst"] and chart["hidden"]):
                problems.append(f"{path}: chart {chart['id']} without its table first, or not hidden: {chart}")
        shot(page, f"70-{name}-{width}")
        violations = axe_results(page)["violations"]
        problems += [
            f"{path} at {width}px: axe {v['id']} [{v['impact']}] at {v['nodes'][0]['target']}"
            for v in violations
            if v.get("impact") in SERIOUS_IMPACTS or v["id"] in NAMED_RULES
        ]
    return problems


@pytest.fixture
def team_data(consultant, colleague, team_lead):
    today = timezone.localdate()
    for number in range(14):
        make_trajectory(
            colleague if number % 2 else consultant,
            registered_ago=420 - number * 15,
            outflow_after=60 + number * 8 if number % 5 else None,
            route=("work", "school", "care")[number % 3],
            destination=("work", "school", "other")[number % 3],
        )
    while trajectory_facts_fill():
        pass
    practice_counts_fill()
    start = dt.date(today.year - 1, today.month, 1)
    return experiment_group_save(
        actor=team_lead, name="Kleinere caseload", starts_on=start, consultant_ids=[consultant.pk], note="45 naar 30"
    )


def test_throughput_and_experiment_pages_at_both_widths(live_server, page, team_data, team_lead):
    _use_session(page, signed_in_client(team_lead))
    problems = _check(page, live_server.url, "/inzicht/doorlooptijd/?van=2020-01-01", "doorlooptijd", charts=3)
    problems += _check(page, live_server.url, f"/inzicht/experiment/?groep={team_data.pk}", "experiment", charts=3)
    problems += _check(
        page, live_server.url, f"/inzicht/experiment/?formulier={team_data.pk}", "experiment-formulier", charts=3
    )
    assert problems == [], "\n".join(problems)
