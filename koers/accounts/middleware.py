"""Staff must pass the second factor before they see any page; sessions renew while in use."""

import time

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Paths a signed-in but not yet verified user may still open.
_OPEN_PREFIXES = ("/inloggen", "/tweede-stap", "/uitloggen", "/static/", "/api/", "/favicon", "/aanmelden/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(_OPEN_PREFIXES):
            return redirect(reverse("second_factor") + "?" + urlencode({"next": request.path}))
        return self.get_response(request)


RENEW_AFTER_SECONDS = 60


class SessionRenewalMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request (three
    queries, and a row lock under load); the time-out (KOERS_SESSION_MINUTES) is then exact to
    within a minute instead of to the second.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        # A page polling by itself (htmx, "X-Koers-Poll") is no sign that someone is there.
        if session is not None and request.user.is_authenticated and not request.headers.get("X-Koers-Poll"):
            now = int(time.time())
            if now - session.get("renewed_at", 0) >= RENEW_AFTER_SECONDS:
                session["renewed_at"] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)
