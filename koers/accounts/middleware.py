"""Staff must pass the second factor before they see any page."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Paths a signed-in but not yet verified user may still open.
_OPEN_PREFIXES = ("/inloggen", "/tweede-stap", "/uitloggen", "/static/", "/api/", "/favicon")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(_OPEN_PREFIXES):
            return redirect(reverse("second_factor") + "?" + urlencode({"next": request.path}))
        return self.get_response(request)
