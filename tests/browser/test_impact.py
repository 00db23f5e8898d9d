"""The impact timeline in a real browser: with the youth's consent, the consultant begins a
timeline, adds an episode, a scenario and an item from the price list, sees the totals, and
downloads the PDF report. The page has no serious or critical axe violation at 1280 and 360 px
and does not scroll sideways."""

from pathlib import Path

import pytest

from koers.trajectories.services.research import research_consent_record
from tests.browser.conftest import layout_problems, use_session
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_consultant_builds_a_short_timeline_and_downloads_the_report(
    live_server, page, consultant, youth, trajectory
):
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(5), purpose="impact")
    base = live_server.url
    path = f"/jongeren/{youth.pk}/effecten/"
    use_session(page, signed_in_client(consultant))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + path)
    page.get_by_role("button", name="Effectenlijn beginnen").click()
    assert page.get_by_role("heading", name="Wat Koers al weet").is_visible()

    page.get_by_text("Episode toevoegen", exact=True).first.click()
    episode = page.locator(f"form[action='{path}episodes/']")
    episode.get_by_label("Titel").fill("Beginsituatie")
    episode.get_by_label("Wat er gebeurde").fill("Geen werk en geen ritme.")
    episode.get_by_label("Rol").first.select_option("youth")
    episode.get_by_label("Wat deed deze persoon").first.fill("Meldde zich zelf.")
    episode.get_by_role("button", name="Episode toevoegen").click()
    assert page.get_by_role("heading", name="Beginsituatie").is_visible()

    # The scenario form is open while there is no scenario.
    scenario = page.locator(f"form[action='{path}scenarios/']")
    scenario.get_by_label("Wat de jongere verwacht").fill("Ik was thuis gebleven.")
    scenario.get_by_role("button", name="Scenario toevoegen").click()
    page.get_by_text('Kostenpost toevoegen aan "Zonder het traject"').click()
    page.get_by_label("Uit de prijslijst").select_option(label="Verblijf in de maatschappelijke opvang")
    page.get_by_role("button", name="Kostenpost toevoegen", exact=True).click()

    saved = page.get_by_test_id("costs-saved")
    assert saved.inner_text().replace("\xa0", " ") == "€ 12.000,00 – € 12.000,00"
    # No costs made yet: shown as such, and flagged.
    assert "vul het bedrag en het aantal maanden in" in page.locator(".koers-impact-flags").inner_text()
    shot(page, "80-impact-built-1280")

    with page.expect_download() as download:
        page.get_by_role("link", name="Rapport als pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "effectenlijn.pdf"

    assert layout_problems(page, path, url=base + path, shot_name="80-impact-page") == []
