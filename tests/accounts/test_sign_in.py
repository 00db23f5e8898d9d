import datetime as dt

import time_machine
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import Role, User
from tests.conftest import PASSWORD


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def test_wrong_password_shows_a_clear_message(consultant):
    response = Client().post("/inloggen/", {"username": "consulent", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_password_alone_does_not_open_any_page(consultant):
    client = Client()
    response = client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/tweede-stap/")
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/tweede-stap/")


def test_the_right_code_completes_sign_in(consultant):
    client = Client()
    client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    response = client.post("/tweede-stap/?next=/", {"code": "000000", "next": "/"})
    assert "Deze code klopt niet" in response.content.decode()
    device = TOTPDevice.objects.get(user=consultant)
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong code
    response = client.post("/tweede-stap/", {"code": _code(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_next_url_to_another_site_is_ignored(consultant):
    client = Client()
    client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=consultant)
    response = client.post("/tweede-stap/", {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_first_sign_in_sets_up_the_authenticator(org, team):
    user = User.objects.create_user("nieuw", password=PASSWORD, organisation=org, team=team, role=Role.CONSULTANT)
    client = Client()
    client.post("/inloggen/", {"username": "nieuw", "password": PASSWORD})
    page = client.get("/tweede-stap/").content.decode()
    assert "Scan de QR-code" in page and "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/tweede-stap/", {"code": _code(device), "next": "/"})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_session_times_out_after_inactivity(consultant, as_user):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client = as_user(consultant)
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=20))
        assert client.get("/").status_code == 200  # activity renews the session
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_sign_out_needs_a_post_and_ends_the_session(consultant, as_user):
    client = as_user(consultant)
    assert client.get("/uitloggen/").status_code == 405
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith("/inloggen/")


def test_too_many_wrong_passwords_lock_sign_in_for_a_while(consultant):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client = Client()
        for _ in range(5):
            client.post("/inloggen/", {"username": "consulent", "password": "fout"})
        response = client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
        assert response.status_code == 200  # not signed in, even with the right password
        assert "te vaak een verkeerd wachtwoord" in response.content.decode()
        traveller.shift(dt.timedelta(minutes=16))
        assert Client().post("/inloggen/", {"username": "consulent", "password": PASSWORD}).status_code == 302


def test_too_many_wrong_codes_lock_the_second_step(consultant):
    client = Client()
    client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    for _ in range(5):
        client.post("/tweede-stap/", {"code": "000000", "next": "/"})
    device = TOTPDevice.objects.get(user=consultant)
    response = client.post("/tweede-stap/", {"code": _code(device), "next": "/"})
    assert response.status_code == 200 and "Te vaak een verkeerde code" in response.content.decode()


def test_the_lock_cannot_be_dodged_with_spaces_or_capitals(consultant):
    client = Client()
    for _ in range(5):
        client.post("/inloggen/", {"username": "consulent", "password": "fout"})
    for variant in ["consulent ", " CONSULENT", "Consulent"]:
        response = client.post("/inloggen/", {"username": variant, "password": PASSWORD})
        assert response.status_code == 200, variant


def test_one_address_cannot_try_endless_usernames(consultant):
    client = Client()
    for number in range(20):
        client.post("/inloggen/", {"username": f"gok{number}", "password": "fout"})
    response = client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    assert response.status_code == 200
    assert "te vaak" in response.content.decode()


def test_the_second_step_offers_a_way_out(consultant):
    client = Client()
    client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    page = client.get("/tweede-stap/").content.decode()
    assert 'action="/uitloggen/"' in page


def test_functional_administrators_land_in_the_admin(admin):
    client = Client()
    client.post("/inloggen/", {"username": "beheerder", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=admin)
    response = client.post("/tweede-stap/", {"code": _code(device), "next": "/"})
    assert response["Location"] == "/admin/"


def test_a_reused_code_says_so_and_to_wait_for_the_next(consultant):
    device = TOTPDevice.objects.get(user=consultant)
    code = _code(device)
    first = Client()
    first.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    assert first.post("/tweede-stap/", {"code": code, "next": "/"}).status_code == 302

    second = Client()  # another browser, the same code a moment later
    second.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    response = second.post("/tweede-stap/", {"code": code, "next": "/"})
    body = response.content.decode()
    assert "Deze code is al gebruikt" in body and "nieuwe code" in body
    assert "Deze code klopt niet" not in body


def test_the_code_field_has_focus_and_a_one_time_code_hint(consultant):
    client = Client()
    client.post("/inloggen/", {"username": "consulent", "password": PASSWORD})
    body = client.get("/tweede-stap/").content.decode()
    field = body[body.index('name="code"') - 300 : body.index('name="code"') + 300]
    assert 'autocomplete="one-time-code"' in field and "autofocus" in field
