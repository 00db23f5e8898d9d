"""Security headers that Django does not set itself, and redirects that htmx can follow."""

from django.http import HttpResponse

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
