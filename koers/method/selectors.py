"""Reads of the method: the working-element taxonomy."""

from dataclasses import dataclass

from koers.method.models import WorkingElement


@dataclass(frozen=True)
class ElementGroup:
    theme: str
    elements: tuple[tuple[str, str], ...]  # (code, name)


def working_elements() -> list[WorkingElement]:
    """The active working elements with their theme, in the taxonomy's order (one query)."""
    return list(WorkingElement.objects.filter(active=True).select_related("theme"))


def element_groups(elements: list[WorkingElement]) -> list[ElementGroup]:
    """The elements per theme, in the taxonomy's order."""
    groups: dict[int, tuple[str, list]] = {}
    for element in elements:
        groups.setdefault(element.theme_id, (element.theme.name, []))[1].append((element.code, element.name))
    return [ElementGroup(theme=name, elements=tuple(items)) for name, items in groups.values()]
