# ruff: noqa: F401, F811 - fixtures are imported to be used here, by name, as arguments
"""The price list page (/instellingen/prijslijst/): the shipped list put in place on the first
visit, kept by team leads and functional administrators, read by consultants; Dutch messages per
field; another organisation's prices out of reach; a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from koers.accounts.models import Role
from koers.impact import defaults
from koers.impact.models import PriceItem
from koers.impact.services import price_list_seed
from tests.conftest import make_user
from tests.intake.conftest import partner_user, rmc

pytestmark = pytest.mark.django_db

URL = "/instellingen/prijslijst/"
NEW = {
    "name": "Dagbesteding",
    "unit": "month",
    "low": "1.250,50",
    "high": "1800",
    "payer": "municipality",
    "source": "Inkoopafspraken 2024",
    "source_year": "2024",
    "source_url": "https://www.example.org/prijzen",
    "note": "",
}


def test_the_first_visit_puts_the_shipped_list_in_place_once(as_user, team_lead, org):
    client = as_user(team_lead)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Behandeling verslaving" in text and "meegeleverd" in text
    assert '€\u00a01.400,00</span> – <span class="koers-nowrap">€\u00a013.000,00' in text
    assert "(2021)" in text  # the source's year
    client.get(URL)
    assert PriceItem.objects.filter(organisation=org).count() == len(defaults.PRICE_LIST)


def test_a_team_lead_adds_a_price_written_the_dutch_way(as_user, team_lead, org):
    client = as_user(team_lead)
    response = client.post(URL, NEW, follow=True)
    assert "De prijs is toegevoegd." in response.content.decode()
    item = PriceItem.objects.get(organisation=org, name="Dagbesteding")
    assert (item.unit, item.low, item.high, item.source_year, item.shipped) == (
        "month",
        Decimal("1250.50"),
        Decimal("1800.00"),
        2024,
        False,
    )
    assert "Dagbesteding" in client.get(URL).content.decode()


def test_a_refused_form_says_per_field_what_to_fix(as_user, admin, org):
    response = as_user(admin).post(URL, {**NEW, "name": "", "low": "veel", "unit": "", "source_year": "3000"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Vul een naam in." in text
    assert "Vul een bedrag in euro in" in text
    assert "Kies of het bedrag eenmalig, per maand of per jaar is." in text
    assert "Dit jaar ligt in de toekomst." in text
    assert not PriceItem.objects.filter(organisation=org, name="Dagbesteding").exists()


def test_a_high_below_its_low_and_a_missing_source_are_kept_and_flagged(as_user, team_lead, org):
    client = as_user(team_lead)
    client.post(URL, {**NEW, "low": "2000", "high": "1000", "source": "", "source_year": ""})
    assert PriceItem.objects.filter(organisation=org, name="Dagbesteding").exists()
    text = client.get(URL).content.decode()
    assert "het hoge bedrag is lager dan het lage bedrag" in text
    assert "er staat geen bron bij" in text


def test_a_functional_administrator_edits_a_shipped_price_which_is_then_their_own(as_user, admin, org):
    price_list_seed(org)
    item = PriceItem.objects.get(organisation=org, name="Behandeling verslaving")
    client = as_user(admin)
    form = client.get(reverse("price_item_edit", args=[item.pk]))
    assert form.status_code == 200
    assert 'value="1400,00"' in form.content.decode()
    response = client.post(reverse("price_item_edit", args=[item.pk]), {**NEW, "name": item.name})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.unit, item.low, item.shipped) == ("month", Decimal("1250.50"), False)


def test_a_consultant_reads_the_list_without_the_forms(as_user, consultant, org):
    client = as_user(consultant)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Behandeling verslaving" in text
    assert "Prijs toevoegen" not in text and "Wijzigen" not in text
    assert client.post(URL, NEW).status_code == 403
    item = PriceItem.objects.filter(organisation=org).first()
    assert client.get(reverse("price_item_edit", args=[item.pk])).status_code == 403
    assert not PriceItem.objects.filter(name="Dagbesteding").exists()


def test_researchers_and_chain_partners_do_not_see_it(as_user, org, partner_user):
    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    for user in (researcher, partner_user):
        assert as_user(user).get(URL).status_code == 403
    assert not PriceItem.objects.exists()


def test_another_organisations_price_is_not_found_nor_changed(as_user, team_lead, outsider, org, other_org):
    price_list_seed(org)
    item = PriceItem.objects.filter(organisation=org).first()
    client = as_user(outsider)
    assert client.get(reverse("price_item_edit", args=[item.pk])).status_code == 404
    assert client.post(reverse("price_item_edit", args=[item.pk]), NEW).status_code == 404
    item.refresh_from_db()
    assert item.shipped and item.name != "Dagbesteding"
    # The outsider's own list is their organisation's, not ours.
    assert "Dagbesteding" not in client.get(URL).content.decode()
    assert PriceItem.objects.filter(organisation=other_org).count() == len(defaults.PRICE_LIST)


def test_the_page_takes_as_many_queries_for_a_longer_list(as_user, team_lead, org, django_assert_max_num_queries):
    client = as_user(team_lead)
    client.get(URL)  # puts the shipped list in place
    with django_assert_max_num_queries(12) as short:
        client.get(URL)
    for number in range(20):
        PriceItem.objects.create(
            organisation=org, name=f"Post {number}", unit="once", low=1, high=2, payer="other", source="x"
        )
    with django_assert_max_num_queries(len(short.captured_queries)):
        assert client.get(URL).status_code == 200


def test_a_functional_administrator_finds_the_price_list_and_routing_in_the_menu(admin):
    from tests.conftest import signed_in_client as client_of

    page = client_of(admin).get("/instellingen/prijslijst/").text
    menu = page[page.find('aria-label="Hoofdmenu"') : page.find("</nav>")]
    assert 'href="/instellingen/prijslijst/"' in menu and 'href="/instroom/routering/"' in menu
