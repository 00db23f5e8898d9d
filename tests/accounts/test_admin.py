from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import Role, Team, User


def test_functional_admin_sees_only_own_organisation(admin, consultant, outsider, as_user):
    client = as_user(admin)
    page = client.get("/admin/accounts/user/").content.decode()
    assert f"/admin/accounts/user/{consultant.pk}/change/" in page
    assert f"/admin/accounts/user/{outsider.pk}/change/" not in page
    assert client.get(f"/admin/accounts/user/{outsider.pk}/change/").status_code in (302, 404)
    assert client.get(f"/admin/accounts/organisation/{outsider.organisation_id}/change/").status_code in (302, 404)


def test_functional_admin_creates_staff_in_own_organisation(admin, team, as_user):
    client = as_user(admin)
    response = client.post(
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
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="nieuwe")
    assert created.organisation_id == admin.organisation_id
    assert not created.is_superuser and not created.is_staff
    assert not created.has_usable_password()  # the colleague chooses it through the mailed link


def test_a_new_account_needs_an_e_mail_address_for_its_password_link(admin, team, as_user):
    response = as_user(admin).post(
        "/admin/accounts/user/add/",
        {"username": "zonder", "first_name": "Zonder", "last_name": "Mail", "team": team.pk, "role": Role.CONSULTANT},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="zonder").exists()


def test_functional_admin_cannot_pick_another_organisations_team(admin, outsider, as_user):
    foreign_team = Team.objects.create(organisation=outsider.organisation, name="Elders")
    page = as_user(admin).get("/admin/accounts/user/add/").content.decode()
    assert f'value="{foreign_team.pk}"' not in page


def test_taxonomy_is_visible_but_read_only_for_functional_admins(admin, as_user):
    client = as_user(admin)
    assert client.get("/admin/method/workingelement/").status_code == 200
    assert client.get("/admin/method/workingelement/add/").status_code == 403


def test_consultants_have_no_admin(consultant, as_user):
    response = as_user(consultant).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_other_organisation_admin_gets_no_rows(consultant, outsider, as_user):
    other_admin = User.objects.create_user(
        "anderbeheer",
        password="x-very-secret-1",
        organisation=outsider.organisation,
        role=Role.FUNCTIONAL_ADMIN,
        is_staff=True,
    )
    TOTPDevice.objects.create(user=other_admin, name="t", confirmed=True)
    page = as_user(other_admin).get("/admin/accounts/user/").content.decode()
    assert f"/admin/accounts/user/{consultant.pk}/change/" not in page
    assert f"/admin/accounts/user/{outsider.pk}/change/" in page


def test_the_admin_speaks_dutch_and_links_nowhere_forbidden(admin, as_user):
    client = as_user(admin)
    index = client.get("/admin/").content.decode()
    assert "Website bekijken" not in index and "View site" not in index
    assert "<title>Beheer | Koers beheer</title>" in index
    add_form = client.get("/admin/accounts/user/add/").content.decode()
    assert "After you" not in add_form
    assert "De nieuwe medewerker kiest zelf een wachtwoord" in add_form
    assert 'name="password1"' not in add_form


def test_the_staff_list_shows_one_name_column(admin, consultant, as_user):
    page = as_user(admin).get("/admin/accounts/user/").content.decode()
    assert "column-name" in page and "column-first_name" not in page
    assert consultant.get_full_name() in page


def test_role_logs_have_dutch_column_headers(admin, consultant, as_user):
    from koers.accounts.models import RoleRequest

    RoleRequest.objects.create(
        organisation=consultant.organisation,
        user=consultant,
        requested_by=admin,
        from_role=Role.CONSULTANT,
        from_active=True,
        to_role=Role.TEAM_LEAD,
        to_active=True,
    )
    page = as_user(admin).get("/admin/accounts/rolerequest/").content.decode()
    for header in ("Medewerker", "Wijziging", "Aangevraagd door", "Aangevraagd op", "Besloten door"):
        assert f">{header}</a>" in page or f">{header}</span>" in page, header
    assert "consulent → teamleider" in page
    assert "Requested" not in page


def test_functional_admin_sees_own_method_versions_read_only(admin, outsider, as_user):
    from koers.method.models import MethodVersion

    own = MethodVersion.objects.get(organisation=admin.organisation)
    other = MethodVersion.objects.get(organisation=outsider.organisation)
    client = as_user(admin)
    listing = client.get("/admin/method/methodversion/").content.decode()
    assert f"/admin/method/methodversion/{own.pk}/change/" in listing
    assert f"/admin/method/methodversion/{other.pk}/change/" not in listing
    detail = client.get(f"/admin/method/methodversion/{own.pk}/change/").content.decode()
    assert "Denk je aan een korting op de uitkering?" in detail  # the steps, read-only
    assert client.get(f"/admin/method/methodversion/{other.pk}/change/").status_code in (302, 404)
    assert client.post(f"/admin/method/methodversion/{own.pk}/change/", {}).status_code == 403


def test_consultants_do_not_see_the_method_admin(consultant, as_user):
    response = as_user(consultant).get("/admin/method/methodversion/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
