"""On a phone (360 px): Vandaag and the caseload are stacked rows with every column, nothing scrolls
sideways; the youth file shows details, appointments and open agreements before the history."""

import pytest

from koers.contacts.services import appointment_create
from koers.trajectories.models import Youth
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.conftest import days_ago
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360

# Per body row: is every cell shown, with its column name before it (the CSS ::before of data-label)?
ROWS_JS = """() => [...document.querySelectorAll('table.koers-table--stack tbody tr')].map(tr => ({
    hidden: [...tr.children].filter(cell => cell.getBoundingClientRect().width === 0).length,
    labels: [...tr.querySelectorAll('td[data-label]')].map(td => getComputedStyle(td, '::before').content),
    right: Math.max(...[...tr.children].map(cell => cell.getBoundingClientRect().right)),
}))"""


def _assert_stacked(page) -> list[dict]:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, "the page scrolls sideways"
    rows = page.evaluate(ROWS_JS)
    assert rows
    for row in rows:
        assert row["hidden"] == 0
        assert row["right"] <= WIDTH
    return rows


def test_lists_and_the_file_on_a_phone(live_server, page, taxonomy, consultant):
    youth, trajectory = youth_with_history(consultant, 1, contacts=3)
    youth_with_history(consultant, 2, contacts=1)
    Youth.objects.filter(pk=youth.pk).update(phone="0612345678")
    appointment_create(actor=consultant, trajectory=trajectory, date=days_ago(-3))
    page.set_viewport_size({"width": WIDTH, "height": 780})
    sign_in(page, live_server.url, consultant)

    rows = _assert_stacked(page)
    assert rows[0]["labels"][:3] == ['"Wat: "', '"Uiterlijk: "', '"Fase: "']
    assert_no_serious_axe_violations(page)
    shot(page, "40-vandaag-360")

    page.get_by_role("link", name="Caseload").click()
    page.wait_for_url("**view=caseload**")
    rows = _assert_stacked(page)
    assert rows[0]["labels"] == ['"Fase: "', '"Eerstvolgend actiepunt: "']
    assert_no_serious_axe_violations(page)
    shot(page, "41-caseload-360")

    page.get_by_role("link", name=youth.full_name).click()
    page.wait_for_url(f"**/jongeren/{youth.pk}/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    tops = {
        name: page.locator(selector).bounding_box()["y"]
        for name, selector in {
            "phone": "a[href='tel:0612345678']",
            "appointments": "#appointments",
            "agreements": "#agreements",
            "history": "#history",
        }.items()
    }
    assert tops["phone"] < tops["history"] and tops["appointments"] < tops["history"]
    assert tops["agreements"] < tops["history"]
    assert_no_serious_axe_violations(page)
    shot(page, "42-dossier-360")
