"""The working method: the working-element taxonomy (the codes a contact's interventions are coded
with) and the organisation's current method version (phases, steps, basic methods, toolbox)."""

from ninja import Router, Schema

from koers.api.schemas import responses
from koers.method.models import MethodPhase, StepKind, WorkingElement
from koers.method.selectors import current_method

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


class StepOut(Schema):
    id: int
    key: str
    phase: str
    kind: str
    kind_label: str
    text: str
    also_later_phases: bool
    also_earlier_phases: bool
    working_elements: list[str]


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
    working_elements: list[str]


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
    method = current_method(request.auth.organisation_id)
    if method is None:
        return 404, {"detail": "Uw organisatie heeft nog geen werkwijze."}
    version, steps, basic_methods, toolbox = method
    return {
        "version": version.number,
        "created_at": version.created_at.isoformat(),
        "reason": version.reason,
        "phases": [{"code": code, "name": str(label)} for code, label in MethodPhase.choices],
        "steps": [
            {
                "id": s.pk,
                "key": s.key,
                "phase": s.phase,
                "kind": s.kind,
                "kind_label": str(StepKind(s.kind).label),
                "text": s.text,
                "also_later_phases": s.later,
                "also_earlier_phases": s.earlier,
                "working_elements": [e.code for e in s.working_elements.all()],
            }
            for s in steps
        ],
        "basic_methods": [
            {"key": m.key, "name": m.name, "when": m.when, "phases": m.phases, "prompts": m.prompts}
            for m in basic_methods
        ],
        "toolbox": [
            {
                "key": i.key,
                "category": i.category,
                "situation": i.situation,
                "action": i.action,
                "referral": i.referral,
                "barrier": i.barrier or None,
                "partners": i.partners,
                "working_elements": [e.code for e in i.working_elements.all()],
            }
            for i in toolbox
        ],
    }
