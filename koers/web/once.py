"""Forms that save once: each rendered form carries a fresh key, a repeat of it replays the outcome.

The browser's submit guard stops most double clicks, but not a reload of the POST, a second tab
or a slow network with a retry. The key makes the write itself idempotent (koers.idempotency).
"""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koers.idempotency.services import KeyReused, is_valid_key, run_once

ONCE_FIELD = "idempotency_key"


def new_key() -> str:
    return uuid.uuid4().hex


def submit_once(request, *, write: Callable[[], str], success: str) -> HttpResponseRedirect:
    """Run `write` (it saves and returns the URL to go to next) once per rendered form.

    A ValidationError from `write` passes through and frees the key, so the corrected form can be
    sent again. A repeat of a saved form goes to the same URL with a message that it was saved once.
    """
    key = request.POST.get(ONCE_FIELD, "")
    if not is_valid_key(key):
        # A client that sends no key (an old page, a script): an ordinary write.
        location = write()
        messages.success(request, success)
        return redirect(location)
    try:
        outcome = run_once(user=request.user, key=key, scope=f"web:{request.path}", write=lambda: {"location": write()})
    except KeyReused:
        raise SuspiciousOperation("idempotency key reused for another form") from None
    if outcome.replayed:
        messages.info(request, _("Dit formulier was al verstuurd. Het is één keer opgeslagen."))
    else:
        messages.success(request, success)
    return redirect(outcome.value["location"])
