"""Routing rules per organisation: who keeps them, the Dutch messages for a team of another
organisation or a rule that exists already, a double submit, and that a rule sends an RMC
referral to its team (and the queue item says which rule)."""

import pytest
from django.core.exceptions import ValidationError

from koers.accounts.models import ChainPartner, ChainPartnerKind, Team
from koers.intake.models import RoutingRule
from koers.intake.services import routing_rule_save
from koers.web.once import ONCE_FIELD, new_key
from tests.conftest import signed_in_client
from tests.intake.conftest import refer

PAGE = "/instroom/routering/"


def _rule(**fields):
    return {"partner_kind": "rmc", "chain_partner": "", ONCE_FIELD: new_key(), **fields}


def test_a_team_lead_adds_a_rule_and_sees_it_in_the_list(team_lead, other_team):
    client = signed_in_client(team_lead)
    response = client.post(PAGE, _rule(team=other_team.pk), follow=True)
    assert "De regel is toegevoegd." in response.text
    rule = RoutingRule.objects.get()
    assert (rule.organisation_id, rule.partner_kind, rule.team_id) == (team_lead.organisation_id, "rmc", other_team.pk)
    body = response.text[response.text.find("<tbody") :]
    assert "RMC (voortijdig schoolverlaten)" in body and "Jongerenteam Zuid" in body


def test_a_routing_rule_sends_an_rmc_referral_to_its_team(
    partner_user, team_lead, consultant, other_team_consultant, other_team, youth, trajectory
):
    signed_in_client(team_lead).post(PAGE, _rule(team=other_team.pk))
    referral = refer(partner_user)
    text = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Zuid Test" in text
    assert "Routeringsregel: verwijzingen van ketenpartners van de soort RMC" in text


def test_a_rule_for_one_partner_beats_the_rule_for_its_kind(
    partner_user, rmc, team, other_team, team_lead, consultant, other_team_consultant
):
    routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=other_team.pk)
    routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=rmc.pk, team_id=team.pk)
    referral = refer(partner_user)
    text = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Consulent Test" in text
    assert "verwijzingen van RMC Fryslân gaan naar Jongerenteam Noord" in text


def test_a_team_of_another_organisation_is_refused(team_lead, other_org):
    elsewhere = Team.objects.create(organisation=other_org, name="Team Elders")
    response = signed_in_client(team_lead).post(PAGE, _rule(team=elsewhere.pk))
    assert response.status_code == 400 and "Kies een team van uw eigen organisatie." in response.text
    assert not RoutingRule.objects.exists()


def test_a_rule_that_exists_already_is_refused(team_lead, team, other_team):
    client = signed_in_client(team_lead)
    client.post(PAGE, _rule(team=team.pk))
    response = client.post(PAGE, _rule(team=other_team.pk))
    assert response.status_code == 400
    assert "Er is al een regel voor de soort RMC (voortijdig schoolverlaten). Wijzig die regel" in response.text
    assert RoutingRule.objects.get().team_id == team.pk


def test_a_partner_of_another_kind_is_refused(team_lead, team, school):
    response = signed_in_client(team_lead).post(PAGE, _rule(team=team.pk, chain_partner=school.pk))
    assert response.status_code == 400 and "Friesland College is geen RMC" in response.text


def test_a_partner_of_another_organisation_is_refused(team_lead, team, other_org):
    elsewhere = ChainPartner.objects.create(organisation=other_org, name="RMC Elders", kind=ChainPartnerKind.RMC)
    with pytest.raises(ValidationError) as refused:
        routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=elsewhere.pk, team_id=team.pk)
    assert "chain_partner" in refused.value.message_dict


def test_an_empty_form_says_what_to_choose(team_lead):
    response = signed_in_client(team_lead).post(PAGE, {"partner_kind": "", "team": "", ONCE_FIELD: new_key()})
    assert (
        "Kies de soort ketenpartner." in response.text
        and "Kies het team dat deze verwijzingen krijgt." in response.text
    )


def test_sending_the_form_twice_makes_one_rule(team_lead, team):
    client = signed_in_client(team_lead)
    data = _rule(team=team.pk)
    client.post(PAGE, data)
    response = client.post(PAGE, data, follow=True)
    assert RoutingRule.objects.count() == 1 and "één keer opgeslagen" in response.text


