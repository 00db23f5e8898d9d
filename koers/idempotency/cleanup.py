"""The idempotency keys' own clean-up: a key is deleted once its window has passed.

`run_once` already removes a user's old keys when that user claims a new one; this removes the
keys of users who stopped writing. The window is the one `run_once` answers repeats in
(`KEEP_FOR`, a day): a retry later than that is a new request anyway, so keeping the key longer
would change nothing, and deleting it earlier could turn a retry into a second write.
"""

import datetime as dt

from django.utils import timezone

from koers.db.purge import CHUNK_SIZE, delete_in_chunks
from koers.idempotency.models import IdempotencyKey
from koers.idempotency.services import KEEP_FOR


def idempotency_key_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete idempotency keys older than their window; returns how many."""
    before = (now or timezone.now()) - KEEP_FOR
    return delete_in_chunks(IdempotencyKey.objects.filter(created_at__lt=before), chunk_size=chunk_size)
