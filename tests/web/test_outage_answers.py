"""Where a lost database connection can surface, the answer is 503 with Retry-After and one log
line: in a view, in the API, and in a middleware below koers.web.outage (Django's 500 handler).

The errors are raised by small views and a middleware of this module's own; the real outage (a
stopped PostgreSQL) is tests/test_database_outage.py.
"""

import logging

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path
from ninja import NinjaAPI

from koers.api.errors import install_error_handlers

pytestmark = pytest.mark.urls(__name__)

api = NinjaAPI(urls_namespace="outage-test")
install_error_handlers(api)


@api.get("/lost")
def api_lost(request):
    raise OperationalError("server closed the connection unexpectedly")


def page_lost(request):
    raise InterfaceError("connection already closed")


class LosingMiddleware:
    """Stands for the session middleware reading a session when the connection breaks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/middleware-lost/":
            raise OperationalError("server closed the connection unexpectedly")
        return self.get_response(request)


urlpatterns = [path("page-lost/", page_lost), path("middleware-lost/", page_lost), path("api/v1/", api.urls)]
handler500 = "koers.api.errors.server_error_view"


def _outage_lines(caplog):
    return [(record.name, record.levelname) for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_page_whose_view_loses_the_database_answers_503_in_dutch(db, caplog):
    response = Client().get("/page-lost/")

    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Koers is even niet bereikbaar" in response.content.decode()
    assert _outage_lines(caplog) == [("koers.db.outage", "WARNING")]  # one line, no traceback
    assert caplog.records[-1].getMessage() == "database unavailable (InterfaceError): answered 503 to GET /page-lost/"


def test_the_api_answers_503_in_its_own_shape(db, caplog):
    response = Client().get("/api/v1/lost")

    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json() == {
        "detail": "Koers kan de database nu niet bereiken. Probeer het over een paar seconden opnieuw.",
        "errors": {},
    }
    assert _outage_lines(caplog) == [("koers.db.outage", "WARNING")]


def test_a_middleware_that_loses_the_database_still_gives_503(db, settings, caplog):
    at = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:at], f"{__name__}.LosingMiddleware", *settings.MIDDLEWARE[at:]]

    response = Client(raise_request_exception=False).get("/middleware-lost/")

    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Koers is even niet bereikbaar" in response.content.decode()
    assert _outage_lines(caplog) == [("koers.db.outage", "WARNING")]  # Django's traceback line is not added
