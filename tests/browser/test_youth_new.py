"""Jongere aanmelden in a real browser: from Vandaag to the form, submit, land on the new file."""

import re

import pytest
from django.utils import timezone

from koers.trajectories.models import Youth
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_a_youth(live_server, page, consultant):
    base = live_server.url
    sign_in(page, base, consultant)
    shot(page, "09-vandaag-aanmelden")
    page.get_by_role("link", name="Jongere aanmelden").click()
    page.wait_for_url(re.compile(r"/jongeren/nieuw/$"))
    assert page.get_by_label("Consulent").input_value() == str(consultant.pk)
    assert_no_serious_axe_violations(page)

    # First without a birth date: the error shows, what was typed stays
    page.get_by_label("Voornaam").fill("Noah")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_role("button", name="Jongere aanmelden").click()
    assert page.get_by_label("Voornaam").input_value() == "Noah"
    assert page.locator(".koers-error").count() >= 1
    assert_no_serious_axe_violations(page)
    shot(page, "10-aanmelden-fouten")

    page.get_by_label("Geboortedatum").fill(f"{timezone.localdate().year - 20}-03-14")
    page.get_by_label("E-mailadres").fill("noah@example.org")
    page.get_by_label("Nee", exact=True).check()
    page.get_by_label("autisme").check()
    page.get_by_label("jongere zelf").check()
    shot(page, "11-aanmelden")
    page.get_by_role("button", name="Jongere aanmelden").click()

    youth = Youth.objects.get()
    page.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/$"))
    assert "Jongere aangemeld" in page.locator(".koers-messages").inner_text()
    assert page.get_by_role("heading", level=1, name="Noah Bakker").is_visible()
    assert "Melding" in page.locator('[aria-current="step"]').inner_text()
    assert youth.consultant == consultant and youth.target_groups == ["autism"]
