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


@pytest.mark.django_db
def test_own_registrations_and_call_backs_are_counted_by_their_origin(team_lead, org):
    from koers.intake.services.public import callback_request_submit, self_registration_submit
    from tests.intake.conftest import age_exactly

    for number in range(5):
        self_registration_submit(
            organisation_id=org.pk,
            first_name=f"Zelf{number}",
            last_name="Bakker",
            birth_date=age_exactly(19),
            phone="0611122233",
            reason="Ik zoek werk.",
        )
    callback_request_submit(organisation_id=org.pk, first_name="Bel", phone="0699988877")
    org.intake_email_check = True
    org.save(update_fields=["intake_email_check"])
    self_registration_submit(  # waits for its e-mail check: maybe nobody's, so not counted
        organisation_id=org.pk,
        first_name="Onbevestigd",
        last_name="Jansen",
        birth_date=age_exactly(20),
        email="onbevestigd@example.org",
        reason="Werk.",
    )
    text = signed_in_client(team_lead).get("/inzicht/verwijzingen/").text
    assert "zelf aangemeld" in _cells(text) and "terugbelverzoek" in _cells(text)
    own = _cells(text).split("zelf aangemeld")[1].split("</tr>")[0]
    assert 'data-label="Totaal">5<' in own  # the unchecked one is left out
    callback = _cells(text).split("terugbelverzoek")[1].split("</tr>")[0]
    assert "&lt; 5" in callback
    assert "Zelf0" not in text and ">Bel<" not in text and "Onbevestigd" not in text
