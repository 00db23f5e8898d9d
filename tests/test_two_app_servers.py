"""Two application servers on one PostgreSQL: nothing a user notices depends on which one answers.

Two `koers serve` processes (gunicorn, one worker each) run against this test run's database, as
two app servers behind a load balancer would (docs/scaling.md). The requests alternate between
them. Sign-in throttling counts the failures sent to both (ADR 0004), and a form or API call sent
again to the other server with the same idempotency key is saved once and answered as the first
time (ADR 0005). A session made in the database works on both, as sessions must.

The servers see the test's data only once it is committed: these tests use `transactional_db`.
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.services import api_token_create
from koers.contacts.models import Contact
from tests.conftest import PASSWORD, days_ago

pytestmark = pytest.mark.django_db(transaction=True)

WRONG = "fout-wachtwoord"
CHECKED = "Gebruikersnaam of wachtwoord klopt niet"
LOCKED = "te vaak een verkeerd wachtwoord"
SAVED_ONCE = "Dit formulier was al verstuurd"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """This run's test database (pytest-django's test_ name), as a KOERS_DATABASE_URL."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{db['HOST']}:{db['PORT']}/{quote(db['NAME'])}"


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def wait_until_up(self) -> None:
        # Gunicorn's own line, so an answer from some other process that took the port in the
        # meantime is not mistaken for this server's.
        listening = f"Listening at: http://127.0.0.1:{self.port} "
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"koers serve stopped at start-up:\n{self.log_tail()}")
            if listening in self.log_tail():
                try:
                    http_connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                    http_connection.request("GET", "/gezond/")
                    if http_connection.getresponse().status == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        pytest.fail(f"koers serve did not answer on port {self.port}:\n{self.log_tail()}")


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two running `koers serve` processes on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("two servers share a PostgreSQL database")
    folder = tmp_path_factory.mktemp("two-servers")
    env = {
        **os.environ,
        "KOERS_DATABASE_URL": _database_url(),
        "KOERS_ALLOWED_HOSTS": "127.0.0.1",
        "KOERS_SECURE_COOKIES": "false",  # plain HTTP on the loopback; a proxy speaks TLS in production
        "KOERS_PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
    }
    started: list[Server] = []
    try:
        for number in (1, 2):
            port = _free_port()
            log = folder / f"server{number}.log"
            command = [sys.executable, "-m", "koers.cli", "serve", "--port", str(port), "--workers", "1"]
            with log.open("w") as output:
                process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
            started.append(Server(process=process, port=port, log=log))
        for server in started:
            server.wait_until_up()
        yield started
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            server.process.wait(timeout=20)


class Browser:
    """One browser (its cookies) whose requests the load balancer sends to either server."""

    def __init__(self, *, source: str = "127.0.0.1", cookies: dict[str, str] | None = None):
        self.source = source  # the client's address as the servers see it
        self.cookies = dict(cookies or {})

    def request(self, server: Server, method: str, path: str, *, form=None, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if form is not None:
            body = "&".join(f"{quote(k)}={quote(v)}" for k, values in form.items() for v in _listed(values))
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        http_connection = http.client.HTTPConnection(
            "127.0.0.1", server.port, timeout=30, source_address=(self.source, 0)
        )
        http_connection.request(method, path, body=body, headers=headers)
        response = http_connection.getresponse()
        page = response.read().decode()
        http_connection.close()
        assert response.status < 500, f"{method} {path}: {response.status}\n{server.log_tail()}"
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response, page

    def csrf_token(self, server: Server, path: str) -> str:
        response, page = self.request(server, "GET", path)
        assert response.status == 200, (path, response.status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _listed(values) -> list[str]:
    return values if isinstance(values, list) else [values]


def _sign_in(browser: Browser, server: Server, password: str):
    token = browser.csrf_token(server, "/inloggen/")
    form = {"csrfmiddlewaretoken": token, "username": "consulent", "password": password}
    return browser.request(server, "POST", "/inloggen/", form=form)


def test_failed_passwords_sent_to_both_servers_add_up_to_one_lock(servers, consultant):
    # The servers hash with Django's default hasher; the personas' fast test hash is not among
    # those. A PBKDF2 hash with few rounds keeps the ten password checks quick.
    hasher = PBKDF2PasswordHasher()
    consultant.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    consultant.save(update_fields=["password"])
    guesser = Browser()

    outcomes = []
    for attempt in range(10):
        response, page = _sign_in(guesser, servers[attempt % 2], WRONG)
        assert response.status == 200
        outcomes.append("locked" if LOCKED in page else "checked" if CHECKED in page else page[:500])

    # Five wrong passwords per 15 minutes from one address, in all: not five per server.
    assert outcomes == ["checked"] * 5 + ["locked"] * 5
    for server in servers:  # now the right password is refused unchecked on either server
        response, page = _sign_in(guesser, server, PASSWORD)
        assert response.status == 200 and LOCKED in page
    # The lock is the throttle's, not a broken password: from another address the user gets in.
    response, _page = _sign_in(Browser(source="127.0.0.2"), servers[1], PASSWORD)
    assert response.status == 302 and response.getheader("Location").startswith("/tweede-stap/")


def _verified_session(user) -> str:
    """A session past both sign-in steps, stored where every server reads sessions: the database."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    store.create()
    return store.session_key


def test_a_contact_form_sent_again_to_the_other_server_saves_once(servers, consultant, youth, trajectory):
    browser = Browser(cookies={"sessionid": _verified_session(consultant)})
    first_server, second_server = servers
    form = {
        "csrfmiddlewaretoken": browser.csrf_token(first_server, "/"),
        "idempotency_key": "b2c3d4e5f60718293a4b5c6d7e8f9a01",
        "contact-date": days_ago(1).isoformat(),
        "contact-channel": "office",
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
    }
    path = f"/jongeren/{youth.pk}/contact/"

    first, _page = browser.request(first_server, "POST", path, form=form)
    again, _page = browser.request(second_server, "POST", path, form=form)  # a reload, or a retry elsewhere

    assert first.status == again.status == 302
    assert again.getheader("Location") == first.getheader("Location")
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
    shown, page = browser.request(second_server, "GET", again.getheader("Location"))
    assert shown.status == 200 and SAVED_ONCE in page  # the second server knew it was saved


def test_an_api_call_retried_on_the_other_server_saves_once_and_answers_the_same(
    servers, consultant, youth, trajectory
):
    partner = Browser()
    headers = {
        "Authorization": f"Bearer {api_token_create(user=consultant)}",
        "Content-Type": "application/json",
        "Idempotency-Key": "retry-two-servers-0001",
    }
    body = json.dumps({"date": days_ago(1).isoformat(), "channel": "phone"})
    path = f"/api/v1/trajectories/{trajectory.pk}/contacts"

    first, first_body = partner.request(servers[0], "POST", path, body=body, headers=headers)
    again, again_body = partner.request(servers[1], "POST", path, body=body, headers=headers)

    assert first.status == again.status == 201
    assert json.loads(again_body) == json.loads(first_body)
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
    assert Contact.objects.get(trajectory=trajectory).pk == json.loads(first_body)["id"]