def test_a_rule_is_changed_and_removed(team_lead, team, other_team):
    rule = routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=team.pk)
    client = signed_in_client(team_lead)
    assert "selected>Jongerenteam Noord" in client.get(f"{PAGE}{rule.pk}/").text
    response = client.post(f"{PAGE}{rule.pk}/", _rule(partner_kind="uwv", team=other_team.pk), follow=True)
    assert "De regel is gewijzigd." in response.text
    rule.refresh_from_db()
    assert (rule.partner_kind, rule.team_id) == ("uwv", other_team.pk)
    key = new_key()
    client.post(f"{PAGE}{rule.pk}/verwijderen/", {ONCE_FIELD: key})
    again = client.post(f"{PAGE}{rule.pk}/verwijderen/", {ONCE_FIELD: key}, follow=True)  # a double click
    assert again.status_code == 200 and not RoutingRule.objects.exists()
    assert "Er zijn nog geen regels." in again.text


def test_a_changed_rule_may_not_copy_another(team_lead, team, other_team):
    routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=team.pk)
    uwv = routing_rule_save(actor=team_lead, partner_kind="uwv", chain_partner_id=None, team_id=team.pk)
    response = signed_in_client(team_lead).post(f"{PAGE}{uwv.pk}/", _rule(partner_kind="rmc", team=other_team.pk))
    assert response.status_code == 400 and "Er is al een regel" in response.text


@pytest.mark.parametrize("persona, status", [("team_lead", 200), ("admin", 200), ("consultant", 403)])
def test_team_leads_and_functional_administrators_keep_the_rules(persona, status, request):
    assert signed_in_client(request.getfixturevalue(persona)).get(PAGE).status_code == status


def test_a_consultant_cannot_add_or_remove_a_rule(consultant, team_lead, team):
    rule = routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=team.pk)
    client = signed_in_client(consultant)
    assert client.post(PAGE, _rule(partner_kind="uwv", team=team.pk)).status_code == 403
    assert client.post(f"{PAGE}{rule.pk}/verwijderen/", {ONCE_FIELD: new_key()}).status_code == 403
    assert RoutingRule.objects.count() == 1


def test_a_partner_does_not_open_the_page(partner_user):
    assert signed_in_client(partner_user).get(PAGE).status_code == 403


def test_another_organisation_does_not_see_or_touch_the_rules(team_lead, team, outsider):
    rule = routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=team.pk)
    client = signed_in_client(outsider)
    assert "Jongerenteam Noord" not in client.get(PAGE).text
    assert client.get(f"{PAGE}{rule.pk}/").status_code == 404
    client.post(f"{PAGE}{rule.pk}/verwijderen/", {ONCE_FIELD: new_key()})
    assert RoutingRule.objects.filter(pk=rule.pk).exists()


@pytest.mark.parametrize("count", [1, 6])
def test_the_pages_run_a_fixed_number_of_queries(count, team_lead, team, org, django_assert_max_num_queries):
    kinds = list(ChainPartnerKind.values)
    for number in range(count):
        partner = ChainPartner.objects.create(organisation=org, name=f"Partner {number}", kind=kinds[number])
        routing_rule_save(actor=team_lead, partner_kind=partner.kind, chain_partner_id=partner.pk, team_id=team.pk)
    rule = RoutingRule.objects.first()
    client = signed_in_client(team_lead)
    client.get(PAGE)  # session warmed up
    for path in (PAGE, f"{PAGE}{rule.pk}/"):
        with django_assert_max_num_queries(9):
            assert client.get(path).status_code == 200


def test_the_django_admin_shows_the_rules_but_writes_none(admin, team_lead, team, rmc):
    routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=team.pk)
    client = signed_in_client(admin)
    assert client.get("/admin/intake/routingrule/").status_code == 200
    assert client.get("/admin/intake/routingrule/add/").status_code == 403
    before = RoutingRule.objects.count()
    client.post("/admin/intake/routingrule/add/", {"partner_kind": "rmc", "team": team.pk})
    assert RoutingRule.objects.count() == before


def test_the_database_holds_one_rule_per_kind_and_per_partner(org, team, other_team, rmc):
    from django.db import IntegrityError, transaction

    RoutingRule.objects.create(organisation=org, partner_kind="rmc", team=team)
    RoutingRule.objects.create(organisation=org, partner_kind="rmc", chain_partner=rmc, team=team)
    for extra in ({}, {"chain_partner": rmc}):
        with pytest.raises(IntegrityError), transaction.atomic():
            RoutingRule.objects.create(organisation=org, partner_kind="rmc", team=other_team, **extra)
