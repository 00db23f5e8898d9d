"""The method Koers ships, and how a version's rows are made from data of that shape."""

import json
from pathlib import Path

DEFAULT_METHOD_FILE = Path(__file__).parent / "data" / "default_method.json"


def default_method() -> dict:
    """The default method: our own concise Dutch wording of ch. 5 of the source report."""
    return json.loads(DEFAULT_METHOD_FILE.read_text("utf-8"))


def fill_version(version, data: dict, *, models: dict) -> None:
    """Create a version's rows from data in the shape of the default file. Takes the models, so a
    data migration can pass its historical ones."""
    MethodStep, BasicMethod, ToolboxItem = models["MethodStep"], models["BasicMethod"], models["ToolboxItem"]
    TargetGroupGuidance, WorkingElement = models["TargetGroupGuidance"], models["WorkingElement"]
    elements = dict(WorkingElement.objects.values_list("code", "pk"))
    steps = MethodStep.objects.bulk_create(
        MethodStep(
            version=version,
            key=step["key"],
            phase=step["phase"],
            kind=step["kind"],
            text=step["text"],
            later=step.get("later", False),
            earlier=step.get("earlier", False),
            position=position,
        )
        for position, step in enumerate(data["steps"])
    )
    MethodStep.working_elements.through.objects.bulk_create(
        MethodStep.working_elements.through(methodstep_id=step.pk, workingelement_id=elements[code])
        for step, step_data in zip(steps, data["steps"], strict=True)
        for code in step_data["elements"]
        if code in elements
    )
    BasicMethod.objects.bulk_create(
        BasicMethod(
            version=version,
            key=method["key"],
            name=method["name"],
            when=method["when"],
            phases=method.get("phases", []),
            prompts=method["prompts"],
            position=position,
        )
        for position, method in enumerate(data["basic_methods"])
    )
    items = ToolboxItem.objects.bulk_create(
        ToolboxItem(
            version=version,
            key=item["key"],
            category=item["category"],
            situation=item["situation"],
            action=item["action"],
            referral=item.get("referral", False),
            barrier=item.get("barrier") or "",
            partners=item.get("partners", []),
            position=position,
        )
        for position, item in enumerate(data["toolbox"])
    )
    ToolboxItem.working_elements.through.objects.bulk_create(
        ToolboxItem.working_elements.through(toolboxitem_id=item.pk, workingelement_id=elements[code])
        for item, item_data in zip(items, data["toolbox"], strict=True)
        for code in item_data["elements"]
        if code in elements
    )
    TargetGroupGuidance.objects.bulk_create(
        TargetGroupGuidance(version=version, marker=group["marker"], tips=group["tips"])
        for group in data["target_groups"]
    )
