"""Verwijzingen on /inzicht/: counts per month and partner kind, small numbers hidden, team leads only."""

import pytest

from koers.intake.services import referral_refuse
from tests.conftest import signed_in_client
from tests.intake.conftest import refer


def _cells(text: str) -> str:
    return text[text.find("<tbody") :]


def test_the_team_lead_sees_counts_with_small_ones_hidden(partner_user, other_partner_user, team_lead):
    for number in range(6):
        referral = refer(partner_user, first_name=f"Naam{number}")
        referral_refuse(actor=team_lead, referral_id=referral.pk, reason="Elders in begeleiding.")
    refer(other_partner_user, first_name="Wacht")  # the school's one referral
    text = signed_in_client(team_lead).get("/inzicht/verwijzingen/").text
    body = _cells(text)
    assert "RMC" in body and ">6<" in body  # six not taken on
    assert "school" in body and "&lt; 5" in body  # the school's single one
    assert "Naam0" not in text and "Wacht" not in text


@pytest.mark.parametrize("persona, status", [("consultant", 403), ("admin", 403), ("partner_user", 403)])
def test_others_do_not_open_the_page(persona, status, request):
    assert signed_in_client(request.getfixturevalue(persona)).get("/inzicht/verwijzingen/").status_code == status


def test_another_organisations_referrals_are_not_counted(outsider_partner_user, team_lead):
    refer(outsider_partner_user)
    assert "geen verwijzingen" in signed_in_client(team_lead).get("/inzicht/verwijzingen/").text
