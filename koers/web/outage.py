"""Answer 503 with Retry-After while the database is away (koers.db.outage), for every page.

It sits high in MIDDLEWARE, above the session and sign-in middleware. A view that loses the
connection (or cannot make it) is answered by process_exception below; what breaks inside a
middleware under this one reaches Django's 500 handler, which answers the same
(koers.api.errors.server_error_view), and the API answers for itself (koers.api.errors). The
connection is not opened here: a request that needs no database (/gezond/, the favicon, a
redirect to sign in) must not need one.
"""

from koers.db.outage import OUTAGE_ERRORS, outage_response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return outage_response(request, exception)
        return None
