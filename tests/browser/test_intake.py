"""A chain partner refers a youth in a real browser, the team lead distributes it, and the pages
have no serious accessibility problem nor sideways scroll at 1280 and 360 px."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.intake.models import Referral, ReferralStatus
from koers.trajectories.models import Youth
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.conftest import PASSWORD
from tests.intake.conftest import age_exactly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _check_both_widths(page, name: str) -> None:
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        _no_sideways_scroll(page)
        assert_no_serious_axe_violations(page)
        shot(page, f"70-intake-{name}-{width}")


def test_a_partner_refers_and_the_team_lead_distributes(live_server, page, browser_partner, team_lead, consultant):
    _partner_sign_in(page, live_server.url, browser_partner)
    page.get_by_role("link", name="Jongere verwijzen").click()
    _check_both_widths(page, "form")
    page.set_viewport_size({"width": 360, "height": 800})
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill(age_exactly(19).isoformat())
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("Waarom verwijst u de jongere?").fill("Gestopt met school, zoekt werk.")
    page.get_by_label(re.compile("Participatiewet")).check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    assert page.get_by_role("heading", name="Verwijzing ontvangen").is_visible()
    referral = Referral.objects.get()
    assert page.get_by_text(referral.reference).first.is_visible()
    _check_both_widths(page, "receipt")
    page.get_by_role("button", name="Uitloggen").click()

    sign_in(page, live_server.url, team_lead)
    page.get_by_role("link", name="Instroom").click()
    _check_both_widths(page, "queue")
    page.get_by_role("link", name=referral.reference).click()
    _check_both_widths(page, "item")
    page.get_by_label("Consulent", exact=True).select_option(str(consultant.pk))
    page.get_by_role("button", name="Aannemen", exact=True).click()
    youth = Youth.objects.get()
    page.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/$"))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.TAKEN_ON and youth.consultant == consultant


def _partner_sign_in(page, base_url: str, user) -> None:
    """As sign_in, but a chain partner lands in the partner area instead of Vandaag."""
    page.goto(base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/tweede-stap/"))
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/ketenpartner/$"))


@pytest.fixture
def browser_partner(org):
    from koers.accounts.models import ChainPartner, ChainPartnerKind
    from tests.intake.conftest import make_partner_user

    return make_partner_user(
        "rmc-medewerker", ChainPartner.objects.create(organisation=org, name="RMC", kind=ChainPartnerKind.RMC)
    )
