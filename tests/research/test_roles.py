"""Giving someone the researcher role follows the four eyes of ADR 0005: the role sees data of
many youths (without names), so it is wider access, as a youth role is."""

import pytest
from django.core.exceptions import ValidationError

from koers.accounts.models import Role, RoleChange, RoleRequest, RoleRequestStatus, User
from koers.accounts.services import APPLY, REQUEST, Access, role_change_decision, role_request_decide
from tests.accounts.test_roles import _post_change
from tests.conftest import make_user, signed_in_client

RESEARCHER = Access(role=Role.RESEARCHER, active=True)


@pytest.mark.parametrize(
    "old",
    [
        None,
        Access(role=Role.FUNCTIONAL_ADMIN, active=True),
        Access(role=Role.CONSULTANT, active=True, team_id=1),
        Access(role=Role.TEAM_LEAD, active=True),
        Access(role=Role.RESEARCHER, active=False),
    ],
    ids=["new account", "administrator", "consultant", "team lead", "inactive researcher"],
)
def test_the_researcher_role_is_wider_than_any_other_access(old):
    assert RESEARCHER.wider_than(old)


def test_leaving_the_researcher_role_for_a_youth_role_is_wider_and_for_none_is_not():
    assert Access(role=Role.CONSULTANT, active=True, team_id=1).wider_than(RESEARCHER)
    assert not Access(role=Role.FUNCTIONAL_ADMIN, active=True).wider_than(RESEARCHER)
    assert not Access(role=Role.RESEARCHER, active=False).wider_than(RESEARCHER)
    assert RESEARCHER.level == 0  # no youth files


def test_an_administrator_only_requests_the_role_and_without_four_eyes_cannot(admin, org):
    old = Access(role=Role.FUNCTIONAL_ADMIN, active=True)
    assert role_change_decision(actor=admin, organisation=org, old=old, new=RESEARCHER) == REQUEST
    org.role_changes_need_approval = False
    with pytest.raises(ValidationError, match="Alleen platformbeheer kan de rol onderzoeker toekennen"):
        role_change_decision(actor=admin, organisation=org, old=old, new=RESEARCHER)


def test_a_platform_operator_grants_the_role_at_once(org):
    operator = User.objects.create_superuser("platform", password="x-1234-y-5678")
    assert role_change_decision(actor=operator, organisation=org, old=None, new=RESEARCHER) == APPLY


def test_an_administrator_cannot_make_themselves_researcher(admin, as_user):
    _post_change(as_user(admin), admin, role=Role.RESEARCHER)
    admin.refresh_from_db()
    assert admin.role == Role.FUNCTIONAL_ADMIN and not admin.is_researcher
    pending = RoleRequest.objects.get(user=admin, status=RoleRequestStatus.PENDING)
    assert pending.to_role == Role.RESEARCHER


def test_a_new_researcher_account_waits_for_a_team_lead(admin, team_lead, as_user):
    response = as_user(admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "nieuweonderzoeker",
            "first_name": "Nieuwe",
            "last_name": "Onderzoeker",
            "email": "onderzoek@universiteit.example",
            "team": "",
            "role": Role.RESEARCHER,
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="nieuweonderzoeker")
    assert created.role == Role.RESEARCHER and not created.is_active and not created.is_researcher
    pending = RoleRequest.objects.get(user=created, status=RoleRequestStatus.PENDING)

    role_request_decide(actor=team_lead, request_id=pending.pk, approve=True)
    created.refresh_from_db()
    assert created.is_active and created.is_researcher and not created.is_staff
    change = RoleChange.objects.get(user=created)
    assert (change.to_role, change.approved_by) == (Role.RESEARCHER, team_lead)


def test_taking_the_researcher_role_away_is_applied_at_once(admin, org, as_user):
    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    _post_change(as_user(admin), researcher, is_active=None)  # unticked: inactive
    researcher.refresh_from_db()
    assert not researcher.is_active and not RoleRequest.objects.filter(user=researcher).exists()
    assert signed_in_client(researcher).get("/onderzoek/").status_code in (302, 403)
