"""Sign-in throttling that all server processes share and that a stranger cannot turn against a user."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts import throttle
from tests.concurrency import at_once
from tests.conftest import PASSWORD

WRONG = "fout-wachtwoord"


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def _sign_in(client: Client, username: str, password: str):
    return client.post("/inloggen/", {"username": username, "password": password})


def _locked(response) -> bool:
    return "te vaak een verkeerd wachtwoord" in response.content.decode()


def test_the_count_survives_another_process(consultant):
    """Each server process has its own cache; the count lives in the database, which they share."""
    for _ in range(5):
        _sign_in(Client(), "consulent", WRONG)
    cache.clear()  # what a second worker process sees of the first one's cache: nothing
    response = _sign_in(Client(), "consulent", PASSWORD)
    assert response.status_code == 200 and _locked(response)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_guesses_get_no_more_checks_than_the_limit(consultant):
    responses = at_once(12, lambda _i: _sign_in(Client(), "consulent", WRONG))
    checked = [r for r in responses if "Gebruikersnaam of wachtwoord klopt niet" in r.content.decode()]
    assert len(checked) == 5
    assert sum(_locked(r) for r in responses) == 7


def test_a_stranger_cannot_lock_the_user_out_from_elsewhere(consultant):
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        _sign_in(stranger, "consulent", WRONG)
    assert _locked(_sign_in(stranger, "consulent", PASSWORD))
    response = _sign_in(Client(REMOTE_ADDR="192.0.2.10"), "consulent", PASSWORD)
    assert response.status_code == 302  # the real user, at their own address


def _known_device(user) -> Client:
    """A browser on which the user completed both steps once."""
    client = Client(REMOTE_ADDR="192.0.2.10")
    _sign_in(client, user.username, PASSWORD)
    client.post("/tweede-stap/", {"code": _code(TOTPDevice.objects.get(user=user)), "next": "/"})
    assert throttle.DEVICE_COOKIE in client.cookies
    client.post("/uitloggen/")
    return client


def test_guessing_from_many_addresses_locks_new_devices_but_not_a_known_one(consultant):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        laptop = _known_device(consultant)
        for number in range(31):  # spread over addresses, below each address's own limit
            _sign_in(Client(REMOTE_ADDR=f"198.51.100.{number}"), "consulent", WRONG)
            traveller.shift(dt.timedelta(minutes=1))
        assert _locked(_sign_in(Client(REMOTE_ADDR="192.0.2.77"), "consulent", PASSWORD))  # a new device
        assert _sign_in(laptop, "consulent", PASSWORD).status_code == 302  # the user's own laptop


def test_a_known_device_cookie_is_no_free_pass_for_guessing(consultant):
    laptop = _known_device(consultant)
    for _ in range(5):
        _sign_in(laptop, "consulent", WRONG)
    assert _locked(_sign_in(laptop, "consulent", PASSWORD))


def test_a_device_cookie_of_another_user_counts_for_nothing(consultant, colleague):
    for _ in range(5):
        _sign_in(Client(REMOTE_ADDR="192.0.2.10"), "consulent", WRONG)
    colleagues_laptop = _known_device(colleague)  # same address; its cookie is for "collega"
    assert _locked(_sign_in(colleagues_laptop, "consulent", PASSWORD))


def test_the_session_id_changes_at_the_second_step(consultant):
    client = Client()
    _sign_in(client, "consulent", PASSWORD)
    after_password = client.cookies["sessionid"].value
    client.post("/tweede-stap/", {"code": _code(TOTPDevice.objects.get(user=consultant)), "next": "/"})
    after_code = client.cookies["sessionid"].value
    assert after_code != after_password
    assert client.get("/").status_code == 200
    stolen = Client()
    stolen.cookies["sessionid"] = after_password  # fixed before the second step: worthless now
    assert stolen.get("/").status_code == 302


PROXY = "10.0.0.5"


def _via_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_trusted_proxy_each_client_has_its_own_address_limit(consultant, colleague, settings):
    settings.KOERS_TRUSTED_PROXIES = [PROXY]
    # A stranger guesses 20 times through the proxy (the address limit), over several usernames.
    for number in range(20):
        _sign_in(_via_proxy("203.0.113.9"), f"iemand{number}", WRONG)
    assert _locked(_sign_in(_via_proxy("203.0.113.9"), "consulent", PASSWORD))
    # The consultant behind the same proxy, at their own address, is not locked out.
    response = _sign_in(_via_proxy("192.0.2.10"), "consulent", PASSWORD)
    assert response.status_code == 302


def test_a_client_cannot_choose_its_address_by_writing_the_header(consultant, settings):
    settings.KOERS_TRUSTED_PROXIES = [PROXY]
    # Not through the proxy: the header is ignored, every attempt counts for the real address.
    for number in range(20):
        stranger = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        _sign_in(stranger, f"iemand{number}", WRONG)
    assert _locked(_sign_in(Client(REMOTE_ADDR="203.0.113.9"), "consulent", PASSWORD))
    # Through the proxy, an address the client wrote before the proxy's own entry does not count.
    request = type("Request", (), {"META": {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}})
    assert throttle.client_address(request) == "203.0.113.9"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.KOERS_TRUSTED_PROXIES = []
    request = type("Request", (), {"META": {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}})
    assert throttle.client_address(request) == PROXY
