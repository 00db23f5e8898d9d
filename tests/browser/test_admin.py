"""The admin in a real browser: every list's column headers fit (nothing cut off at 1280 px)."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import AccountEvent, AccountEventKind, Role, RoleChange, RoleRequest
from koers.method.models import MethodVersion
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    "accounts/user",
    "accounts/team",
    "accounts/rolerequest",
    "accounts/rolechange",
    "accounts/accountevent",
    "accounts/organisation",
    "method/methodversion",
]


def _sign_in_to_admin(page, base_url: str, user) -> None:
    page.goto(base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/tweede-stap/"))
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_list_headers_are_not_cut_off(live_server, page, admin, consultant, colleague):
    request = dict(organisation=consultant.organisation, requested_by=admin, from_active=True, to_active=True)
    RoleRequest.objects.create(user=consultant, from_role=Role.CONSULTANT, to_role=Role.TEAM_LEAD, **request)
    RoleChange.objects.create(
        organisation=consultant.organisation,
        user=colleague,
        changed_by=admin,
        approved_by=admin,
        from_role=Role.CONSULTANT,
        from_active=True,
        to_role=Role.TEAM_LEAD,
        to_active=True,
    )
    AccountEvent.objects.create(
        organisation=consultant.organisation, user=colleague, kind=AccountEventKind.SECOND_FACTOR_RESET, by=admin
    )
    _sign_in_to_admin(page, live_server.url, admin)
    assert page.get_by_role("link", name="Website bekijken").count() == 0
    for model in LISTS:
        page.goto(f"{live_server.url}/admin/{model}/")
        overflow = page.evaluate(
            """() => {
                const box = document.querySelector('#changelist-form .results');
                const cut = [...document.querySelectorAll('#changelist thead th')]
                    .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.innerText.trim());
                return {scrolls: box ? box.scrollWidth > box.clientWidth + 1 : false, cut};
            }"""
        )
        shot(page, f"30-admin-{model.replace('/', '-')}")
        assert overflow == {"scrolls": False, "cut": []}, (model, overflow)


def test_the_method_version_page_is_accessible(live_server, page, taxonomy, admin):
    version = MethodVersion.objects.get(organisation=admin.organisation)
    _sign_in_to_admin(page, live_server.url, admin)
    page.goto(f"{live_server.url}/admin/method/methodversion/{version.pk}/change/")
    assert page.get_by_text("Denk je aan een korting op de uitkering?").count() >= 1
    shot(page, "31-admin-werkwijze")
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/admin/method/methodversion/")
    page.get_by_role("link", name="Werkwijze aanpassen").click()
    page.get_by_label("Een stap anders verwoorden").check()
    page.locator("#id_step").select_option("follow_up.enforcement_conversation_first")
    page.get_by_label("Nieuwe tekst van de stap").fill("Bespreek een korting altijd eerst persoonlijk.")
    page.get_by_label("Waarom verandert de werkwijze?").fill("Eigen woorden")
    shot(page, "32-admin-werkwijze-aanpassen")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Nieuwe versie maken").click()
    page.wait_for_url(re.compile(r"/methodversion/\d+/change/$"))
    assert page.get_by_text("Versie 2 van de werkwijze is gemaakt.").is_visible()
