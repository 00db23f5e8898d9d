"""Sign-in throttling: after too many failed attempts for one username, wait a while.

Kept in Django's cache (per process by default); enough to stop guessing a password or a TOTP
code by hand or by a simple script, as BIO asks.
"""

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(stage: str, username: str) -> str:
    return f"signin-failures:{stage}:{username.lower()}"


def is_locked(stage: str, username: str) -> bool:
    return cache.get(_key(stage, username), 0) >= MAX_FAILURES


def record_failure(stage: str, username: str) -> None:
    key = _key(stage, username)
    cache.add(key, 0, WINDOW_SECONDS)
    cache.incr(key)


def clear(stage: str, username: str) -> None:
    cache.delete(_key(stage, username))
