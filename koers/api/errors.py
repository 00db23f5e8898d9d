"""One error shape for the API: {"detail": "...", "errors": {"field": ["message", ...]}}.

Pydantic's messages are replaced by Dutch ones for the common cases, so a municipal developer
and a functional administrator read the same language as the pages.
"""

import logging
import sys

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from koers.db.outage import OUTAGE_ERRORS, outage_response

logger = logging.getLogger(__name__)

_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "date_from_datetime_parsing": "Geef een datum als JJJJ-MM-DD.",
    "date_parsing": "Geef een datum als JJJJ-MM-DD.",
    "date_type": "Geef een datum als JJJJ-MM-DD.",
    "time_parsing": "Geef een tijd als UU:MM.",
    "int_parsing": "Geef een geheel getal.",
    "bool_parsing": "Geef true of false.",
    "string_type": "Geef tekst.",
    "list_type": "Geef een lijst.",
    "string_too_long": "Deze tekst is te lang.",
    "json_invalid": "De inhoud is geen geldige JSON.",
    "greater_than_equal": "Deze waarde is te klein.",
    "less_than_equal": "Deze waarde is te groot.",
    "greater_than": "Deze waarde is te klein.",
    "less_than": "Deze waarde is te groot.",
    "string_too_short": "Dit veld mag niet leeg zijn.",
    "date_from_datetime_inexact": "Geef een datum zonder tijd, als JJJJ-MM-DD.",
    "int_from_float": "Geef een geheel getal.",
    "int_type": "Geef een geheel getal.",
    "bool_type": "Geef true of false.",
    "dict_type": "Geef een object.",
    "model_type": "Geef een object.",
    "model_attributes_type": "Geef een object.",
    "time_type": "Geef een tijd als UU:MM.",
    "too_long": "Deze lijst is te lang.",
}


def _field_name(loc) -> str:
    # loc looks like ("body", "payload", "date") or ("query", "on"); keep the part after the model.
    parts = [str(part) for part in loc if part not in {"body", "query", "path", "payload"}]
    return ".".join(parts) or "__all__"


def _message(error: dict) -> str:
    if error.get("type") in {"literal_error", "enum"}:
        expected = error.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", ", ")
        return "Kies een van: " + expected + "."
    if error.get("type") == "value_error":
        return str(error.get("ctx", {}).get("error", error.get("msg", "")))
    return _MESSAGES.get(error.get("type", ""), error.get("msg", "Ongeldige waarde."))


def field_errors_response(api: NinjaAPI, request, errors: dict[str, list[str]], status: int):
    return api.create_response(
        request, {"detail": "Controleer de invoer: " + "; ".join(errors) + ".", "errors": errors}, status=status
    )


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_name(error.get("loc", ())), []).append(_message(error))
        return field_errors_response(api, request, errors, 422)

    @api.exception_handler(DjangoValidationError)
    def rule_violation(request, exc):
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for err in errs for m in err] for field, errs in exc.error_dict.items()}
        else:
            errors = {"__all__": [str(m) for m in exc.messages]}
        return field_errors_response(api, request, errors, 400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, {"detail": str(exc) or "Uw rol geeft geen toegang tot deze gegevens."}, status=403
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return field_errors_response(api, request, {"__all__": ["De inhoud is geen geldige JSON."]}, 400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return api.create_response(request, {"detail": "De aanvraag is te groot."}, status=413)

    def database_away(request, exc):
        return outage_response(request, exc)  # 503 with Retry-After, not a fault (koers.db.outage)

    for error in OUTAGE_ERRORS:
        api.add_exception_handler(error, database_away)

    @api.exception_handler(Exception)
    def fault(request, exc):
        # Ninja picks the most specific handler, so this one only sees what nothing above expected.
        # The traceback goes to the log (no request data in it); the caller gets the error shape.
        route = request.resolver_match.route if request.resolver_match else ""
        logger.exception("API fault in %s %s", request.method, route)
        return api.create_response(request, {"detail": FAULT}, status=500)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request,
            {"detail": "Log in met een geldige API-sleutel: Authorization: Bearer <sleutel>."},
            status=401,
        )


# Outside the API's own routes (an unknown path under /api/, a fault in a middleware) Django
# answers; under /api/ it answers in the same shape as the API.

NOT_FOUND = "Niet gevonden, of u heeft er geen toegang toe."
FAULT = "Er ging iets mis in Koers. Probeer het later opnieuw; blijft het misgaan, meld het dan."


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found_view(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": NOT_FOUND, "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error_view(request):
    # The database went away inside a middleware below koers.web.outage: still 503, not 500.
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE_ERRORS):
        return outage_response(request, error)
    if _is_api(request):
        return JsonResponse({"detail": FAULT, "errors": {}}, status=500)
    return defaults.server_error(request)
