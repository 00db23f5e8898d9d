"""Sign-in throttling: after too many failed attempts for one username, wait a while.

Kept in Django's cache (per process by default); enough to stop guessing a password or a TOTP
code by hand or by a simple script, as BIO asks.
"""

import hashlib
import unicodedata

from django.core.cache import cache

MAX_FAILURES = 5
# One address may try more usernames (a shared office), but not without end.
MAX_FAILURES_PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60


def _key(stage: str, username: str) -> str:
    # Normalise as Django does before it looks up the user, so "naam " or "NAAM" is the same
    # account; hash so a huge or odd username cannot become a huge cache key.
    normal = unicodedata.normalize("NFKC", username.strip()).casefold()
    return f"signin-failures:{stage}:{hashlib.sha256(normal.encode()).hexdigest()}"


def is_locked(stage: str, username: str) -> bool:
    limit = MAX_FAILURES_PER_ADDRESS if stage == "address" else MAX_FAILURES
    return cache.get(_key(stage, username), 0) >= limit


def record_failure(stage: str, username: str) -> None:
    key = _key(stage, username)
    cache.add(key, 0, WINDOW_SECONDS)
    cache.incr(key)


def clear(stage: str, username: str) -> None:
    cache.delete(_key(stage, username))
