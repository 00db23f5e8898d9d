"""A long youth file in a real browser: the recent history first, older entries with "Toon eerdere"
(htmx adds them to the list without leaving the page), and keyboard focus stays usable."""

import re

import pytest

from koers.contacts.selectors import HISTORY_PAGE_SIZE
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_older_history_loads_in_place(live_server, page, taxonomy, consultant):
    contacts = 2 * HISTORY_PAGE_SIZE + 5
    youth, _ = youth_with_history(consultant, 42, contacts=contacts)
    sign_in(page, live_server.url, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/")
    page.get_by_role("link", name="Toon geschiedenis").click()  # folded until opened
    page.locator("ol.koers-timeline").wait_for()

    items = page.locator("ol.koers-timeline li.koers-timeline__item--contact")
    assert items.count() == HISTORY_PAGE_SIZE
    more = page.get_by_role("link", name="Toon eerdere")
    assert_no_serious_axe_violations(page)

    url_before = page.url
    more.click()
    items.nth(2 * HISTORY_PAGE_SIZE - 1).wait_for()
    assert items.count() == 2 * HISTORY_PAGE_SIZE
    assert page.url == url_before  # added in place, no page load

    page.get_by_role("link", name="Toon eerdere").click()
    items.nth(contacts - 1).wait_for()
    assert items.count() == contacts
    assert page.get_by_role("link", name="Toon eerdere").count() == 0
    assert "Mijlpaal: Melding" in page.locator("ol.koers-timeline").inner_text()  # the very start
    assert re.search(r"Afspraak 0\b", page.locator("ol.koers-timeline").inner_text())  # the oldest contact
    assert_no_serious_axe_violations(page)
    shot(page, "07-dossier-lange-geschiedenis")
