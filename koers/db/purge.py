"""Delete many rows without one long lock: a chunk of ids per transaction (Zulip's retention style).

Each chunk selects at most `chunk_size` ids, oldest first, deletes them by id and commits. A big
table never waits behind one huge DELETE, and a run that stops halfway (a deploy, a crash) has
kept what it did; the next run goes on from there. The ids are locked with `SKIP LOCKED`, so two
runs at once divide the rows between them instead of waiting for, or deadlocking on, each other,
and a row that a request is using at that moment is simply left for the next run.
"""

from django.db import transaction
from django.db.models import QuerySet

CHUNK_SIZE = 1000


def delete_in_chunks(rows: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete every row of `rows` (a filtered queryset) in chunks; return how many were deleted.

    The filter is applied again to every chunk, so a row that stopped matching meanwhile stays.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    model = rows.model
    label = model._meta.label
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(
                rows.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                return deleted
            # The filter again, not only the ids: SQLite takes no row locks, so a row may have changed.
            _total, per_model = rows.filter(pk__in=ids).delete()
            removed = per_model.get(label, 0)
        if not removed:
            return deleted  # nothing went although ids were found: never loop on the same chunk
        deleted += removed
