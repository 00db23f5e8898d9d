"""The folded sections of the youth file in a real browser (issue 18): "Toon geschiedenis" loads
the history in place and puts the focus on its heading; a link to a folded section's heading opens
it; without JavaScript the link opens the page with the section. Axe clean at 1280 and 360 px."""

import re

import pytest
from django.conf import settings

from koers.plans.services import SubGoalInput, plan_save
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_GOAL = "Ik leer solliciteren bij een garage"
CONTACTS = 3


@pytest.fixture
def youth(taxonomy, consultant):
    """A youth with a short history and a plan."""
    youth, trajectory = youth_with_history(consultant, 61, contacts=CONTACTS)
    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=MAIN_GOAL,
        sub_goals=[SubGoalInput(text="Een garage bellen", owner="youth", due_on=days_ago(-7))],
    )
    return youth


def _signed_in(context, consultant) -> None:
    """The consultant's session in this browser context (the sign-in itself: test_consultant_flow)."""
    cookie = signed_in_client(consultant).cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def _check_widths(page, name: str, *, url: str | None = None) -> None:
    """No sideways scrolling and no serious axe violation, at 1280 and at 360 px (both run scripts
    in the page, so a page without JavaScript is checked by loading its address in this one)."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        if url:
            page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, width)
        assert_no_serious_axe_violations(page)
        shot(page, f"70-{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_show_history_loads_it_in_place_and_moves_the_focus_to_its_heading(live_server, page, youth, consultant):
    _signed_in(page.context, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/")
    entries = page.locator("#history li.koers-timeline__item--contact")
    assert entries.count() == 0  # folded: its heading and a link
    assert page.get_by_role("heading", name="Geschiedenis").is_visible()
    _check_widths(page, "dossier-ingeklapt")

    url_before = page.url
    page.get_by_role("link", name="Toon geschiedenis").click()
    entries.nth(CONTACTS - 1).wait_for()

    assert entries.count() == CONTACTS
    assert "Mijlpaal: 1e gesprek" in page.locator("#history").inner_text()
    assert page.url == url_before  # in place, no page load
    page.wait_for_function("document.activeElement && document.activeElement.id === 'history-heading'")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Geschiedenis"
    assert page.get_by_role("link", name="Toon geschiedenis").count() == 0
    _check_widths(page, "dossier-geschiedenis-open")


def test_a_link_to_a_folded_sections_heading_opens_it(live_server, page, youth, consultant):
    _signed_in(page.context, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/#plan-heading")

    page.locator("#plan p", has_text=MAIN_GOAL).wait_for()  # "Hoofddoel: ..."
    assert page.get_by_role("link", name="Toon plan").count() == 0
    assert page.get_by_role("link", name="Plan als pdf").is_visible()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'plan-heading'")
    assert page.get_by_role("link", name="Toon geschiedenis").count() == 1  # only the plan was opened
    _check_widths(page, "dossier-plan-open")


def test_without_javascript_the_link_opens_the_page_with_the_section(
    live_server, chromium_browser, page, youth, consultant
):
    context = chromium_browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
    )
    try:
        _signed_in(context, consultant)
        bare = context.new_page()
        bare.goto(f"{live_server.url}/jongeren/{youth.pk}/")
        assert bare.locator("#history li.koers-timeline__item--contact").count() == 0

        bare.get_by_role("link", name="Toon geschiedenis").click()
        bare.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/\?open=history#history-heading$"))

        assert bare.locator("#history li.koers-timeline__item--contact").count() == CONTACTS
        assert bare.get_by_role("link", name="Toon geschiedenis").count() == 0
        assert bare.get_by_role("link", name="Toon plan").count() == 1  # the others stay folded
        opened = bare.url
    finally:
        context.close()
    _signed_in(page.context, consultant)
    _check_widths(page, "dossier-geschiedenis-zonder-javascript", url=opened)
