"""The worker's sign of life: one row, the time a worker last finished a round."""

import datetime as dt

from django.utils import timezone

from koers.db.inserts import insert_if_absent
from koers.outbox.models import WorkerHeartbeat

# A worker writes the row at most this often: a round every 5 seconds must not mean a write each.
HEARTBEAT_INTERVAL = dt.timedelta(minutes=1)
_ROW = 1


def worker_seen(*, now: dt.datetime | None = None) -> None:
    """Record that a worker finished a round. Several workers share the row; the newest time stays."""
    now = now or timezone.now()
    if WorkerHeartbeat.objects.filter(pk=_ROW, seen_at__lt=now).update(seen_at=now):
        return
    insert_if_absent(WorkerHeartbeat(pk=_ROW, seen_at=now))  # the first round ever (or a newer one won)


def worker_last_seen() -> dt.datetime | None:
    return WorkerHeartbeat.objects.filter(pk=_ROW).values_list("seen_at", flat=True).first()
