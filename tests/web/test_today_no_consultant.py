"""Nobody falls off the agenda: a registered youth without a consultant is on the team lead's
Vandaag ("Jongere zonder consulent"), for the team and the whole organisation, until someone is
assigned; consultants do not see it on their own list."""

from django.urls import reverse
from django.utils import timezone

from koers.trajectories.services import trajectory_create, youth_create, youth_hand_over
from tests.conftest import born_years_ago


def _unassigned(actor):
    youth = youth_create(
        actor=actor, consultant=None, first_name="Hessel", last_name="Haagsma", birth_date=born_years_ago(20, 5, 4)
    )
    trajectory_create(actor=actor, youth=youth, registered_on=timezone.localdate(), source="self")
    return youth


def _unassigned_rows(client, **params) -> list:
    response = client.get(reverse("today"), {"period": "all", **params})
    return [
        (row.youth_name, row.kind_label) for row in response.context["page"].object_list if row.kind == "no_consultant"
    ]


def test_the_team_lead_sees_a_youth_without_a_consultant(team_lead, consultant, as_user):
    youth = _unassigned(team_lead)
    client = as_user(team_lead)

    for rows in (_unassigned_rows(client), _unassigned_rows(client, consultant="org")):
        assert rows == [(youth.full_name, "Jongere zonder consulent")]
    assert _unassigned_rows(as_user(consultant)) == []


def test_assigning_a_consultant_takes_it_off(team_lead, consultant, as_user):
    youth = _unassigned(team_lead)
    youth_hand_over(actor=team_lead, youth=youth, consultant=consultant, note="Welkom", youth_informed=True)

    assert _unassigned_rows(as_user(team_lead), consultant="org") == []


def test_the_consultant_choice_says_which_team_each_consultant_is_in(
    team_lead, consultant, other_team_consultant, as_user
):
    page = as_user(team_lead).get(reverse("today")).content.decode()

    assert "Heel het team (Jongerenteam Noord)" in page
    noord = page.index('<optgroup label="Jongerenteam Noord">')
    zuid = page.index('<optgroup label="Jongerenteam Zuid">')
    assert noord < page.index(consultant.get_full_name()) < zuid < page.index(other_team_consultant.get_full_name())
