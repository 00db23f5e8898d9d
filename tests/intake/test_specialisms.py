"""Specialisms recorded by consultants (and by the team lead for them): who may open and change
what, a double submit, and that a recorded specialism changes the distribution's suggestion."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from koers.accounts.models import Role
from koers.intake.models import ConsultantSpecialism, Specialism
from koers.intake.services import consultant_specialisms_set
from koers.web.once import ONCE_FIELD, new_key
from tests.conftest import make_user, signed_in_client
from tests.intake.conftest import refer

OWN = "/instellingen/specialismen/"
TEAM = "/instroom/specialismen/"


def _codes(user) -> set[str]:
    return set(ConsultantSpecialism.objects.filter(consultant=user).values_list("specialism", flat=True))


def test_a_consultant_records_their_own_specialisms(consultant):
    client = signed_in_client(consultant)
    response = client.post(OWN, {"specialisms": ["debt", "lvb"], ONCE_FIELD: new_key()}, follow=True)
    assert "Uw specialismen zijn opgeslagen." in response.text
    assert _codes(consultant) == {"debt", "lvb"}
    client.post(OWN, {"specialisms": ["school"], ONCE_FIELD: new_key()})
    assert _codes(consultant) == {"school"}


def test_the_page_shows_the_saved_specialisms_ticked(consultant):
    ConsultantSpecialism.objects.create(consultant=consultant, specialism=Specialism.HOUSING)
    text = signed_in_client(consultant).get(OWN).text
    assert re.search(r'value="housing"[^>]*checked', text)
    assert not re.search(r'value="debt"[^>]*checked', text)


def test_sending_the_form_twice_has_the_effect_of_once(consultant):
    client = signed_in_client(consultant)
    data = {"specialisms": ["debt"], ONCE_FIELD: new_key()}
    client.post(OWN, data)
    ConsultantSpecialism.objects.filter(consultant=consultant).delete()  # changed meanwhile elsewhere
    response = client.post(OWN, data, follow=True)
    assert "één keer opgeslagen" in response.text
    assert _codes(consultant) == set()  # the repeat did not write again


def test_setting_the_same_list_twice_changes_nothing(consultant):
    consultant_specialisms_set(actor=consultant, consultant_id=consultant.pk, specialisms=["debt", "lvb"])
    consultant_specialisms_set(actor=consultant, consultant_id=consultant.pk, specialisms=["lvb", "debt"])
    assert ConsultantSpecialism.objects.filter(consultant=consultant).count() == 2


def test_an_unknown_specialism_is_refused_in_dutch(consultant):
    response = signed_in_client(consultant).post(OWN, {"specialisms": ["astrology"], ONCE_FIELD: new_key()})
    assert response.status_code == 400 and "Kies alleen specialismen uit de lijst." in response.text
    assert _codes(consultant) == set()


def test_a_team_lead_sees_everyones_specialisms_and_sets_them(team_lead, consultant, other_team_consultant):
    ConsultantSpecialism.objects.create(consultant=consultant, specialism=Specialism.DEBT)
    client = signed_in_client(team_lead)
    text = client.get(TEAM).text
    assert "Consulent Test" in text and "Zuid Test" in text and "schulden" in text
    response = client.post(
        f"{TEAM}{other_team_consultant.pk}/", {"specialisms": ["mental_health"], ONCE_FIELD: new_key()}, follow=True
    )
    assert "De specialismen van Zuid Test zijn opgeslagen." in response.text
    assert _codes(other_team_consultant) == {"mental_health"}
    assert "psychische klachten (GGZ)" in response.text  # back on the list, changed


def test_a_team_lead_opening_the_own_page_goes_to_the_team_list(team_lead):
    response = signed_in_client(team_lead).get(OWN)
    assert response.status_code == 302 and response["Location"] == TEAM


@pytest.mark.parametrize("persona", ["admin", "partner_user"])
def test_others_do_not_open_the_own_page(persona, request):
    assert signed_in_client(request.getfixturevalue(persona)).get(OWN).status_code == 403


@pytest.mark.parametrize("persona", ["consultant", "admin"])
def test_only_a_team_lead_opens_the_team_list(persona, consultant, request):
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get(TEAM).status_code == 403
    assert client.get(f"{TEAM}{consultant.pk}/").status_code == 403


def test_a_consultant_cannot_set_a_colleagues_specialisms(consultant, colleague):
    with pytest.raises(PermissionDenied):
        consultant_specialisms_set(actor=consultant, consultant_id=colleague.pk, specialisms=["debt"])
    assert _codes(colleague) == set()


def test_a_team_lead_of_another_organisation_does_not_find_the_consultant(outsider, consultant):
    client = signed_in_client(outsider)
    assert "Consulent Test" not in client.get(TEAM).text
    assert client.get(f"{TEAM}{consultant.pk}/").status_code == 404
    response = client.post(f"{TEAM}{consultant.pk}/", {"specialisms": ["debt"], ONCE_FIELD: new_key()})
    assert response.status_code == 404 and _codes(consultant) == set()


def test_a_team_lead_does_not_set_specialisms_for_a_non_consultant(team_lead, org):
    lead = make_user("andere-leider", org, Role.TEAM_LEAD)
    assert signed_in_client(team_lead).get(f"{TEAM}{lead.pk}/").status_code == 404


def test_a_recorded_specialism_changes_the_suggestion(partner_user, team_lead, consultant, colleague, trajectory):
    referral = refer(partner_user, needs=["lvb"])
    lead = signed_in_client(team_lead)
    before = lead.get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Collega Test" in before  # the smallest caseload
    signed_in_client(consultant).post(OWN, {"specialisms": ["lvb"], ONCE_FIELD: new_key()})
    after = lead.get(f"/instroom/{referral.pk}/").text
    assert "Voorstel:</strong> Consulent Test" in after and "pecialisme: licht verstandelijke beperking" in after


@pytest.mark.parametrize("count", [1, 15])
def test_the_pages_run_a_fixed_number_of_queries(
    count, org, team, team_lead, consultant, django_assert_max_num_queries
):
    for number in range(count):
        user = make_user(f"consulent{number}", org, Role.CONSULTANT, team)
        consultant_specialisms_set(actor=team_lead, consultant_id=user.pk, specialisms=["debt", "school"])
    lead, own = signed_in_client(team_lead), signed_in_client(consultant)
    lead.get(TEAM), own.get(OWN)  # sessions warmed up
    for client, path in ((lead, TEAM), (lead, f"{TEAM}{consultant.pk}/"), (own, OWN)):
        with django_assert_max_num_queries(8):
            assert client.get(path).status_code == 200
