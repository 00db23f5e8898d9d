"""A consultant's morning in a real browser: sign in with password and TOTP, open Vandaag, open a
youth, record the first conversation, log a contact with interventions, and see the agenda change.

With KOERS_SCREENSHOTS=1 (e.g. `KOERS_SCREENSHOTS=1 make test`), screenshots land in screenshots/
(git-ignored) so the layout can be looked at.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.contacts.models import Contact
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.conftest import PASSWORD
from tests.web.conftest import youth_with_history

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# A full-page screenshot takes about a quarter of a second, and the browser tests take a hundred or
# more; they are for a person to look at, no test reads them, so they are made only when asked for.
TAKE_SCREENSHOTS = os.environ.get("KOERS_SCREENSHOTS", "") not in ("", "0")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def dutch(day: dt.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def sign_in(page, base_url: str, user) -> None:
    page.goto(base_url + "/inloggen/")
    assert_no_serious_axe_violations(page)
    shot(page, "01-login")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/tweede-stap/"))
    assert_no_serious_axe_violations(page)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(base_url + "/")


def test_consultant_flow(live_server, page, taxonomy, consultant, trajectory):
    youth = trajectory.youth
    for number in range(1, 4):  # some colleagues' worth of work, so Vandaag is not empty
        youth_with_history(consultant, number)
    base = live_server.url
    today = timezone.localdate()

    sign_in(page, base, consultant)

    # Vandaag
    assert page.get_by_role("heading", level=1, name="Vandaag").is_visible()
    assert page.locator("tr.koers-row--overdue").count() > 0
    assert_no_serious_axe_violations(page)
    shot(page, "02-vandaag")

    # Open the youth from the caseload tab
    page.get_by_role("link", name="Caseload").click()
    page.get_by_role("link", name="Sanne de Vries").click()
    page.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/$"))
    assert "Melding" in page.locator('[aria-current="step"]').inner_text()
    assert_no_serious_axe_violations(page)
    shot(page, "03-dossier-melding")

    # Record the first conversation, 20 days ago
    first = today - dt.timedelta(days=20)
    card = page.locator(".koers-card", has=page.get_by_role("heading", name="1e gesprek gehouden"))
    card.get_by_label("Datum").fill(first.isoformat())
    card.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/$"))
    assert "1e gesprek vastgelegd" in page.locator(".koers-messages").inner_text()
    assert "1e gesprek en zoekperiode" in page.locator('[aria-current="step"]').inner_text()
    second_due = dutch(first + dt.timedelta(days=28))
    agenda = page.locator("section", has=page.get_by_role("heading", name="Te doen", exact=True))
    second_row = agenda.locator("tr", has=page.get_by_role("rowheader", name="2e gesprek"))
    assert second_due in second_row.inner_text()

    # Log a contact by phone with three interventions and an agreement
    form = page.locator("form.koers-contact-form")
    form.get_by_label("telefoon", exact=True).check()
    form.get_by_label("Persoonlijke aandacht").check()
    form.get_by_label("Zelfvertrouwen opbouwen").check()
    form.get_by_label("Sollicitatievaardigheden").check()
    agreement = form.locator("fieldset.koers-agreement").first
    agreement.get_by_role("textbox", name=re.compile(r"^Afspraak")).fill("Drie vacatures uitzoeken")
    agreement.get_by_label("Uiterlijk op").fill((today + dt.timedelta(days=5)).isoformat())
    form.get_by_label("Notities").fill("Gaat goed met solliciteren.")
    # A double click (an impatient user) must not save the contact twice: the form is sent by
    # htmx with its buttons disabled until the answer, and its key saves it once in any case.
    with page.expect_navigation(url=re.compile(rf"/jongeren/{youth.pk}/$")):
        form.get_by_role("button", name="Contact opslaan").dblclick()
    assert "Contact opgeslagen" in page.locator(".koers-messages").inner_text()
    contact = Contact.objects.get(trajectory=trajectory)
    assert sorted(contact.interventions.values_list("code", flat=True)) == [
        "qualities_self_confidence",
        "skills_job_application",
        "trust_personal_attention",
    ]
    # The history and the open agreements are folded: the consultant opens them (htmx, in place).
    page.get_by_role("link", name="Toon geschiedenis").click()
    history = page.locator("ol.koers-timeline")
    assert "Sollicitatievaardigheden" in history.inner_text()
    page.get_by_role("link", name="Toon open afspraken").click()
    page.locator("#agreements:not(.koers-folded)").wait_for()
    assert "Drie vacatures uitzoeken" in page.locator("section", has_text="Open afspraken").inner_text()
    assert dutch(today + dt.timedelta(days=5)) in agenda.inner_text()  # the agreement is on the agenda
    assert_no_serious_axe_violations(page)
    shot(page, "04-dossier-na-contact")

    # Back on Vandaag: the second conversation is there with its date
    page.get_by_role("link", name="Vandaag").first.click()
    row = page.locator("tr", has=page.get_by_role("link", name="Sanne de Vries")).filter(has_text="2e gesprek")
    assert row.count() == 1
    assert second_due in row.inner_text()
    assert_no_serious_axe_violations(page)
    shot(page, "05-vandaag-na")

    # The narrow (phone) layout of the youth file, for the screenshots
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/jongeren/{youth.pk}/")
    shot(page, "06-dossier-smal")
