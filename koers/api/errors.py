"""One error shape for the API: {"detail": "...", "errors": {"field": ["message", ...]}}.

Pydantic's messages are replaced by Dutch ones for the common cases, so a municipal developer
and a functional administrator read the same language as the pages.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

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
}


def _field_name(loc) -> str:
    # loc looks like ("body", "payload", "date") or ("query", "on"); keep the part after the model.
    parts = [str(part) for part in loc if part not in {"body", "query", "path", "payload"}]
    return ".".join(parts) or "__all__"


def _message(error: dict) -> str:
    if error.get("type") == "literal_error":
        return "Kies een van: " + error.get("ctx", {}).get("expected", "").replace("'", "") + "."
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
        return api.create_response(request, {"detail": "Niet gevonden, of u heeft er geen toegang toe."}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, {"detail": str(exc) or "Uw rol geeft geen toegang tot deze gegevens."}, status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request,
            {"detail": "Log in met een geldige API-sleutel: Authorization: Bearer <sleutel>."},
            status=401,
        )
