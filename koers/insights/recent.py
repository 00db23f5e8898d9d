"""Insight numbers kept a few minutes in Django's cache (ADR 0012).

The team, throughput and experiment pages count over the whole organisation's summary tables: a
team lead who reloads, pages through a list or switches back to a filter should not make the
database count 100,000 trajectories again. The cached values are counts and staff names, never a
youth's data. Each page says when its numbers were counted, so nobody mistakes them for live.
"""

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

RECENT_SECONDS = 300  # the pages say "hoogstens elke 5 minuten"

T = TypeVar("T")


def counted_recently(key: str, count: Callable[[], T]) -> tuple[T, dt.datetime]:
    """`count()` as computed at most RECENT_SECONDS ago under `key`, with when it was computed."""
    found = cache.get(key)
    if found is None:
        found = (count(), timezone.now())
        cache.set(key, found, RECENT_SECONDS)
    return found
