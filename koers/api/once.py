"""Idempotency-Key for the API's POSTs: a retried call has the effect of one (koers.idempotency)."""

import hashlib
from collections.abc import Callable

from ninja import Status

from koers.idempotency.services import KeyReused, run_once


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), request.body):
        digest.update(part + b"\x00")
    return digest.hexdigest()


def respond_once(request, key: str | None, write: Callable[[], tuple[int, dict]]) -> Status:
    """Answer with `write()`'s (status, body); with a key, a repeat gets the stored answer.

    Only a successful write is stored: when `write` raises (invalid input, a rule of the flow
    chart), nothing is kept and the same key may be used for the corrected request.
    """
    if key is None:
        status, body = write()
        return Status(status, body)

    def stored() -> dict:
        status, body = write()
        return {"status": status, "body": body}

    try:
        outcome = run_once(
            user=request.auth,
            key=key,
            scope=f"api:{request.path}"[:80],
            fingerprint=_fingerprint(request),
            write=stored,
        )
    except KeyReused:
        message = "Deze sleutel is al gebruikt voor een ander verzoek. Gebruik per verzoek een nieuwe sleutel."
        return Status(422, {"detail": message, "errors": {"Idempotency-Key": [message]}})
    return Status(outcome.value["status"], outcome.value["body"])
