"""The JSON API under /api/v1/ (OpenAPI document at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from koers.api import impact, insights, method, referrals, trajectories, youths
from koers.api.auth import BearerToken
from koers.api.errors import install_error_handlers

api = NinjaAPI(
    title="Koers API",
    version="1",
    description=(
        "API voor gemeentelijke systemen. Elke aanroep wordt vastgelegd in het toegangslog. Datums zijn altijd "
        "JJJJ-MM-DD. Onbekende queryparameters worden genegeerd. POST-verzoeken nemen een Idempotency-Key aan: "
        "een herhaald verzoek met dezelfde sleutel heeft één keer effect."
    ),
    auth=BearerToken(),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive docs load scripts from a CDN, which our CSP forbids
)
install_error_handlers(api)
api.add_router("", youths.router)
api.add_router("", trajectories.router)
api.add_router("", method.router)
api.add_router("", insights.router)
api.add_router("", referrals.router)
api.add_router("", impact.router)
