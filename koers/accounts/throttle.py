"""Sign-in throttling that an attacker cannot turn against the real user (ADR 0004).

Attempts are rows in the database, so every server process counts the same attempts. An attempt
is written *before* the password or code is checked and counted with the others; when a limit is
exceeded the row is taken back and the attempt refused unchecked. Writing and counting happen in
one transaction that holds a lock per key (on PostgreSQL an advisory lock; SQLite writes one at a
time anyway), so simultaneous attempts are counted one after the other: exactly the limit gets
checked, never more and not fewer. A successful attempt removes its rows.

Which limits apply to a password attempt:
- from a known device (a browser where this user completed both steps before, remembered by a
  signed cookie): only that device's own limits, so a stranger's guessing elsewhere never locks
  the user out on their own laptop;
- otherwise: per username and address (5 per 15 minutes), per address over all usernames (20 per
  15 minutes), and a slow, long limit per username over all addresses (30 per 24 hours) against
  guessing spread over many addresses.
The second step (the code) is counted per user: whoever gets there knows the password.
"""

import datetime as dt
import hashlib
import ipaddress
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.utils import timezone

from koers.accounts.models import SignInAttempt


def client_address(request) -> str:
    """The address the attempt came from, as the limits count it.

    Behind a reverse proxy `REMOTE_ADDR` is the proxy's, shared by every user: then 20 wrong
    passwords anywhere would lock every new device. So when the request comes from one of
    `KOERS_TRUSTED_PROXIES`, the client is the last address in `X-Forwarded-For` that is not a
    trusted proxy itself (what the proxy saw; the entries before it are whatever the client
    wrote). From any other address the header is ignored: a client cannot choose its own.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.KOERS_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed(forwarded):
        if candidate in trusted:
            continue
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            break  # garbage where the proxy should have written an address: count it as the proxy
    return remote


MINUTES_15 = dt.timedelta(minutes=15)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(hours=24)

# scope: [(at most this many attempts, within this window), ...]; a scope fits SignInAttempt.scope (20).
LIMITS: dict[str, list[tuple[int, dt.timedelta]]] = {
    "user_address": [(5, MINUTES_15)],
    "address": [(20, MINUTES_15)],
    "user": [(30, DAY)],
    "device": [(5, MINUTES_15), (20, DAY)],
    "code": [(5, MINUTES_15)],
    # The youth portal (koers.portal): asking for a code, and typing one.
    "portal_request_email": [(5, MINUTES_15), (20, DAY)],
    "portal_request_addr": [(20, MINUTES_15)],
    "portal_code_email": [(5, MINUTES_15), (20, DAY)],
    "portal_code_address": [(20, MINUTES_15)],
    # The public registration and call-back forms (koers.web.intake.public), counted together:
    # a person registers once or twice, a script many times.
    "intake_form_address": [(5, HOUR), (20, DAY)],
}
KEEP_FOR = DAY  # the longest window

DEVICE_COOKIE = "koers_apparaat"
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600
_DEVICE_SALT = "koers.accounts.known-device"


def normal_username(username: str) -> str:
    # As Django normalises before it looks up the user, so "naam " or "NAAM" counts as one account.
    return unicodedata.normalize("NFKC", username.strip()).casefold()


def _key(*parts: str) -> str:
    # Hashed, so a huge or odd username cannot become a huge row, and the table holds no names.
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Attempt:
    """The rows written for one attempt; None when the attempt was refused."""

    ids: tuple[int, ...]
    keys: tuple[tuple[str, str], ...]


def _lock(keys: list[tuple[str, str]]) -> None:
    """Wait for other attempts on the same keys (in a fixed order, so two never deadlock)."""
    if connection.vendor != "postgresql":
        return
    numbers = sorted(
        int.from_bytes(hashlib.sha256(f"{scope}:{key}".encode()).digest()[:8], "big", signed=True)
        for scope, key in keys
    )
    with connection.cursor() as cursor:
        for number in numbers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


@transaction.atomic
def _begin(keys: list[tuple[str, str]]) -> Attempt | None:
    _lock(keys)
    now = timezone.now()
    SignInAttempt.objects.filter(at__lt=now - KEEP_FOR).delete()
    rows = SignInAttempt.objects.bulk_create(SignInAttempt(scope=scope, key=key, at=now) for scope, key in keys)
    ids = tuple(row.pk for row in rows)
    for scope, key in keys:
        for limit, window in LIMITS[scope]:
            if SignInAttempt.objects.filter(scope=scope, key=key, at__gt=now - window).count() > limit:
                SignInAttempt.objects.filter(pk__in=ids).delete()
                return None
    return Attempt(ids=ids, keys=tuple(keys))


def succeeded(attempt: Attempt) -> None:
    """The attempt was right: forget it, and the earlier failures from this address or device."""
    SignInAttempt.objects.filter(pk__in=attempt.ids).delete()
    for scope, key in attempt.keys:
        if scope in {"user_address", "device", "code", "portal_code_email"}:
            SignInAttempt.objects.filter(scope=scope, key=key).delete()


def begin_password(*, username: str, address: str, device: str | None) -> Attempt | None:
    """Count a password attempt; None means: refused, do not check the password."""
    user = normal_username(username)
    if device is not None:
        return _begin([("device", _key(user, device))])
    return _begin([("user_address", _key(user, address)), ("address", _key(address)), ("user", _key(user))])


def begin_code(*, user_id: int) -> Attempt | None:
    """Count a second-factor attempt; None means: refused, do not check the code."""
    return _begin([("code", _key(str(user_id)))])


def begin_portal_request(*, email: str, address: str) -> Attempt | None:
    """Count a youth's request for a sign-in mail; None means: refused, send nothing."""
    return _begin([("portal_request_email", _key(normal_username(email))), ("portal_request_addr", _key(address))])


def begin_portal_code(*, email: str, address: str) -> Attempt | None:
    """Count a typed portal code; None means: refused, do not check the code."""
    return _begin([("portal_code_email", _key(normal_username(email))), ("portal_code_address", _key(address))])


def begin_intake_form(*, address: str) -> Attempt | None:
    """Count a sent public registration or call-back form; None means: refused, save nothing.
    The rows stay (nothing "succeeds" here): they are the count."""
    return _begin([("intake_form_address", _key(address))])


# Known devices


def device_cookie_value(user) -> str:
    """A signed value naming this user and a random device id, set after a complete sign-in."""
    return signing.dumps({"u": user.pk, "d": secrets.token_urlsafe(16)}, salt=_DEVICE_SALT)


def known_device(cookie: str | None, *, username: str, user_for_username) -> str | None:
    """The device id when the cookie was set for the account with this username, else None.

    `user_for_username(normal_name)` returns the user's id or None (kept outside so this module
    needs no query of its own for the lookup).
    """
    if not cookie:
        return None
    try:
        value = signing.loads(cookie, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("u") != user_for_username(normal_username(username)):
        return None
    device = value.get("d")
    return device if isinstance(device, str) else None
