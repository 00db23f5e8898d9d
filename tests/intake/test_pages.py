"""The partner area and the intake queue as their users see them: who may open what, the form's
messages, the receipt, a double submit, the distribution, and a fixed number of queries."""

import pytest
from django.utils import timezone

from koers.intake.models import ConsultantSpecialism, Referral, ReferralStatus, RoutingRule, Specialism
from koers.trajectories.models import Youth
from koers.web.once import ONCE_FIELD, new_key
from tests.conftest import signed_in_client
from tests.intake.conftest import age_exactly, refer


def _form(**overrides):
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "birth_date": age_exactly(19).isoformat(),
        "phone": "0612345678",
        "email": "",
        "reason": "Gestopt met school.",
        "partner_action": "",
        "basis": "participatiewet",
        ONCE_FIELD: new_key(),
    }
    data.update(overrides)
    return data


def test_a_partner_refers_a_youth_and_gets_a_receipt_with_a_reference(partner_user):
    client = signed_in_client(partner_user)
    response = client.post("/ketenpartner/verwijzen/", _form(), follow=True)
    referral = Referral.objects.get()
    assert response.status_code == 200
    assert "Verwijzing ontvangen" in response.text and referral.reference in response.text


def test_sending_the_form_twice_makes_one_referral(partner_user):
    client = signed_in_client(partner_user)
    data = _form()
    client.post("/ketenpartner/verwijzen/", data)
    response = client.post("/ketenpartner/verwijzen/", data, follow=True)
    assert Referral.objects.count() == 1
    assert "één keer opgeslagen" in response.text


def test_the_form_says_what_to_fix_in_dutch(partner_user):
    client = signed_in_client(partner_user)
    response = client.post(
        "/ketenpartner/verwijzen/",
        _form(birth_date=age_exactly(17).isoformat(), phone="", basis="consent"),
    )
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "minstens 17 jaar en 9 maanden" in response.text
    assert "telefoonnummer of een e-mailadres" in response.text
    assert "Vul in wie toestemming gaf" in response.text
    assert 'value="Sanne"' in response.text  # what was typed stays


def test_the_partner_list_shows_only_their_own_referrals_with_the_reason(partner_user, other_partner_user, team_lead):
    own = refer(partner_user, first_name="Eigen")
    refer(other_partner_user, first_name="Vreemd")
    from koers.intake.services import referral_refuse

    referral_refuse(actor=team_lead, referral_id=own.pk, reason="Woont elders.")
    text = signed_in_client(partner_user).get("/ketenpartner/").text
    assert "Eigen" in text and "Woont elders." in text and "niet aangenomen" in text
    assert "Vreemd" not in text


@pytest.mark.parametrize("persona", ["consultant", "team_lead", "admin"])
def test_staff_do_not_open_the_partner_area(persona, request):
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get("/ketenpartner/").status_code == 403
    assert client.get("/ketenpartner/verwijzen/").status_code == 403


def test_a_partner_of_another_organisation_does_not_see_the_referral(referral, outsider_partner_user):
    client = signed_in_client(outsider_partner_user)
    assert client.get(f"/ketenpartner/verwijzingen/{referral.pk}/").status_code == 404
    assert "Sanne" not in client.get("/ketenpartner/").text


def test_signing_in_as_a_partner_lands_in_the_partner_area(partner_user):
    response = signed_in_client(partner_user).get("/")
    assert response.status_code == 302 and response["Location"] == "/ketenpartner/"


# The intake queue


@pytest.mark.parametrize("persona, status", [("team_lead", 200), ("consultant", 403), ("admin", 403)])
def test_only_a_team_lead_opens_the_queue(referral, persona, status, request):
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get("/instroom/").status_code == status
    assert client.get(f"/instroom/{referral.pk}/").status_code == status


def test_a_team_lead_of_another_organisation_does_not_find_the_item(referral, outsider):
    client = signed_in_client(outsider)
    assert "Sanne" not in client.get("/instroom/").text
    assert client.get(f"/instroom/{referral.pk}/").status_code == 404


