"""Teamprofiel: per consultant of a team the share of their contacts with each working element;
named only to themselves and, when they agree, to their team; otherwise a letter; small cells hidden."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.accounts.models import Role, Team
from koers.insights.models import InsightSharing
from koers.insights.selectors.team_profile import _order_key
from koers.insights.services import practice_counts_fill
from tests.conftest import make_user
from tests.insights.test_practice import _contact, _youth

PROFILE = reverse("insights_team_profile")


def _work(consultant, contacts=6, codes=("trust_personal_attention",), name="Noor"):
    _youth_, trajectory = _youth(consultant, name)
    for i in range(contacts):
        _contact(consultant, trajectory, 40 - i, codes)
    return trajectory


def _columns(response):
    return [column.label for column in response.context["profile"].columns]


def _row(response, code):
    return next(row for theme in response.context["profile"].themes for row in theme.rows if row.code == code)


def test_each_consultant_is_a_letter_except_me_and_who_agreed(consultant, colleague, team_lead, as_user):
    _work(consultant, name="Noor")
    _work(colleague, name="Sem")
    practice_counts_fill()
    mine = as_user(consultant).get(PROFILE)
    assert mine.status_code == 200
    order = sorted([consultant.pk, colleague.pk], key=_order_key)
    expected = ["Consulent Test" if pk == consultant.pk else "ABCD"[i] for i, pk in enumerate(order)]
    assert _columns(mine) == expected
    assert colleague.get_full_name() not in mine.content.decode()

    InsightSharing.objects.create(consultant=colleague, name_in_team_profile=True)
    assert colleague.get_full_name() in _columns(as_user(consultant).get(PROFILE))
    # The team lead is not in the intervision group: letters only, also for who agreed.
    lead = as_user(team_lead).get(PROFILE)
    assert lead.status_code == 200
    assert colleague.get_full_name() not in _columns(lead) and consultant.get_full_name() not in _columns(lead)
    assert len(_columns(lead)) == 2


def test_shares_are_of_each_consultants_own_contacts_and_small_cells_are_hidden(consultant, colleague, as_user):
    trajectory = _work(consultant, contacts=8, codes=("trust_personal_attention",))
    _contact(consultant, trajectory, 10, ["qualities_motivation"])
    _work(colleague, contacts=3, name="Sem")  # fewer than 5 contacts: nothing of it shown
    practice_counts_fill()
    response = as_user(consultant).get(PROFILE)
    profile = response.context["profile"]
    me = next(i for i, column in enumerate(profile.columns) if column.is_viewer)
    other = 1 - me
    attention = _row(response, "trust_personal_attention")
    assert attention.cells[me].share == 8 / 9
    assert attention.cells[other].share is None  # 3 contacts: hidden
    assert attention.team_share == 11 / 12
    motivation = _row(response, "qualities_motivation")
    assert motivation.cells[me].count == 1 and motivation.cells[me].share is None  # 1 contact: "< 5"
    assert profile.columns[other].too_few
    assert "&lt; 5" in response.content.decode()
    assert "89 %" in response.content.decode()


def test_a_consultant_sees_only_their_own_team_and_nothing_of_another_organisation(
    consultant, other_team_consultant, outsider, admin, team_lead, other_org, as_user
):
    elsewhere = make_user(
        "elders", other_org, Role.CONSULTANT, team=Team.objects.create(organisation=other_org, name="Zuid")
    )
    _work(consultant)
    _work(other_team_consultant, name="Sem")
    _work(elsewhere, name="Lot")
    practice_counts_fill()
    asked_other = as_user(consultant).get(PROFILE, {"team": other_team_consultant.team_id})
    assert asked_other.context["profile"].team.pk == consultant.team_id
    assert len(_columns(asked_other)) == 1
    lead = as_user(team_lead).get(PROFILE, {"team": other_team_consultant.team_id})
    assert lead.context["profile"].team.pk == other_team_consultant.team_id and len(_columns(lead)) == 1
    # Another organisation's team lead gets their own teams, never ours (a team id of ours is ignored).
    theirs = as_user(outsider).get(PROFILE, {"team": consultant.team_id})
    assert theirs.context["profile"].team.organisation_id == other_org.pk
    assert theirs.context["profile"].contacts == 6
    assert as_user(admin).get(PROFILE).status_code == 403


def test_the_page_costs_the_same_for_a_bigger_team_history(consultant, colleague, as_user):
    _work(consultant, contacts=2)
    practice_counts_fill()
    client = as_user(consultant)
    client.get(PROFILE)

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROFILE).status_code == 200
        return len(queries)

    small = cost()
    for i in range(4):
        _work(colleague, contacts=6, name=f"Later{i}", codes=("trust_personal_attention", "qualities_motivation"))
    practice_counts_fill()
    assert cost() == small
