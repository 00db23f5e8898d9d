"""The attachments' own clean-up: files on disk that no message refers to any more are deleted.

A file becomes an orphan when its message is deleted (the row goes, the file stays) or when a
message was not saved after the file was stored (a crash between the two). Only files named the
way `storage.store` names them (`YYYY/MM/<32 hex>.<ext>`) are considered, so anything else an
operator puts in the private folder is left alone; and only files older than an hour, so a file
whose message is being saved at this moment is not taken away from it.

The other way round, a message whose file is missing, is counted and logged, never repaired here:
that needs a person (a restore that missed the folder, a disk problem). The names on disk are
random, but the log line carries the count only.
"""

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from koers.db.purge import CHUNK_SIZE
from koers.messaging.models import Attachment

logger = logging.getLogger(__name__)

MIN_AGE = dt.timedelta(hours=1)
# storage.store's names; Django's storage may add "_" and 7 characters when a name is taken.
STORED_NAME = re.compile(r"^\d{4}/\d{2}/[0-9a-f]{32}(_[A-Za-z0-9]{7})?\.[a-z0-9]{1,10}$")


def attachment_orphans_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete stored files older than an hour that no attachment refers to; returns how many.
    One query per `chunk_size` files."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    older_than = ((now or timezone.now()) - MIN_AGE).timestamp()
    removed = 0
    files = _stored_files(root, older_than=older_than)
    while chunk := list(islice(files, chunk_size)):
        names = [name for name, _path in chunk]
        referenced = set(Attachment.objects.filter(path__in=names).values_list("path", flat=True))
        for name, path in chunk:
            if name in referenced:
                continue
            try:
                path.unlink()
            except FileNotFoundError:
                continue  # another run was first
            removed += 1
    return removed


def attachment_missing_count(*, chunk_size: int = CHUNK_SIZE) -> int:
    """Count the attachments whose file is not on disk, and log the count when there are any.
    One query per `chunk_size` attachments."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    missing = 0
    paths = Attachment.objects.order_by("pk").values_list("path", flat=True).iterator(chunk_size=chunk_size)
    for name in paths:
        if not (root / name).is_file():
            missing += 1
    if missing:
        logger.warning("cleanup: %d message attachments have no file on disk", missing)
    return missing


def _stored_files(root: Path, *, older_than: float) -> Iterator[tuple[str, Path]]:
    """(storage name, path) of each file named like a stored attachment and last changed before
    `older_than`; symbolic links are not followed."""
    if not root.is_dir():
        return
    for folder, _dirs, files in os.walk(root):
        for file in files:
            path = Path(folder, file)
            name = path.relative_to(root).as_posix()
            if not STORED_NAME.match(name):
                continue
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            if stat.st_mtime >= older_than or not path.is_file() or path.is_symlink():
                continue
            yield name, path
