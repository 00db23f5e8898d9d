"""A young person registers on the public page, on a phone and on a laptop: the form, the call-back
page and the receipt fit without sideways scrolling and have no serious accessibility problem;
the honeypot is out of reach of the keyboard and of screen readers."""

import pytest

from koers.intake.models import IntakeSource, Referral
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.intake.conftest import age_exactly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)


def _fits_and_passes_axe(page, width: int) -> list[str]:
    problems = []
    wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if wide[0] > wide[1]:
        problems.append(f"{page.url} at {width}px scrolls sideways: {wide}")
    for violation in axe_results(page)["violations"]:
        if violation.get("impact") in SERIOUS_IMPACTS:
            problems.append(f"{page.url} at {width}px: axe {violation['id']} at {violation['nodes'][0]['target']}")
    return problems


@pytest.fixture
def door(org):
    org.phone = "058 233 4455"
    org.opening_hours = "ma-vr 9.00-17.00 uur"
    org.save(update_fields=["phone", "opening_hours"])
    return org


@pytest.mark.parametrize("width", WIDTHS)
def test_a_youth_registers_and_sees_the_receipt(page, live_server, door, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/aanmelden/{door.pk}/")
    problems = _fits_and_passes_axe(page, width)
    shot(page, f"70-public-register-{width}")

    # The keyboard never lands in the honeypot: from the last name field, Tab goes on to the date.
    page.get_by_label("Voornaam").fill("Noor")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "last_name"
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Geboortedatum").fill(age_exactly(19).isoformat())
    page.get_by_label("Telefoonnummer").fill("0611122233")
    page.get_by_label("Geld en schulden").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Je aanmelding is verstuurd").wait_for()
    referral = Referral.objects.get()
    assert referral.source == IntakeSource.SELF and referral.reference in page.content()
    problems += _fits_and_passes_axe(page, width)
    shot(page, f"70-public-receipt-{width}")
    assert not problems, problems


@pytest.mark.parametrize("width", WIDTHS)
def test_a_youth_asks_to_be_called_back(page, live_server, door, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/aanmelden/{door.pk}/")
    page.get_by_role("link", name="Vraag of we je terugbellen").click()
    page.get_by_role("heading", name="Hulp bij het invullen").wait_for()
    problems = _fits_and_passes_axe(page, width)
    assert "058 233 4455" in page.content() and "ma-vr 9.00-17.00 uur" in page.content()
    shot(page, f"70-public-callback-{width}")

    page.get_by_role("button", name="Bel mij terug").click()  # empty: the errors first
    page.get_by_text("Vul je telefoonnummer in, zodat we je kunnen terugbellen.").first.wait_for()
    problems += _fits_and_passes_axe(page, width)
    shot(page, f"70-public-callback-errors-{width}")
    page.get_by_label("Voornaam").fill("Daan")
    page.get_by_label("Telefoonnummer").fill("0699988877")
    page.get_by_label("Wanneer kunnen we je het beste bellen?").fill("dinsdag na 15 uur")
    page.get_by_role("button", name="Bel mij terug").click()
    page.get_by_role("heading", name="We bellen je terug").wait_for()
    assert Referral.objects.get().source == IntakeSource.CALLBACK
    problems += _fits_and_passes_axe(page, width)
    assert not problems, problems
