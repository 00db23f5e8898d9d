"""A functional administrator never gets, nor gives, access to youth files without a second person.

Every path an administrator has in the admin is tried: their own record, a new account, an
existing account of another role, activating an account, and setting someone's password. A
change that widens access becomes a request that a team lead approves in Koers (menu Rollen);
every change is recorded with who, whom, from, to and when.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from koers.accounts.models import Role, RoleChange, RoleRequest, RoleRequestStatus, User
from koers.accounts.services import api_token_create, role_request_decide
from koers.outbox.models import OutgoingMail
from tests.conftest import PASSWORD, make_user, signed_in_client


def _change_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "team": user.team_id or "",
        "role": user.role,
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _post_change(client: Client, user: User, **changes):
    return client.post(f"/admin/accounts/user/{user.pk}/change/", _change_form(user, **changes))


def _no_youth_access(user: User, youth) -> None:
    """Neither the pages nor the API open a youth file for this user."""
    user.refresh_from_db()
    assert not user.works_with_youths
    client = signed_in_client(user) if user.is_active else Client()
    assert client.get(f"/jongeren/{youth.pk}/").status_code in (302, 403)
    token = api_token_create(user=user)
    response = Client().get(f"/api/v1/youths/{youth.pk}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in (401, 403)


def test_an_administrator_cannot_make_themselves_team_lead(admin, youth, as_user):
    client = as_user(admin)
    response = _post_change(client, admin, role=Role.TEAM_LEAD)
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.role == Role.FUNCTIONAL_ADMIN
    _no_youth_access(admin, youth)
    pending = RoleRequest.objects.get(user=admin, status=RoleRequestStatus.PENDING)
    assert (pending.from_role, pending.to_role, pending.requested_by) == (Role.FUNCTIONAL_ADMIN, Role.TEAM_LEAD, admin)


def test_a_new_account_with_a_youth_role_stays_inactive_until_approved(admin, team, youth, as_user):
    response = as_user(admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "nieuwe",
            "first_name": "Nieuwe",
            "last_name": "Leider",
            "email": "nieuwe@gemeente.example",
            "team": team.pk,
            "role": Role.TEAM_LEAD,
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="nieuwe")
    assert created.role == Role.TEAM_LEAD and not created.is_active
    assert not created.has_usable_password()
    _no_youth_access(created, youth)
    assert RoleRequest.objects.filter(user=created, to_role=Role.TEAM_LEAD, to_active=True).exists()
    # No password link yet: it goes out when a team lead has approved the account.
    assert not OutgoingMail.objects.filter(to="nieuwe@gemeente.example").exists()


def test_an_administrator_cannot_turn_an_administrator_into_a_consultant(admin, org, youth, as_user):
    other_admin = make_user("beheerder2", org, Role.FUNCTIONAL_ADMIN)
    _post_change(as_user(admin), other_admin, role=Role.CONSULTANT)
    other_admin.refresh_from_db()
    assert other_admin.role == Role.FUNCTIONAL_ADMIN and other_admin.is_staff
    _no_youth_access(other_admin, youth)


def test_an_administrator_cannot_activate_a_consultant(admin, colleague, youth, as_user):
    colleague.is_active = False
    colleague.save()
    _post_change(as_user(admin), colleague, is_active="on")
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert RoleRequest.objects.filter(user=colleague, from_active=False, to_active=True).exists()


def test_an_administrator_cannot_widen_a_consultant_to_team_lead(admin, consultant, as_user):
    _post_change(as_user(admin), consultant, role=Role.TEAM_LEAD)
    consultant.refresh_from_db()
    assert consultant.role == Role.CONSULTANT


def test_without_four_eyes_only_the_platform_grants_youth_roles(admin, org, youth, as_user):
    org.role_changes_need_approval = False
    org.save()
    response = _post_change(as_user(admin), admin, role=Role.TEAM_LEAD)
    assert response.status_code == 200
    assert "Alleen platformbeheer kan een rol met toegang tot dossiers" in response.content.decode()
    assert not RoleRequest.objects.exists()
    _no_youth_access(admin, youth)


def test_an_administrator_cannot_switch_off_the_four_eyes_rule(admin, org, as_user):
    page = as_user(admin).get(f"/admin/accounts/organisation/{org.pk}/change/").content.decode()
    assert 'name="role_changes_need_approval"' not in page


def test_lowering_access_is_the_administrators_job_and_is_recorded(admin, team_lead, as_user):
    _post_change(as_user(admin), team_lead, role=Role.CONSULTANT)
    team_lead.refresh_from_db()
    assert team_lead.role == Role.CONSULTANT
    change = RoleChange.objects.get(user=team_lead)
    assert (change.changed_by, change.from_role, change.to_role, change.approved_by) == (
        admin,
        Role.TEAM_LEAD,
        Role.CONSULTANT,
        None,
    )


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN])
def test_an_administrator_never_sets_another_persons_password(admin, org, role, as_user):
    other = make_user(f"ander-{role}", org, role)
    client = as_user(admin)
    url = f"/admin/accounts/user/{other.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Nieuw-geheim-2026!", "password2": "Nieuw-geheim-2026!"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.check_password(PASSWORD)


def test_a_team_lead_approves_and_the_change_is_recorded(admin, team_lead, youth, as_user):
    _post_change(as_user(admin), admin, role=Role.TEAM_LEAD)
    lead = as_user(team_lead)
    page = lead.get("/rollen/").content.decode()
    pending = RoleRequest.objects.get(user=admin)
    assert f"/rollen/{pending.pk}/besluit/" in page and "Beheerder" in page
    response = lead.post(f"/rollen/{pending.pk}/besluit/", {"decision": "approve"})
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.role == Role.TEAM_LEAD and not admin.is_staff
    change = RoleChange.objects.get(user=admin)
    assert (change.changed_by, change.approved_by, change.from_role, change.to_role) == (
        admin,
        team_lead,
        Role.FUNCTIONAL_ADMIN,
        Role.TEAM_LEAD,
    )
    page = lead.get("/rollen/").content.decode()
    assert "Er wachten geen aanvragen." in page and "Teamleider Test" in page


def test_a_rejected_request_changes_nothing(admin, team_lead, consultant, as_user):
    _post_change(as_user(admin), consultant, role=Role.TEAM_LEAD)
    pending = RoleRequest.objects.get(user=consultant)
    as_user(team_lead).post(f"/rollen/{pending.pk}/besluit/", {"decision": "reject"})
    consultant.refresh_from_db()
    pending.refresh_from_db()
    assert consultant.role == Role.CONSULTANT and pending.status == RoleRequestStatus.REJECTED
    assert not RoleChange.objects.filter(user=consultant).exists()


def test_nobody_approves_their_own_request(admin, team_lead, org, as_user):
    _post_change(as_user(admin), team_lead, role=Role.FUNCTIONAL_ADMIN)  # lowering: applied at once
    team_lead.refresh_from_db()
    assert team_lead.role == Role.FUNCTIONAL_ADMIN
    _post_change(as_user(admin), team_lead, role=Role.TEAM_LEAD)  # back up: needs a second person
    pending = RoleRequest.objects.get(user=team_lead, status=RoleRequestStatus.PENDING)
    other_lead = make_user("leider2", org, Role.TEAM_LEAD)
    assert as_user(other_lead).post(f"/rollen/{pending.pk}/besluit/", {"decision": "approve"}).status_code == 302
    team_lead.refresh_from_db()
    assert team_lead.role == Role.TEAM_LEAD
    assert RoleChange.objects.filter(user=team_lead, approved_by=other_lead).exists()


def test_a_team_lead_cannot_decide_on_a_request_about_themselves(admin, team_lead, as_user):
    # Defensive: today such a request can only concern an inactive lead, who cannot sign in.
    pending = RoleRequest.objects.create(
        organisation=team_lead.organisation,
        user=team_lead,
        requested_by=admin,
        from_role=Role.TEAM_LEAD,
        from_active=True,
        to_role=Role.TEAM_LEAD,
        to_active=True,
    )
    page = as_user(team_lead).get("/rollen/").content.decode()
    assert "Deze aanvraag gaat over u" in page
    with pytest.raises(PermissionDenied, match="U mag over deze aanvraag niet beslissen"):
        role_request_decide(actor=team_lead, request_id=pending.pk, approve=True)
    assert as_user(team_lead).post(f"/rollen/{pending.pk}/besluit/", {"decision": "approve"}).status_code == 403


def test_roles_page_is_for_team_leads_of_the_organisation(admin, consultant, team_lead, outsider, as_user):
    _post_change(as_user(admin), admin, role=Role.TEAM_LEAD)
    pending = RoleRequest.objects.get(user=admin)
    assert as_user(consultant).get("/rollen/").status_code == 403
    assert as_user(admin).get("/rollen/").status_code == 403
    other = as_user(outsider)  # a team lead of another organisation
    assert "Beheerder" not in other.get("/rollen/").content.decode()
    other.post(f"/rollen/{pending.pk}/besluit/", {"decision": "approve"})
    pending.refresh_from_db()
    admin.refresh_from_db()
    assert pending.status == RoleRequestStatus.PENDING and admin.role == Role.FUNCTIONAL_ADMIN


def test_an_account_changed_after_the_request_makes_the_request_lapse(admin, consultant, team_lead, as_user):
    client = as_user(admin)
    _post_change(client, consultant, role=Role.TEAM_LEAD)
    pending = RoleRequest.objects.get(user=consultant)
    _post_change(client, consultant, is_active=None)  # deactivated in the meantime
    as_user(team_lead).post(f"/rollen/{pending.pk}/besluit/", {"decision": "approve"})
    consultant.refresh_from_db()
    pending.refresh_from_db()
    assert pending.status == RoleRequestStatus.OUTDATED
    assert not consultant.is_active and consultant.role == Role.CONSULTANT


@pytest.mark.parametrize("to_role", [Role.CONSULTANT, Role.TEAM_LEAD])
def test_a_superuser_changes_roles_directly_and_it_is_recorded(admin, to_role):
    root = User.objects.create_superuser("root", password=PASSWORD)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=root, name="t", confirmed=True)
    client = signed_in_client(root)
    data = _change_form(admin, role=to_role, organisation=admin.organisation_id, is_staff=None)
    data["last_login_0"] = data["date_joined_0"] = dt.date.today().isoformat()
    response = client.post(f"/admin/accounts/user/{admin.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    admin.refresh_from_db()
    assert admin.role == to_role
    assert RoleChange.objects.get(user=admin).changed_by == root
