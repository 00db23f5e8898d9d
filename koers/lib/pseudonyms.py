"""Pseudonyms for exports: a keyed hash (HMAC-SHA256) of what a row is ("youth:12"), so the same
key gives the same pseudonym in every export and another key an unrelated one. Without the key a
pseudonym cannot be traced back to the id, nor the id forward to the pseudonym (ids are small
numbers that anyone could try one by one; the key is what stops that, so it never leaves Koers).

16 hexadecimal characters (64 bits): among a million rows the chance that two share one is about
one in 37 million.
"""

import hashlib
import hmac

LENGTH = 16


def pseudonym(key: bytes, kind: str, number: int) -> str:
    """The pseudonym of `kind` number `number` ("youth", 12) under `key`."""
    return hmac.new(key, f"{kind}:{number}".encode(), hashlib.sha256).hexdigest()[:LENGTH]


class Pseudonymiser:
    """`pseudonym` for many rows under one key: the key is prepared once, and the last few
    thousand results are remembered (an export lists a youth's rows together), so memory stays
    bounded however long the export is."""

    def __init__(self, key: bytes, remember: int = 4096) -> None:
        self._prepared = hmac.new(key, digestmod=hashlib.sha256)
        self._remember = remember
        self._known: dict[tuple[str, int], str] = {}

    def __call__(self, kind: str, number: int | None) -> str:
        """The pseudonym, or "" for no row (a contact without a consultant)."""
        if number is None:
            return ""
        found = self._known.get((kind, number))
        if found is None:
            mac = self._prepared.copy()
            mac.update(f"{kind}:{number}".encode())
            found = mac.hexdigest()[:LENGTH]
            if len(self._known) >= self._remember:
                self._known.clear()
            self._known[(kind, number)] = found
        return found
