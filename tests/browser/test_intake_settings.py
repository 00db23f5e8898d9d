"""The intake's settings and the work insights in a real browser: a consultant records their
specialisms, the team lead adds a routing rule and sets a consultant's specialisms, and opens
Werk en werkgevers. Each page at 1280 and 360 px: no sideways scroll, no serious axe finding."""

import re

import pytest

from koers.accounts.models import ChainPartner, ChainPartnerKind
from koers.intake.models import ConsultantSpecialism, RoutingRule
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_both_widths(page, name: str) -> None:
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, width)
        assert_no_serious_axe_violations(page)
        shot(page, f"71-intake-settings-{name}-{width}")


def test_specialisms_routing_and_work_insights(live_server, page, org, consultant, other_team_consultant, team_lead):
    ChainPartner.objects.create(organisation=org, name="RMC Fryslân", kind=ChainPartnerKind.RMC)

    sign_in(page, live_server.url, consultant)
    page.get_by_role("link", name="Consulent Test").click()  # the name in the header: own settings
    assert page.get_by_role("heading", name="Mijn specialismen").is_visible()
    page.get_by_label("schulden").check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Uw specialismen zijn opgeslagen.").is_visible()
    assert set(ConsultantSpecialism.objects.values_list("specialism", flat=True)) == {"debt"}
    _check_both_widths(page, "own")
    page.get_by_role("button", name="Uitloggen").click()

    sign_in(page, live_server.url, team_lead)
    page.get_by_role("link", name="Instroom").click()
    page.get_by_role("link", name="Routering").click()
    page.get_by_label("Verwijzingen van").select_option("rmc")
    page.get_by_label("Gaan naar team").select_option(label="Jongerenteam Zuid")
    page.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_text("De regel is toegevoegd.").is_visible()
    assert RoutingRule.objects.get().team.name == "Jongerenteam Zuid"
    _check_both_widths(page, "routing")
    page.get_by_label("Verwijzingen van").select_option("rmc")  # the same rule again: refused in Dutch
    page.get_by_label("Gaan naar team").select_option(label="Jongerenteam Noord")
    page.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_text(re.compile("Er is al een regel voor de soort RMC")).first.is_visible()
    _check_both_widths(page, "routing-error")
    page.get_by_role("link", name=re.compile("^Wijzigen")).click()
    _check_both_widths(page, "routing-edit")

    page.goto(live_server.url + "/instroom/specialismen/")
    _check_both_widths(page, "team")
    page.get_by_role("link", name="Wijzigen (Zuid Test)").click()
    page.get_by_label("wonen en dakloosheid").check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De specialismen van Zuid Test zijn opgeslagen.").is_visible()
    assert ConsultantSpecialism.objects.filter(consultant=other_team_consultant, specialism="housing").exists()
    page.goto(live_server.url + f"/instroom/specialismen/{other_team_consultant.pk}/")
    _check_both_widths(page, "team-edit")

    page.goto(live_server.url + "/inzicht/")
    page.get_by_role("link", name="Werk en werkgevers").click()
    assert page.get_by_role("heading", name="Kennismakingen met werkgevers").is_visible()
    _check_both_widths(page, "work-insights")
