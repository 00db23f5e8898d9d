"""Shared fixtures: named personas in two organisations, and signed-in clients.

Persona names tell what they are for: `consultant` owns the youth, `colleague` is in the same team,
`other_team_consultant` is in the same organisation but another team, `team_lead` sees the whole
organisation, `admin` is a functional administrator (no access to youth files), `outsider` works
for another organisation.
"""

import contextlib
import datetime as dt
import io
import json

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from koers.accounts.models import Organisation, Role, Team, User
from koers.accounts.services import api_token_create
from koers.portal.services import portal_invite
from koers.trajectories.services import trajectory_create, youth_create

PASSWORD = "correct-horse-battery-9"  # noqa: S105

# Dates relative to the clock, so the suite passes in any year (youths must be 18 to 27 today;
# a contact or milestone may not lie in the future).


def days_ago(n: int) -> dt.date:
    """The date n days before today (negative n: after today)."""
    return timezone.localdate() - dt.timedelta(days=n)


def born_years_ago(years: int, month: int = 1, day: int = 1) -> dt.date:
    """A birth date on month/day of the year `years` before this one: the youth is `years` old
    after that day of this year, one less before it. Youths are 18 to 27 (check_age), so use 19-26."""
    return dt.date(timezone.localdate().year - years, month, day)


# Who may open the consultant's youth: the outcome per persona below, for the permission tests
# of every page and write (allowed, forbidden, other organisation).
ALLOWED, FORBIDDEN, NOT_FOUND = "allowed", 403, 404
YOUTH_ACCESS = {
    "consultant": ALLOWED,
    "colleague": ALLOWED,
    "team_lead": ALLOWED,
    "other_team_consultant": NOT_FOUND,
    "admin": FORBIDDEN,
    "outsider": NOT_FOUND,
}


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30), **options) -> bytes:
    """A plain JPEG made with Pillow; `options` go to Image.save (exif=..., quality=...)."""
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, format="JPEG", **options)
    return output.getvalue()


def make_user(username: str, organisation, role: str, team=None) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        organisation=organisation,
        role=role,
        team=team,
        first_name=username.capitalize(),
        last_name="Test",
        is_staff=role == Role.FUNCTIONAL_ADMIN,
    )
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


@pytest.fixture
def org(db):
    return Organisation.objects.create(name="Gemeente Leeuwarden")


@pytest.fixture
def other_org(db):
    return Organisation.objects.create(name="Gemeente De Fryske Marren")


@pytest.fixture
def team(org):
    return Team.objects.create(organisation=org, name="Jongerenteam Noord")


@pytest.fixture
def other_team(org):
    return Team.objects.create(organisation=org, name="Jongerenteam Zuid")


@pytest.fixture
def consultant(org, team):
    return make_user("consulent", org, Role.CONSULTANT, team)


@pytest.fixture
def colleague(org, team):
    return make_user("collega", org, Role.CONSULTANT, team)


@pytest.fixture
def other_team_consultant(org, other_team):
    return make_user("zuid", org, Role.CONSULTANT, other_team)


@pytest.fixture
def team_lead(org, team):
    return make_user("teamleider", org, Role.TEAM_LEAD, team)


@pytest.fixture
def admin(org):
    return make_user("beheerder", org, Role.FUNCTIONAL_ADMIN)


@pytest.fixture
def outsider(other_org):
    return make_user("buitenstaander", other_org, Role.TEAM_LEAD)


@pytest.fixture
def youth(consultant):
    return youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Sanne",
        last_name="de Vries",
        birth_date=born_years_ago(22, month=6, day=15),
        email="sanne@example.org",
        phone="0612345678",
    )


@pytest.fixture
def trajectory(youth, consultant):
    return trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 3, 2), source="uwv")


@pytest.fixture
def invited(youth, trajectory, consultant):
    """The youth, invited to the portal (the invitation mail holds a code and a link)."""
    portal_invite(actor=consultant, youth=youth)
    return youth


@pytest.fixture(autouse=True)
def fill_at_once(settings):
    """The worker's summary tables take a contact at once, not a minute after it was recorded
    (KOERS_FILL_SETTLE_SECONDS; tests/insights/test_settle.py checks the waiting itself)."""
    settings.KOERS_FILL_SETTLE_SECONDS = 0


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Stored attachments and letters go to a folder of this test only, never to the project's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@contextlib.contextmanager
def shared_transaction(django_db_blocker):
    """For a fixture wider than one test (module or class scope) whose data its tests only read.

    Opens a transaction that is rolled back when the fixture ends; each test then runs in a
    savepoint inside it (pytest-django's own transaction for a test with `db`), so what one test
    writes is undone before the next and every test finds the same data. Build the data inside
    `with django_db_blocker.unblock():`; the tests get database access from `db` as usual. Not for
    tests with `transactional_db`, which commit and flush.

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            with shared_transaction(django_db_blocker):
                with django_db_blocker.unblock():
                    built = ...
                yield built
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def signed_in_client(user: User) -> Client:
    """A test client past both sign-in steps (password and TOTP)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def as_user():
    return signed_in_client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: what one test's rows put there (the method's reads,
    koers.method.cache) is gone when its transaction is rolled back or the tables are flushed."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas get passwords; the production hasher makes each one take a third of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def midday():
    """The clock at noon today (Koers's time zone), still running: for tests that look "a while
    later" (the worker's next round, minutes ahead), which just before midnight would be tomorrow."""
    noon = dt.datetime.combine(timezone.localdate(), dt.time(12), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(noon, tick=True):
        yield noon


class ApiClient:
    """A JSON client with a bearer token for one user."""

    def __init__(self, user):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {api_token_create(user=user)}"} if user else {}

    def get(self, path, **params):
        return self.client.get("/api/v1" + path, params, headers=self.headers)

    def post(self, path, body=None, raw=None, headers=None):
        data = raw if raw is not None else json.dumps(body or {})
        return self.client.post(
            "/api/v1" + path, data, content_type="application/json", headers={**self.headers, **(headers or {})}
        )


@pytest.fixture
def api():
    return ApiClient


@pytest.fixture
def taxonomy(transactional_db):
    """An earlier transactional test flushed the tables, also the taxonomy the migration loaded."""
    from koers.method.models import WorkingElement, WorkingElementTheme
    from koers.method.taxonomy import load_taxonomy

    load_taxonomy(WorkingElementTheme, WorkingElement)
