"""Reads of the method: the working-element taxonomy and the organisation's current method."""

from dataclasses import dataclass

from django.db.models import QuerySet

from koers.method import cache
from koers.method.models import (
    BasicMethod,
    MethodPhase,
    MethodStep,
    MethodVersion,
    StepKind,
    TargetGroupGuidance,
    ToolboxItem,
    WorkingElement,
)


@dataclass(frozen=True)
class ElementGroup:
    theme: str
    elements: tuple[tuple[str, str], ...]  # (code, name)


def working_elements() -> list[WorkingElement]:
    """The active working elements with their theme, in the taxonomy's order (one query, or none
    from the cache: koers.method.cache)."""
    return cache.remembered(
        cache.ELEMENTS_KEY,
        lambda: list(WorkingElement.objects.filter(active=True).select_related("theme")),
        timeout=cache.MUTABLE_TIMEOUT,
    )


def element_groups(elements: list[WorkingElement]) -> list[ElementGroup]:
    """The elements per theme, in the taxonomy's order."""
    groups: dict[int, tuple[str, list]] = {}
    for element in elements:
        groups.setdefault(element.theme_id, (element.theme.name, []))[1].append((element.code, element.name))
    return [ElementGroup(theme=name, elements=tuple(items)) for name, items in groups.values()]


# The working method.

PHASE_ORDER = {phase: index for index, phase in enumerate(MethodPhase.values)}


@dataclass(frozen=True)
class StepRow:
    id: int
    key: str
    phase: str
    kind: str
    text: str
    source: str  # "own": a step of the phase; "earlier" (→) or "later" (←): from another phase


@dataclass(frozen=True)
class PhaseSteps:
    """The steps that apply in some method phases: the phases' own, those from other phases that
    apply too (→ / ←), and the attitude reminders for the whole trajectory."""

    phases: tuple[str, ...]
    steps: tuple[StepRow, ...]
    attitude: tuple[StepRow, ...]

    @property
    def own(self) -> tuple[StepRow, ...]:
        return tuple(s for s in self.steps if s.source == "own")

    @property
    def other(self) -> tuple[StepRow, ...]:
        return tuple(s for s in self.steps if s.source != "own")


def current_version(organisation_id: int | None) -> MethodVersion | None:
    """The organisation's newest version (one query), or None."""
    if organisation_id is None:
        return None
    return MethodVersion.objects.filter(organisation_id=organisation_id).order_by("-number").first()


def current_version_id(organisation_id: int) -> int | None:
    """The id of the organisation's newest version (one query, or none from the cache)."""
    return cache.current_version_id(
        organisation_id,
        lambda: (
            MethodVersion.objects.filter(organisation_id=organisation_id)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        ),
    )


def current_version_of(organisation_id: int) -> QuerySet[MethodVersion]:
    """The organisation's newest version, as a one-row query to use in a subquery."""
    return MethodVersion.objects.filter(organisation_id=organisation_id).order_by("-number").values("pk")[:1]


def steps_for_phases(organisation_id: int, phases: tuple[str, ...]) -> PhaseSteps:
    """The steps of the organisation's current method that apply in `phases` (one query)."""
    if not phases:
        return PhaseSteps(phases=(), steps=(), attitude=())
    first, last = min(PHASE_ORDER[p] for p in phases), max(PHASE_ORDER[p] for p in phases)
    steps, attitude = [], []
    for pk, key, phase, kind, text, later, earlier in _step_rows(current_version_id(organisation_id)):
        if kind == StepKind.ATTITUDE:
            attitude.append(StepRow(pk, key, phase, kind, text, "own"))
            continue
        order = PHASE_ORDER[phase]
        if phase in phases:
            source = "own"
        elif later and order < first:
            source = "earlier"
        elif earlier and order > last:
            source = "later"
        else:
            continue
        steps.append(StepRow(pk, key, phase, kind, text, source))
    return PhaseSteps(phases=phases, steps=tuple(steps), attitude=tuple(attitude))


def _step_rows(version_id: int | None) -> list[tuple]:
    """A version's steps as rows, in their order (one query, or none from the cache)."""
    if version_id is None:
        return []
    return cache.version_part(
        version_id,
        "steps",
        lambda: list(
            MethodStep.objects.filter(version_id=version_id)
            .order_by("position")
            .values_list("pk", "key", "phase", "kind", "text", "later", "earlier")
        ),
    )


def basic_methods_for(
    organisation_id: int, phases: tuple[str, ...], *, always: tuple[str, ...] = ()
) -> list[BasicMethod]:
    """The basic methods whose prompts matter in these phases, and those asked for `always` (by
    key, e.g. the stress-sensitive approach when stress is high); one query, or none from the cache."""
    version_id = current_version_id(organisation_id)
    if version_id is None:
        return []
    methods = cache.version_part(
        version_id,
        "basic_methods",
        lambda: list(BasicMethod.objects.filter(version_id=version_id).order_by("position")),
    )
    return [m for m in methods if set(m.phases) & set(phases) or m.key in always]


def toolbox_items_of(version_id: int | None) -> list:
    """A version's toolbox items in their order (one query, or none from the cache)."""
    if version_id is None:
        return []
    return cache.version_part(
        version_id, "toolbox", lambda: list(ToolboxItem.objects.filter(version_id=version_id).order_by("position"))
    )


def target_group_tips_of(version_id: int | None) -> list[TargetGroupGuidance]:
    """A version's tips per target-group marker (one query, or none from the cache)."""
    if version_id is None:
        return []
    return cache.version_part(
        version_id,
        "target_groups",
        lambda: list(TargetGroupGuidance.objects.filter(version_id=version_id).order_by("marker")),
    )


def current_method(organisation_id: int | None):
    """The organisation's current version with its steps, basic methods and toolbox (five
    queries), or None when it has none."""
    version = current_version(organisation_id)
    if version is None:
        return None
    steps = list(version.steps.order_by("position").prefetch_related("working_elements"))
    toolbox = list(version.toolbox.order_by("position").prefetch_related("working_elements"))
    return version, steps, list(version.basic_methods.order_by("position")), toolbox


def method_data(version: MethodVersion, *, with_guidance: bool = True) -> dict:
    """A version as plain data, the one serialisation of a method: the API shows it, a new version
    copies it, and two versions are compared with it (the shape of the default file, plus ids and
    the steps' Dutch kind names). `with_guidance=False` leaves out the target-group tips, which are
    for the youth file only. Five queries (four without the guidance)."""
    steps = version.steps.prefetch_related("working_elements").order_by("position")
    items = version.toolbox.prefetch_related("working_elements").order_by("position")
    data = {
        "steps": [
            {
                "id": s.pk,
                "key": s.key,
                "phase": s.phase,
                "kind": s.kind,
                "kind_label": str(StepKind(s.kind).label),
                "text": s.text,
                "later": s.later,
                "earlier": s.earlier,
                "elements": sorted(e.code for e in s.working_elements.all()),
            }
            for s in steps
        ],
        "basic_methods": [
            {"key": m.key, "name": m.name, "when": m.when, "phases": m.phases, "prompts": m.prompts}
            for m in version.basic_methods.order_by("position")
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
                "elements": sorted(e.code for e in i.working_elements.all()),
            }
            for i in items
        ],
    }
    if with_guidance:
        data["target_groups"] = [{"marker": g.marker, "tips": g.tips} for g in version.target_groups.order_by("marker")]
    return data


def target_groups_of(version: MethodVersion) -> list[TargetGroupGuidance]:
    return list(TargetGroupGuidance.objects.filter(version=version).order_by("marker"))
