"""Rollen in a real browser: a team lead approves an administrator's request; the page is accessible."""

import re

import pytest

from koers.accounts.models import Role, RoleChange, RoleRequest
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
