"""The price list and the impact overview in a real browser: the team lead adds a price (with a
Dutch message for an amount that is not one) and changes a shipped one, a consultant reads the
list, and the team lead opens Inzicht › Effecten with five case-1 timelines. Each page at 1280 and
360 px: no sideways scroll, no serious or critical axe violation."""

import re
from decimal import Decimal

import pytest

from koers.impact.models import PriceItem
from tests.browser.conftest import layout_problems
from tests.browser.test_consultant_flow import sign_in
from tests.impact.case import case_1_for, new_youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_price_list_and_impact_overview(live_server, page, org, consultant, team_lead):
    for first_name in ("Noor", "Daan", "Lotte", "Milan", "Fenna"):
        case_1_for(consultant, new_youth(consultant, first_name=first_name))
    problems: list[str] = []

    sign_in(page, live_server.url, team_lead)
    page.goto(live_server.url + "/instellingen/prijslijst/")
    assert page.get_by_role("heading", name="Prijslijst").is_visible()
    problems += layout_problems(page, "list", open_folds=False, shot_name="72-impact-settings-list")
    page.get_by_label("Naam").fill("Dagbesteding")
    page.get_by_label("Eenheid").select_option("month")
    page.get_by_label("Laag bedrag (euro)").fill("veel")
    page.get_by_label("Hoog bedrag (euro)").fill("1.800")
    page.get_by_label("Wie betaalt").select_option("municipality")
    page.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_text(re.compile("Vul een bedrag in euro in")).first.is_visible()
    problems += layout_problems(page, "error", open_folds=False, shot_name="72-impact-settings-error")
    page.get_by_label("Laag bedrag (euro)").fill("1.250,50")
    page.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_text("De prijs is toegevoegd.").is_visible()
    assert PriceItem.objects.get(name="Dagbesteding").low == Decimal("1250.50")
    assert page.get_by_text("er staat geen bron bij").is_visible()  # kept, and flagged

    page.get_by_role("link", name="Wijzigen (Behandeling verslaving)").click()
    problems += layout_problems(page, "edit", open_folds=False, shot_name="72-impact-settings-edit")
    page.get_by_label("Jaar van de bron").fill("2024")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De prijs is gewijzigd.").is_visible()

    page.goto(live_server.url + "/inzicht/")
    page.get_by_role("link", name="Effecten").click()
    assert page.get_by_text("Aantal effectenlijnen: 5.").is_visible()
    assert page.get_by_text("€\u00a070.000,00").is_visible()
    problems += layout_problems(page, "overview", open_folds=False, shot_name="72-impact-settings-overview")
    page.get_by_role("button", name="Uitloggen").click()

    sign_in(page, live_server.url, consultant)
    page.goto(live_server.url + "/instellingen/prijslijst/")
    assert page.get_by_text("Dagbesteding").is_visible()
    assert page.get_by_role("button", name="Toevoegen").count() == 0
    problems += layout_problems(page, "read-only", open_folds=False, shot_name="72-impact-settings-read-only")
    assert problems == []
