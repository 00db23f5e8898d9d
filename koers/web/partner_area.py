"""Chain partners stay in their own area. Every staff page checks its role already (youth files
through koers.trajectories.access, the other pages by role); this middleware is the second lock,
so a page added later without a role check still answers 403 to a chain partner."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from koers.accounts.models import Role

# What a signed-in chain partner may open: their area, signing in and out, static files, and the
# API (which checks its token's role itself, koers.api.auth).
PARTNER_PREFIXES = (
    "/ketenpartner/",
    "/aanmelden/",  # the public registration page needs no sign-in at all
    "/inloggen/",
    "/tweede-stap/",
    "/uitloggen/",
    "/wachtwoord/",
    "/static/",
    "/favicon",
    "/gezond/",
    "/api/",
)


class PartnerAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.role == Role.CHAIN_PARTNER:
            if request.path == "/":
                return redirect("partner_home")  # where signing in lands
            if not request.path.startswith(PARTNER_PREFIXES):
                raise PermissionDenied("Uw rol geeft alleen toegang tot uw verwijzingen.")
        return self.get_response(request)
