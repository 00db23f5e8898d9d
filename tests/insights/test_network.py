"""Lerend netwerk: organisations that joined see each other's numbers — no persons, counts of
fewer than five youths hidden (also a second cell where a total would give one away), on the page
and in the API alike."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.accounts.models import Organisation, Role, Team
from koers.insights.services import practice_counts_fill
from tests.conftest import make_user
from tests.insights.test_practice import _contact, _youth

NETWORK = reverse("insights_network")


def _join(*organisations):
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).update(in_learning_network=True)


def _consultant_of(organisation, name):
    return make_user(
        name, organisation, Role.CONSULTANT, team=Team.objects.create(organisation=organisation, name=name)
    )


def _youths(consultant, n, contacts_each=1):
    for i in range(n):
        _name, trajectory = _youth(consultant, f"{consultant.username}{i}")
        for day in range(contacts_each):
            _contact(consultant, trajectory, 30 - day, ["trust_personal_attention"])


def test_members_see_each_other_with_small_cells_hidden(consultant, team_lead, org, other_org, as_user):
    elsewhere = _consultant_of(other_org, "elders")
    third = Organisation.objects.create(name="Gemeente Derde")
    outside = _consultant_of(Organisation.objects.create(name="Gemeente Buiten"), "buiten")
    _youths(consultant, 8)
    _youths(elsewhere, 2, contacts_each=3)
    _youths(_consultant_of(third, "derde"), 6)
    _youths(outside, 6)
    practice_counts_fill()
    _join(org, other_org, third)

    response = as_user(team_lead).get(NETWORK)
    assert response.status_code == 200
    columns = {column.name: column for column in response.context["network"].columns}
    assert set(columns) == {org.name, other_org.name, third.name}  # not the organisation that did not join
    search = 2  # registration, invited, search period, ...
    assert columns[org.name].open_by_phase[search] == 8 and columns[org.name].is_own
    # Two youths: hidden, and so is the next smallest of the phase (6), or 16 - 8 - 6 would tell.
    assert columns[other_org.name].open_by_phase[search] is None
    assert columns[third.name].open_by_phase[search] is None
    assert columns[other_org.name].open_total is None
    assert columns[third.name].open_total == 6  # the phase's cell is hidden, the organisation's total is not small
    assert columns[other_org.name].contacts == 6
    page = response.content.decode()
    assert "&lt; 5" in page
    assert consultant.get_full_name() not in page and "Noor" not in page


def test_the_api_hides_the_same_cells(team_lead, consultant, org, other_org, api):
    elsewhere = _consultant_of(other_org, "elders")
    _youths(consultant, 6)
    _youths(elsewhere, 2)
    practice_counts_fill()
    _join(org, other_org)
    body = api(team_lead).get("/insights/learning-network").json()
    by_name = {item["name"]: item for item in body["organisations"]}
    # With two organisations, the 6 is hidden too: the phase's total minus it would give the 2.
    assert by_name[org.name]["open_trajectories_by_phase"]["search_period"] is None
    assert by_name[org.name]["open_trajectories"] == 6
    assert by_name[other_org.name]["open_trajectories_by_phase"]["search_period"] is None
    assert by_name[other_org.name]["open_trajectories"] is None
    assert by_name[org.name]["element_shares"]["trust_personal_attention"] == 1.0
    assert by_name[other_org.name]["element_shares"]["trust_personal_attention"] is None  # 2 contacts
    assert api(consultant).get("/insights/learning-network").status_code == 403


def test_only_team_leads_of_members_may_look(consultant, team_lead, admin, outsider, org, other_org, as_user):
    assert as_user(team_lead).get(NETWORK).status_code == 403  # not joined yet
    _join(org)
    assert as_user(team_lead).get(NETWORK).status_code == 200
    assert as_user(consultant).get(NETWORK).status_code == 403
    assert as_user(admin).get(NETWORK).status_code == 403
    assert as_user(outsider).get(NETWORK).status_code == 403  # the other organisation did not join
    assert "Lerend netwerk" in as_user(team_lead).get(reverse("insights")).content.decode()
    assert "Lerend netwerk" not in as_user(consultant).get(reverse("insights")).content.decode()


def test_the_page_costs_the_same_with_more_organisations_and_contacts(team_lead, consultant, org, as_user):
    _youths(consultant, 1)
    practice_counts_fill()
    _join(org)
    client = as_user(team_lead)
    client.get(NETWORK)

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(NETWORK).status_code == 200
        return len(queries)

    small = cost()
    for i in range(3):
        other = Organisation.objects.create(name=f"Gemeente {i}")
        _youths(_consultant_of(other, f"c{i}"), 3, contacts_each=2)
        _join(other)
    practice_counts_fill()
    assert cost() == small
