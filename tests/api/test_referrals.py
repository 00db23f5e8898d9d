# ruff: noqa: F401, F811 - the intake fixtures are imported to be used here, by name, as arguments
"""The referral API for a chain partner's system: bases, a referral with Dutch messages per field,
the partner's own referrals only, and staff refused."""

import pytest

from koers.intake.models import Referral
from tests.intake.conftest import (  # noqa: F401
    age_exactly,
    other_partner_user,
    outsider_partner_user,
    partner_user,
    refer,
    rmc,
    school,
)


def _body(**overrides):
    body = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "birth_date": age_exactly(19).isoformat(),
        "phone": "0612345678",
        "reason": "Gestopt met school.",
        "partner_action": "Gesprek gehad.",
        "basis": "participatiewet",
        "consent": None,
    }
    body.update(overrides)
    return body


def test_the_bases_of_the_organisation(api, partner_user):
    response = api(partner_user).get("/referral-bases")
    assert response.status_code == 200
    codes = {row["code"]: row["needs_consent"] for row in response.json()}
    assert codes["participatiewet"] is False and codes["consent"] is True


def test_a_referral_is_created_with_its_reference(api, partner_user):
    response = api(partner_user).post("/referrals", _body())
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received" and body["reference"] == Referral.objects.get().reference


def test_a_repeated_post_with_the_same_key_makes_one_referral(api, partner_user):
    client = api(partner_user)
    first = client.post("/referrals", _body(), headers={"Idempotency-Key": "verwijzing-1"})
    second = client.post("/referrals", _body(), headers={"Idempotency-Key": "verwijzing-1"})
    assert first.json() == second.json() and Referral.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"birth_date": age_exactly(17, 8).isoformat()}, "birth_date", "minstens 17 jaar en 9 maanden"),
        ({"birth_date": age_exactly(28).isoformat()}, "birth_date", "tot en met 27 jaar"),
        ({"phone": "", "email": ""}, "phone", "telefoonnummer of een e-mailadres"),
        ({"basis": "consent"}, "consent.given_by", "vraagt toestemming"),
    ],
)
def test_refused_referrals_say_why_per_field(api, partner_user, overrides, field, message):
    response = api(partner_user).post("/referrals", _body(**overrides))
    assert response.status_code == 422
    assert message in response.json()["errors"][field][0]
    assert not Referral.objects.exists()


def test_consent_makes_the_consent_basis_possible(api, partner_user, today):
    consent = {"given_by": "de jongere", "given_on": today.isoformat(), "how": "mondeling"}
    assert api(partner_user).post("/referrals", _body(basis="consent", consent=consent)).status_code == 201


def test_a_partner_lists_and_reads_only_their_own(api, partner_user, other_partner_user, outsider_partner_user):  # noqa: F811
    own = refer(partner_user)
    theirs = refer(other_partner_user, first_name="Ander")
    client = api(partner_user)
    assert [row["id"] for row in client.get("/referrals").json()] == [own.pk]
    assert client.get(f"/referrals/{own.pk}").status_code == 200
    assert client.get(f"/referrals/{theirs.pk}").status_code == 404
    assert api(outsider_partner_user).get(f"/referrals/{own.pk}").status_code == 404


@pytest.mark.parametrize("persona", ["consultant", "team_lead", "admin"])
def test_staff_cannot_post_or_list_referrals(api, persona, request):
    client = api(request.getfixturevalue(persona))
    assert client.post("/referrals", _body()).status_code == 403
    assert client.get("/referrals").status_code == 403


def test_a_partner_token_opens_no_youth(api, partner_user, youth):
    client = api(partner_user)
    assert client.get("/youths").status_code == 403
    assert client.get(f"/youths/{youth.pk}").status_code == 403
    assert client.get("/method").status_code == 403
