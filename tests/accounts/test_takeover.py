"""No way for a functional administrator into youth files (ADR 0005), also not in several steps.

The takeover a probe found: demote a consultant to administrator (applied at once, it narrows),
set that account's password, reset its second factor, ask for the consultant role back, and let
a team lead approve a request that showed only who asked and when. Each step is tried here, and
its variant (the password and second factor changed while the request waits), and a team move
that would open another team's files.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import AccountEvent, AccountEventKind, Role, RoleRequest, RoleRequestStatus, Team, User
from koers.accounts.passwords import password_link_send, password_set_with_link
from koers.accounts.services import role_request_decide, second_factor_reset
from koers.outbox.models import OutgoingMail
from koers.trajectories.services import youth_create
from tests.accounts.test_roles import _change_form, _post_change
from tests.conftest import PASSWORD, born_years_ago, make_user, signed_in_client

NEW_PASSWORD = "Eigen-keuze-van-de-consulent-7"


def _link_key(address: str) -> str:
    mail = OutgoingMail.objects.filter(to=address, kind="password_link").latest("id")
    return re.search(r"/wachtwoord/\?sleutel=([A-Za-z0-9_:.\-]+)", mail.body).group(1)


def _pending(user: User) -> RoleRequest:
    return RoleRequest.objects.get(user=user, status=RoleRequestStatus.PENDING)


def _signs_in(username: str, password: str) -> bool:
    return Client().post("/inloggen/", {"username": username, "password": password}).status_code == 302


# The takeover, step by step


def test_step_1_demoting_a_consultant_is_applied_at_once(admin, consultant, as_user):
    _post_change(as_user(admin), consultant, role=Role.FUNCTIONAL_ADMIN)
    consultant.refresh_from_db()
    assert consultant.role == Role.FUNCTIONAL_ADMIN


def test_step_2_the_administrator_cannot_choose_the_demoted_accounts_password(admin, consultant, as_user):
    client = as_user(admin)
    _post_change(client, consultant, role=Role.FUNCTIONAL_ADMIN)
    url = f"/admin/accounts/user/{consultant.pk}/password/"

    response = client.post(url, {"password1": "Gekozen-door-beheer-1", "password2": "Gekozen-door-beheer-1"})

    assert response.status_code == 403
    assert not _signs_in(consultant.username, "Gekozen-door-beheer-1")


def test_step_2_instead_a_link_goes_to_the_accounts_own_address_only(admin, consultant, as_user):
    consultant.email = "consulent@gemeente.example"
    consultant.save()
    client = as_user(admin)
    page = client.get(f"/admin/accounts/user/{consultant.pk}/change/").content.decode()
    assert 'name="password1"' not in page and "Link sturen om een wachtwoord te kiezen" in page

    client.post(f"/admin/accounts/user/{consultant.pk}/wachtwoord-link/")

    [mail] = OutgoingMail.objects.filter(kind="password_link")
    assert mail.to == "consulent@gemeente.example"
    assert consultant.username not in mail.body and "Kies zelf" not in mail.subject
    event = AccountEvent.objects.get(user=consultant, kind=AccountEventKind.PASSWORD_LINK_SENT)
    assert event.by == admin
    # The owner chooses (the link stops working once the account signs in, as Django's reset does).
    password_set_with_link(key=_link_key(consultant.email), password=NEW_PASSWORD)
    assert _signs_in(consultant.username, NEW_PASSWORD) and not _signs_in(consultant.username, PASSWORD)


def test_steps_3_to_5_the_approver_sees_every_change_and_a_warning(admin, consultant, team_lead, as_user):
    consultant.email = "consulent@gemeente.example"
    consultant.last_login = timezone.now() - dt.timedelta(days=40)  # signed in long before all this
    consultant.save()
    client = as_user(admin)
    _post_change(client, consultant, role=Role.FUNCTIONAL_ADMIN)  # 1
    _post_change(client, consultant, email="beheer-eigen-adres@example.org")  # the link would go there now
    password_link_send(actor=admin, user_id=consultant.pk)  # 2, as far as it goes
    second_factor_reset(actor=admin, user_id=consultant.pk)  # 3
    consultant.refresh_from_db()
    _post_change(client, consultant, role=Role.CONSULTANT)  # 4
    assert _pending(consultant).to_role == Role.CONSULTANT

    page = as_user(team_lead).get("/rollen/").content.decode()  # 5

    section = page[page.index(f'id="request-{_pending(consultant).pk}"') :]
    for seen in (
        "rol: consulent → functioneel beheerder",
        "e-mailadres gewijzigd",
        "link gestuurd om een wachtwoord in te stellen",
        "tweede stap opnieuw ingesteld",
        "beheer-eigen-adres@example.org",
        "heeft na de laatste wijziging hieronder niet zelf ingelogd",
    ):
        assert seen in section, seen
    assert section.count("door Beheerder Test") >= 4
    # The old address heard that the account's mail moved.
    assert OutgoingMail.objects.filter(to="consulent@gemeente.example", kind="email_changed").exists()


def test_step_6_after_approval_the_administrator_still_cannot_sign_in_as_the_consultant(
    admin, consultant, team_lead, youth, as_user
):
    client = as_user(admin)
    _post_change(client, consultant, role=Role.FUNCTIONAL_ADMIN)
    second_factor_reset(actor=admin, user_id=consultant.pk)
    consultant.refresh_from_db()
    _post_change(client, consultant, role=Role.CONSULTANT)
    role_request_decide(actor=team_lead, request_id=_pending(consultant).pk, approve=True)
    consultant.refresh_from_db()
    assert consultant.role == Role.CONSULTANT

    # The administrator knows no password of this account: every guess fails.
    for guess in ("Gekozen-door-beheer-1", "koers-demo-2026", NEW_PASSWORD):
        assert not _signs_in(consultant.username, guess)


# The variant: changes while the request waits make it lapse


def _consultant_made_admin_with_request(admin, consultant, client) -> RoleRequest:
    _post_change(client, consultant, role=Role.FUNCTIONAL_ADMIN)
    consultant.refresh_from_db()
    _post_change(client, consultant, role=Role.CONSULTANT)
    consultant.refresh_from_db()
    return _pending(consultant)


def _reset_second_factor(admin, consultant, client):
    second_factor_reset(actor=admin, user_id=consultant.pk)


def _new_second_factor(admin, consultant, client):
    TOTPDevice.objects.filter(user=consultant).delete()
    TOTPDevice.objects.create(user=consultant, name="nieuw", confirmed=True)


def _password_through_the_link(admin, consultant, client):
    password_link_send(actor=admin, user_id=consultant.pk)
    password_set_with_link(key=_link_key(consultant.email), password=NEW_PASSWORD)


def _password_on_the_server(admin, consultant, client):
    consultant.set_password(NEW_PASSWORD)  # `koers changepassword`, say
    consultant.save()


def _email_changed(admin, consultant, client):
    _post_change(client, consultant, email="ander-adres@example.org")


def _team_changed(admin, consultant, client):
    other = Team.objects.create(organisation=consultant.organisation, name="Jongerenteam Oost")
    _post_change(client, consultant, team=other.pk)  # an administrator's account: applied at once


@pytest.mark.parametrize(
    "change",
    [
        _reset_second_factor,
        _new_second_factor,
        _password_through_the_link,
        _password_on_the_server,
        _email_changed,
        _team_changed,
    ],
)
def test_a_request_lapses_when_the_sign_in_or_team_changed_while_it_waited(
    admin, consultant, team_lead, as_user, change
):
    consultant.email = "consulent@gemeente.example"
    consultant.save()
    client = as_user(admin)
    request = _consultant_made_admin_with_request(admin, consultant, client)

    change(admin, User.objects.get(pk=consultant.pk), client)
    decided = role_request_decide(actor=team_lead, request_id=request.pk, approve=True)

    assert decided.status == RoleRequestStatus.OUTDATED
    consultant.refresh_from_db()
    assert consultant.role == Role.FUNCTIONAL_ADMIN


def test_a_request_without_changes_in_between_is_approved(admin, consultant, team_lead, as_user):
    request = _consultant_made_admin_with_request(admin, consultant, as_user(admin))
    assert role_request_decide(actor=team_lead, request_id=request.pk, approve=True).status == "approved"


# A team move opens another team's files: four eyes too


@pytest.fixture
def zuid_consultant(org, other_team):
    return make_user("zuid", org, Role.CONSULTANT, other_team)


@pytest.fixture
def noord_youth(consultant):
    return youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Noor",
        last_name="Dijkstra",
        birth_date=born_years_ago(21, month=2, day=3),
    )


def test_moving_a_consultant_to_another_team_waits_for_a_team_lead(
    admin, zuid_consultant, team, team_lead, noord_youth, as_user
):
    client = as_user(admin)
    response = _post_change(client, zuid_consultant, team=team.pk)
    assert response.status_code == 302

    zuid_consultant.refresh_from_db()
    assert zuid_consultant.team.name == "Jongerenteam Zuid"  # not applied
    assert signed_in_client(zuid_consultant).get(f"/jongeren/{noord_youth.pk}/").status_code == 404
    pending = _pending(zuid_consultant)
    assert (pending.from_team.name, pending.to_team.name) == ("Jongerenteam Zuid", "Jongerenteam Noord")
    page = as_user(team_lead).get("/rollen/").content.decode()
    assert "team: Jongerenteam Zuid → <strong>Jongerenteam Noord</strong>" in page

    role_request_decide(actor=team_lead, request_id=pending.pk, approve=True)

    zuid_consultant.refresh_from_db()
    assert zuid_consultant.team == team
    assert signed_in_client(zuid_consultant).get(f"/jongeren/{noord_youth.pk}/").status_code == 200
    history = as_user(team_lead).get("/rollen/").content.decode()
    assert "Jongerenteam Zuid" in history and "Jongerenteam Noord" in history


def test_taking_a_consultant_out_of_a_team_is_applied_at_once(admin, consultant, as_user):
    _post_change(as_user(admin), consultant, team="")
    consultant.refresh_from_db()
    assert consultant.team is None and not RoleRequest.objects.filter(user=consultant).exists()


def test_a_team_lead_moves_team_at_once_they_see_the_whole_organisation_anyway(admin, team_lead, other_team, as_user):
    _post_change(as_user(admin), team_lead, team=other_team.pk)
    team_lead.refresh_from_db()
    assert team_lead.team == other_team


def test_the_admin_form_says_the_team_move_waits(admin, zuid_consultant, team, as_user):
    response = as_user(admin).post(
        f"/admin/accounts/user/{zuid_consultant.pk}/change/", _change_form(zuid_consultant, team=team.pk), follow=True
    )
    assert "Een teamleider moet de aanvraag goedkeuren" in response.content.decode()


# The password link itself


def test_the_link_works_once_and_not_after_the_address_changed(admin, consultant, as_user):
    consultant.email = "consulent@gemeente.example"
    consultant.save()
    password_link_send(actor=admin, user_id=consultant.pk)
    key = _link_key(consultant.email)
    client = Client()

    page = client.get("/wachtwoord/", {"sleutel": key})
    assert page.status_code == 200 and "Uw gebruikersnaam is <strong>consulent</strong>" in page.content.decode()
    done = client.post("/wachtwoord/", {"sleutel": key, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/inloggen/"
    assert client.get("/wachtwoord/", {"sleutel": key}).status_code == 400  # used

    password_link_send(actor=admin, user_id=consultant.pk)
    second_key = _link_key(consultant.email)
    _post_change(as_user(admin), User.objects.get(pk=consultant.pk), email="nieuw@gemeente.example")
    assert Client().get("/wachtwoord/", {"sleutel": second_key}).status_code == 400


def test_the_password_page_refuses_a_weak_password_in_dutch(admin, consultant):
    consultant.email = "consulent@gemeente.example"
    consultant.save()
    password_link_send(actor=admin, user_id=consultant.pk)
    key = _link_key(consultant.email)

    response = Client().post("/wachtwoord/", {"sleutel": key, "new_password1": "12345", "new_password2": "12345"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "Er is niets opgeslagen" in text
    assert _signs_in(consultant.username, PASSWORD)


def test_a_made_up_key_shows_what_to_do(db):
    response = Client().get("/wachtwoord/", {"sleutel": "MQ.abc-def"})
    assert response.status_code == 400
    assert "Vraag uw functioneel beheerder om een nieuwe link." in response.content.decode()


def test_an_approved_new_account_gets_its_welcome_link(admin, team, team_lead, as_user):
    as_user(admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "nieuwe",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "email": "nieuwe@gemeente.example",
            "team": team.pk,
            "role": Role.CONSULTANT,
        },
    )
    created = User.objects.get(username="nieuwe")
    role_request_decide(actor=team_lead, request_id=_pending(created).pk, approve=True)

    [mail] = OutgoingMail.objects.filter(to="nieuwe@gemeente.example")
    assert "Er is een account voor u gemaakt in Koers" in mail.body
    password_set_with_link(key=_link_key("nieuwe@gemeente.example"), password=NEW_PASSWORD)
    assert _signs_in("nieuwe", NEW_PASSWORD)


def test_a_new_administrator_account_gets_its_link_at_once(admin, as_user):
    as_user(admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "beheer2",
            "first_name": "Tweede",
            "last_name": "Beheerder",
            "email": "beheer2@gemeente.example",
            "role": Role.FUNCTIONAL_ADMIN,
        },
    )
    assert User.objects.get(username="beheer2").is_active
    assert OutgoingMail.objects.filter(to="beheer2@gemeente.example", kind="password_link").count() == 1


def test_only_an_administrator_of_the_organisation_sends_links(consultant, outsider, admin):
    from django.core.exceptions import PermissionDenied

    for actor in (consultant, outsider):
        with pytest.raises(PermissionDenied, match="U mag voor deze medewerker geen link sturen"):
            password_link_send(actor=actor, user_id=admin.pk)
