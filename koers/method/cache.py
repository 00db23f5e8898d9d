"""The method's reads that every youth file repeats, kept in Django's cache (ADR 0012).

- What belongs to one version (its steps, basic methods, toolbox, target-group tips) is kept under
  the version's id for good: a version never changes once made (ADR 0007), so it cannot go stale.
- Which version is an organisation's current one changes only when a version is made; saving a
  `MethodVersion` forgets it, at once and again when the transaction commits (so a request that
  read the old one meanwhile cannot keep it). The working-element taxonomy is forgotten the same
  way when an element or theme is saved or deleted (koers.method.signals).
- Each process of each app server has its own local-memory cache and forgets only its own copy,
  so both also expire: which version is current after `CURRENT_TIMEOUT` (a page reads it about
  once; a new version reaches every process within seconds), the taxonomy after `MUTABLE_TIMEOUT`
  (changed rarely, by the platform operator; `contact_record` checks the elements against the
  database, so an element retired a moment ago is refused with a message, never saved). One
  shared Redis (KOERS_CACHE_URL) makes both immediate everywhere (docs/scaling.md).
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

CURRENT_TIMEOUT = 5  # seconds
MUTABLE_TIMEOUT = 300
ELEMENTS_KEY = "method:elements"
_NONE = 0  # stored for "no version": the cache cannot tell a stored None from a miss


def current_version_key(organisation_id: int) -> str:
    return f"method:current:{organisation_id}"


def remembered(key: str, read: Callable[[], T], *, timeout: int | None = None) -> T:
    """The cached value of `key`, read and stored on a miss (`timeout` None: for good)."""
    found = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, timeout)
    return found


def version_part(version_id: int, part: str, read: Callable[[], T]) -> T:
    """A part of an immutable version, kept for good."""
    return remembered(f"method:version:{version_id}:{part}", read)


def current_version_id(organisation_id: int, read: Callable[[], int | None]) -> int | None:
    return remembered(current_version_key(organisation_id), lambda: read() or _NONE, timeout=CURRENT_TIMEOUT) or None


def forget(key: str) -> None:
    """Forget now and again after the commit: a reader between the two cannot keep the old value."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
