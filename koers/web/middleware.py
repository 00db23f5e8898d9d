"""Security headers that Django does not set itself, a limit on request bodies, and redirects
that htmx can follow."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# Pages use only our own scripts and styles; htmx and the small page scripts are served locally.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with personal data must not be kept by the browser or a shared proxy.
            response.setdefault("Cache-Control", "no-store")
        return response


class HtmxRedirectMiddleware:
    """A write sent by htmx that succeeds answers with a redirect; htmx would fetch that page and
    put it inside the form's section. HX-Redirect makes the browser load it as a whole page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") and response.status_code in (301, 302, 303) and "Location" in response:
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            for cookie in response.cookies.values():
                redirect.cookies[cookie.key] = cookie
            return redirect
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than any form can send (three files of 10 MB and some text)
    before anything reads it. Without this, the CSRF check parses the whole upload first: a
    120 MB body would be read and written to a temporary file, only to hear "groter dan 10 MB".
    It sits before the CSRF and session middleware, so the refusal needs neither."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.KOERS_MAX_REQUEST_BYTES:
            return too_large_response(request)
        return self.get_response(request)


def too_large_response(request) -> HttpResponse:
    message = _("Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("De aanvraag is te groot."), "errors": {}}, status=413)
    return HttpResponse(render_to_string("413.html", {"message": message}, request=None), status=413)
