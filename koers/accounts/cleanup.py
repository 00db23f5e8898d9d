"""The sign-in throttle's own clean-up: attempts older than the longest limit are deleted.

Each attempt already removes the old rows (`throttle._begin`), but only when someone signs in; this
keeps the table small on quiet days too. A row counts towards a lock-out only within its limit's
window, so a row older than the longest window (a day) can change no decision.
"""

import datetime as dt

from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.accounts.throttle import KEEP_FOR, LIMITS
from koers.db.purge import CHUNK_SIZE, delete_in_chunks

# Never shorter than a window the limits count in, even if a longer limit is added later.
KEEP = max([KEEP_FOR, *(window for limits in LIMITS.values() for _limit, window in limits)])


def sign_in_attempt_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete sign-in attempts older than the longest throttle window; returns how many."""
    before = (now or timezone.now()) - KEEP
    return delete_in_chunks(SignInAttempt.objects.filter(at__lt=before), chunk_size=chunk_size)


def expired_session_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete sessions past their expiry (Django's `clearsessions`, in chunks): a signed-out or
    timed-out session is never read again, and nothing else removes it from the database."""
    from django.contrib.sessions.models import Session

    return delete_in_chunks(Session.objects.filter(expire_date__lt=now or timezone.now()), chunk_size=chunk_size)
