"""Run a write once per idempotency key.

The key is claimed by inserting its row in the same transaction as the write. A second request
with the same key waits at the unique index until the first one has finished: after a commit it
gets the stored outcome, after a rollback (the write was refused) it does the write itself. So a
doubled or retried request has the effect of one, on PostgreSQL and on SQLite alike. The claim
never fails on the server (`koers.db.inserts`), so a lost race logs nothing there.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from koers.db.inserts import insert_if_absent
from koers.idempotency.models import IdempotencyKey

# Long enough for a retried call a day later; short enough that the table stays small.
KEEP_FOR = dt.timedelta(hours=24)
KEY_PATTERN = r"^[A-Za-z0-9_.:\-]{8,100}$"
_VALID_KEY = re.compile(KEY_PATTERN)


def is_valid_key(key: str) -> bool:
    """8 to 100 characters of letters, digits and - _ . : (a UUID fits)."""
    return bool(_VALID_KEY.match(key))


class KeyReused(Exception):
    """The key was used before for a different request."""


@dataclass(frozen=True)
class Outcome:
    value: dict
    replayed: bool


def run_once(*, user, key: str, scope: str, write: Callable[[], dict], fingerprint: str = "") -> Outcome:
    """Call `write` unless this user's key was used already; return its (stored) outcome.

    `write` returns a JSON-serialisable dict. When it raises, nothing is stored and the key stays
    free, so the corrected request can use it again.
    """
    with transaction.atomic():
        claimed = IdempotencyKey(user=user, key=key, scope=scope, fingerprint=fingerprint)
        if not insert_if_absent(claimed):
            earlier = IdempotencyKey.objects.get(user=user, key=key)
            if earlier.scope != scope or earlier.fingerprint != fingerprint:
                raise KeyReused(key) from None
            return Outcome(value=earlier.outcome, replayed=True)
        value = write()
        claimed.outcome = value
        claimed.save(update_fields=["outcome"])
        IdempotencyKey.objects.filter(user=user, created_at__lt=timezone.now() - KEEP_FOR).delete()
    return Outcome(value=value, replayed=False)
