"""The rules of a referral, in the service (the page and the API show the same messages)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.intake.models import ReferralStatus, ReferralStatusChange
from tests.intake.conftest import age_exactly, refer


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_referral_is_received_with_a_reference_and_its_first_status(partner_user, rmc):
    referral = refer(partner_user)
    assert referral.status == ReferralStatus.RECEIVED
    assert referral.chain_partner == rmc
    assert referral.reference.startswith("VW-") and "Sanne" not in referral.reference
    assert list(ReferralStatusChange.objects.filter(referral=referral).values_list("status", flat=True)) == ["received"]


def test_17_years_and_9_months_is_old_enough_and_a_day_less_is_not(partner_user):
    assert refer(partner_user, birth_date=age_exactly(17, 9)).pk
    errors = _errors(lambda: refer(partner_user, birth_date=age_exactly(17, 9) + dt.timedelta(days=1)))
    assert errors["birth_date"] == ["De jongere moet minstens 17 jaar en 9 maanden oud zijn."]


def test_27_is_still_possible_and_28_is_not(partner_user):
    assert refer(partner_user, birth_date=age_exactly(28) + dt.timedelta(days=1)).pk  # 27 years and 364 days
    errors = _errors(lambda: refer(partner_user, birth_date=age_exactly(28)))
    assert errors["birth_date"] == ["Koers is voor jongeren tot en met 27 jaar."]


def test_a_youth_without_phone_or_email_cannot_be_reached(partner_user):
    errors = _errors(lambda: refer(partner_user, phone="", email=""))
    assert "telefoonnummer of een e-mailadres" in errors["phone"][0]


def test_a_basis_that_needs_consent_is_refused_without_it(partner_user):
    errors = _errors(lambda: refer(partner_user, basis_code="consent", consent=None))
    assert set(errors) == {"consent_given_by", "consent_given_on", "consent_how"}
    referral = refer(
        partner_user,
        basis_code="consent",
        consent={"given_by": "de jongere", "given_on": age_exactly(0), "how": "mondeling"},
    )
    assert referral.consent_how == "mondeling"


def test_every_wrong_field_is_reported_at_once(partner_user):
    errors = _errors(lambda: refer(partner_user, birth_date=age_exactly(30), phone="", reason="", basis_code="nee"))
    assert {"birth_date", "phone", "reason", "basis"} <= set(errors)


def test_staff_cannot_refer_through_the_partner_service(team_lead):
    with pytest.raises(PermissionDenied):
        refer(team_lead)


def test_an_organisation_starts_with_the_default_bases(org):
    codes = set(org.referral_bases.values_list("code", flat=True))
    assert {"participatiewet", "rmc", "consent"} <= codes
    assert org.referral_bases.get(code="consent").needs_consent


def test_a_toolbox_partner_name_links_to_the_chain_partner(org, rmc, other_org):
    from koers.intake.selectors.partners import chain_partners_named

    found = chain_partners_named(organisation_id=org.pk, names=["rmc  fryslân", "Humanitas"])
    assert found == {"rmc  fryslân": rmc}
    assert chain_partners_named(organisation_id=other_org.pk, names=["RMC Fryslân"]) == {}
