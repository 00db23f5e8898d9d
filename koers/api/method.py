"""The working method: the working-element taxonomy (the codes a contact's interventions are coded
with) and the organisation's current method version (phases, steps, basic methods, toolbox)."""

from ninja import Router, Schema
from pydantic import Field

from koers.api.schemas import responses
from koers.method import selectors as method_selectors
from koers.method.models import MethodPhase
from koers.method.selectors import current_version, method_data

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
        for e in method_selectors.working_elements()
    ]


# The names the API has always used, read from method.selectors.method_data's names.
class StepOut(Schema):
    id: int
    key: str
    phase: str
    kind: str
    kind_label: str
    text: str
    also_later_phases: bool = Field(validation_alias="later")
    also_earlier_phases: bool = Field(validation_alias="earlier")
    working_elements: list[str] = Field(validation_alias="elements")


class BasicMethodOut(Schema):
    key: str
    name: str
    when: str
    phases: list[str]
    prompts: list[str]


class ToolboxItemOut(Schema):
    key: str
    category: str
    situation: str
    action: str
    referral: bool
    barrier: str | None
    partners: list[str]
    working_elements: list[str] = Field(validation_alias="elements")


class PhaseOut(Schema):
    code: str
    name: str


class MethodOut(Schema):
    version: int
    created_at: str
    reason: str
    phases: list[PhaseOut]
    steps: list[StepOut]
    basic_methods: list[BasicMethodOut]
    toolbox: list[ToolboxItemOut]


@router.get(
    "/method",
    response=responses({200: MethodOut}, (401, 404)),
    summary="De werkwijze van uw organisatie (huidige versie)",
)
def method(request):
    # The method holds no youth data (target-group guidance is left out: it is for the file only).
    version = current_version(request.auth.organisation_id)
    if version is None:
        return 404, {"detail": "Uw organisatie heeft nog geen werkwijze."}
    return {
        "version": version.number,
        "created_at": version.created_at.isoformat(),
        "reason": version.reason,
        "phases": [{"code": code, "name": str(label)} for code, label in MethodPhase.choices],
        **method_data(version, with_guidance=False),
    }
