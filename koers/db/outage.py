"""While the database is away (a restart, a fail-over), answer 503 with Retry-After, not 500.

A load balancer and the API's clients read 503 as "try again shortly"; a 500 reads as a fault in
Koers. The page and the JSON say so in Dutch, and the log gets one line without personal data (the
path holds database ids at most; the query string and the error's text are left out).
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Django raises these when the connection cannot be made or breaks during a query.
OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def outage_response(request, error: BaseException) -> HttpResponse:
    name = type(error).__name__
    logger.warning("database unavailable (%s): answered 503 to %s %s", name, request.method, request.path)
    if request.path.startswith("/api/"):
        detail = _("Koers kan de database nu niet bereiken. Probeer het over een paar seconden opnieuw.")
        response = JsonResponse({"detail": detail, "errors": {}}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Our line above is the one; Django would add a second one (with a traceback, from a middleware).
    response._has_been_logged = True
    return response
