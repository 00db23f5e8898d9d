"""The working-element taxonomy: the codes a contact's interventions are coded with."""

from ninja import Router, Schema

from koers.api.schemas import responses
from koers.method.models import WorkingElement

router = Router(tags=["werkwijze"])


class WorkingElementOut(Schema):
    code: str
    name: str
    theme_code: str
    theme: str


@router.get(
    "/working-elements",
    response=responses({200: list[WorkingElementOut]}, (401,)),
    summary="Werkzame elementen (interventiecodes)",
)
def working_elements(request):
    # No youth data here, so no access log; any signed-in API user may read the codes.
    return [
        {"code": e.code, "name": e.name, "theme_code": e.theme.code, "theme": e.theme.name}
        for e in WorkingElement.objects.filter(active=True).select_related("theme")
    ]
