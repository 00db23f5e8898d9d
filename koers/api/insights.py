"""Insights for other systems: the learning network's numbers, with the same small-numbers rule
as the page (a hidden count is null, never the number)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Query, Router, Schema

from koers.api.schemas import READ_ERRORS, responses
from koers.insights.selectors.network import learning_network, may_see_network
from koers.insights.selectors.practice import DEFAULT_PERIOD, PERIODS, PRACTICE_PHASES, period_of

router = Router(tags=["inzicht"])


class NetworkOrganisationOut(Schema):
    name: str
    own: bool
    open_trajectories_by_phase: dict[str, int | None]
    open_trajectories: int | None
    contacts: int
    interventions_per_contact: float | None
    element_shares: dict[str, float | None]


class NetworkOut(Schema):
    first_month: str
    months: int
    organisations: list[NetworkOrganisationOut]


class NetworkQuery(Schema):
    months: int = int(DEFAULT_PERIOD)


@router.get(
    "/insights/learning-network",
    response=responses({200: NetworkOut}, READ_ERRORS),
    summary="Lerend netwerk: cijfers van de organisaties die meedoen (null: minder dan 5, verborgen)",
)
def network(request, query: Query[NetworkQuery]):
    if not may_see_network(request.auth):
        raise PermissionDenied("Alleen teamleiders van organisaties in het lerend netwerk.")
    choice = str(query.months) if str(query.months) in PERIODS else DEFAULT_PERIOD
    data = learning_network(request.auth, period_of(choice, timezone.localdate()))
    organisations = []
    for index, column in enumerate(data.columns):
        organisations.append(
            {
                "name": column.name,
                "own": column.is_own,
                "open_trajectories_by_phase": dict(zip(PRACTICE_PHASES, column.open_by_phase, strict=True)),
                "open_trajectories": column.open_total,
                "contacts": column.contacts,
                "interventions_per_contact": round(column.per_contact, 3) if column.per_contact is not None else None,
                "element_shares": {
                    row.code: round(row.shares[index], 4) if row.shares[index] is not None else None
                    for _theme, rows in data.themes
                    for row in rows
                },
            }
        )
    return {"first_month": data.period.first.isoformat(), "months": data.period.months, "organisations": organisations}