def test_the_queue_suggests_the_consultant_with_the_matching_specialism(
    partner_user, team_lead, consultant, colleague, trajectory
):
    ConsultantSpecialism.objects.create(consultant=consultant, specialism=Specialism.DEBT)
    referral = refer(partner_user, needs=["debt"])
    text = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Consulent Test" in text, text[text.find("Voorstel") :][:300]
    assert "pecialisme: schulden" in text


def test_without_specialism_the_smallest_weighted_caseload_is_suggested(
    partner_user, team_lead, consultant, colleague, trajectory
):
    referral = refer(partner_user)  # the consultant has a youth, the colleague none
    text = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Collega Test" in text and "kleinste gewogen caseload" in text


def test_a_routing_rule_sends_rmc_referrals_to_its_team(
    partner_user, team_lead, consultant, other_team_consultant, other_team, trajectory
):
    RoutingRule.objects.create(organisation=team_lead.organisation, partner_kind="rmc", team=other_team)
    referral = refer(partner_user)
    text = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Zuid Test" in text and "Jongerenteam Zuid" in text


def test_taking_on_opens_the_new_file(referral, team_lead, consultant):
    client = signed_in_client(team_lead)
    response = client.post(f"/instroom/{referral.pk}/aannemen/", {"consultant": consultant.pk, ONCE_FIELD: new_key()})
    youth = Youth.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jongeren/{youth.pk}/"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.TAKEN_ON


def test_a_possible_duplicate_is_shown_with_a_link_to_the_file(youth, partner_user, team_lead, consultant):
    referral = refer(partner_user, first_name=youth.first_name, last_name=youth.last_name, birth_date=youth.birth_date)
    client = signed_in_client(team_lead)
    assert f'href="/jongeren/{youth.pk}/"' in client.get(f"/instroom/{referral.pk}/").text
    response = client.post(f"/instroom/{referral.pk}/aannemen/", {"consultant": consultant.pk, ONCE_FIELD: new_key()})
    assert response.status_code == 409 and Youth.objects.count() == 1
    assert "Er is al een jongere met deze naam" in response.text


def test_refusing_without_a_reason_says_what_to_do(referral, team_lead):
    response = signed_in_client(team_lead).post(f"/instroom/{referral.pk}/niet-aannemen/", {"refusal_reason": ""})
    assert response.status_code == 400 and "Schrijf op waarom" in response.text


def test_refusing_shows_the_reason_to_the_partner(referral, team_lead, partner_user):
    signed_in_client(team_lead).post(
        f"/instroom/{referral.pk}/niet-aannemen/", {"refusal_reason": "Al in begeleiding.", ONCE_FIELD: new_key()}
    )
    text = signed_in_client(partner_user).get(f"/ketenpartner/verwijzingen/{referral.pk}/").text
    assert "Al in begeleiding." in text and "niet aangenomen" in text


# Queries: the same whatever the number of referrals or consultants.


def _many_referrals(partner_user, count):
    for number in range(count):
        refer(partner_user, first_name=f"Naam{number}")


@pytest.mark.parametrize("count", [1, 12])
def test_the_pages_run_a_fixed_number_of_queries(
    count, partner_user, team_lead, consultant, colleague, trajectory, django_assert_max_num_queries
):
    _many_referrals(partner_user, count)
    referral = Referral.objects.order_by("pk").first()
    lead, partner = signed_in_client(team_lead), signed_in_client(partner_user)
    lead.get("/instroom/"), partner.get("/ketenpartner/")  # sessions warmed up
    for client, path, most in (
        (lead, "/instroom/", 12),
        (lead, f"/instroom/{referral.pk}/", 18),
        (partner, "/ketenpartner/", 12),
        (partner, f"/ketenpartner/verwijzingen/{referral.pk}/", 12),
        (partner, "/ketenpartner/verwijzen/", 12),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(path).status_code == 200
    assert timezone.localdate()
