"""Rollen in a real browser: a team lead approves an administrator's request; the page is accessible."""

import re

import pytest

from koers.accounts.models import Role, RoleChange, RoleRequest
from koers.accounts.passwords import password_link_send
from koers.accounts.services import access_of, account_state, second_factor_reset, staff_save
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_lead_approves_a_request(live_server, page, admin, team_lead, colleague):
    RoleRequest.objects.create(
        organisation=colleague.organisation,
        user=colleague,
        requested_by=admin,
        from_role=Role.CONSULTANT,
        from_active=True,
        to_role=Role.TEAM_LEAD,
        to_active=True,
        from_team=colleague.team,
        to_team=colleague.team,
        account_state=account_state(colleague),
    )
    sign_in(page, live_server.url, team_lead)
    page.get_by_role("link", name="Rollen").click()
    page.wait_for_url(re.compile(r"/rollen/$"))
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.get_by_text("Goedgekeurd: de nieuwe rol geldt nu.").is_visible()
    assert page.get_by_text("Er wachten geen aanvragen.").is_visible()
    shot(page, "20-rollen")
    assert_no_serious_axe_violations(page)
    colleague.refresh_from_db()
    assert colleague.role == Role.TEAM_LEAD
    assert RoleChange.objects.get(user=colleague).approved_by == team_lead


def test_rollen_shows_the_approver_what_changed_on_the_account(live_server, page, admin, team_lead, colleague):
    """The takeover's steps, as an administrator would take them, and what the team lead then sees."""
    colleague.email = "collega@gemeente.example"
    colleague.save()
    for changes in ({"role": Role.FUNCTIONAL_ADMIN}, {"email": "beheer@example.org"}):
        stored = type(colleague).objects.get(pk=colleague.pk)
        old, old_email = access_of(stored), stored.email
        for name, value in changes.items():
            setattr(stored, name, value)
        staff_save(actor=admin, user=stored, old=old, old_email=old_email)
    password_link_send(actor=admin, user_id=colleague.pk)
    second_factor_reset(actor=admin, user_id=colleague.pk)
    stored = type(colleague).objects.get(pk=colleague.pk)
    old = access_of(stored)
    stored.role = Role.CONSULTANT
    staff_save(actor=admin, user=stored, old=old, old_email=stored.email)

    sign_in(page, live_server.url, team_lead)
    page.goto(live_server.url + "/rollen/")
    request = page.locator("[id^=request-]")
    changes = request.locator(".koers-account-changes li")
    assert changes.count() == 4
    text = changes.all_inner_texts()
    assert any("tweede stap opnieuw ingesteld" in line and "Beheerder Test" in line for line in text), text
    assert any("e-mailadres gewijzigd" in line for line in text), text
    assert any("link gestuurd om een wachtwoord in te stellen" in line for line in text), text
    assert any("rol: consulent → functioneel beheerder" in line for line in text), text
    assert request.get_by_text("heeft nog nooit ingelogd").is_visible()
    shot(page, "21-rollen-wijzigingen")
    assert_no_serious_axe_violations(page)
