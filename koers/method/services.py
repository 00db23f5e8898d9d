"""Writes of the method: install the default working method, and make a new version of it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.lib.text import clean_text
from koers.method.default import default_method, fill_version
from koers.method.models import (
    BarrierKind,
    BasicMethod,
    MethodPhase,
    MethodStep,
    MethodVersion,
    StepKind,
    TargetGroupGuidance,
    ToolboxItem,
    WorkingElement,
)
from koers.method.selectors import method_data

METHOD_MODELS = {
    "MethodStep": MethodStep,
    "BasicMethod": BasicMethod,
    "ToolboxItem": ToolboxItem,
    "TargetGroupGuidance": TargetGroupGuidance,
    "WorkingElement": WorkingElement,
}

STEP_TEXT_MAX_LENGTH = 200
REASON_MAX_LENGTH = 300


@transaction.atomic
def method_install_default(*, organisation: Organisation) -> MethodVersion:
    """Give an organisation the default method as its version 1; does nothing when it has one.

    Under a lock on the organisation row, so two simultaneous calls install it once.
    """
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    existing = MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()
    if existing is not None:
        return existing
    version = MethodVersion.objects.create(
        organisation=organisation, number=1, reason=_("De werkwijze zoals Koers die meelevert.")
    )
    fill_version(version, default_method(), models=METHOD_MODELS)
    return version


@dataclass(frozen=True)
class StepChange:
    """One change to a version's steps: reword or retire an existing key, or add a new step."""

    key: str
    text: str = ""
    retire: bool = False
    phase: str = ""
    kind: str = ""
    elements: tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolboxChange:
    """Reword or retire a toolbox item, or add a local one (e.g. a specialised coaching service)."""

    key: str
    action: str = ""
    retire: bool = False
    category: str = "custom"
    situation: str = ""
    referral: bool = False
    barrier: str = ""
    partners: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()


TOOLBOX_CATEGORIES = ("network", "referral", "test", "custom", "information", "work", "distance", "approach")


@transaction.atomic
def method_version_create(
    *,
    actor: User,
    organisation: Organisation,
    reason: str,
    steps: list[StepChange],
    partners: dict | None = None,
    toolbox: list[ToolboxChange] | None = None,
) -> MethodVersion:
    """A new version of the organisation's method with these changes; the old one stays as it is.

    `partners` maps a toolbox key to its list of local partners (replacing the list). Only the
    organisation's functional administrator (or a superuser) may do this.
    """
    if not actor.is_superuser and not (
        actor.role == Role.FUNCTIONAL_ADMIN and actor.is_active and actor.organisation_id == organisation.pk
    ):
        raise ValidationError(_("Alleen de functioneel beheerder van de organisatie past de werkwijze aan."))
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom de werkwijze verandert.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Gebruik hoogstens %(max)s tekens.") % {"max": REASON_MAX_LENGTH}})
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    current = MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()
    if current is None:
        current = method_install_default(organisation=organisation)
    data = method_data(current)
    data["steps"] = _changed(data["steps"], steps, field="text", max_length=STEP_TEXT_MAX_LENGTH, new_row=_new_step)
    data["toolbox"] = _changed(
        data["toolbox"], toolbox or [], field="action", max_length=REASON_MAX_LENGTH, new_row=_new_toolbox_item
    )
    for item in data["toolbox"]:
        if partners and item["key"] in partners:
            item["partners"] = [clean_text(p).strip() for p in partners[item["key"]] if clean_text(p).strip()]
    version = MethodVersion.objects.create(
        organisation=organisation, number=current.number + 1, based_on=current, created_by=actor, reason=reason
    )
    fill_version(version, data, models=METHOD_MODELS)
    return version


def _changed(rows: list[dict], changes, *, field: str, max_length: int, new_row) -> list[dict]:
    """A version's steps or toolbox items with the changes applied, by stable key: reword
    (`field` is "text" or "action"), retire, or add a new one (`new_row` checks and builds it)."""
    by_key = {row["key"]: row for row in rows}
    known_elements = set(WorkingElement.objects.values_list("code", flat=True))
    for change in changes:
        text = clean_text(getattr(change, field)).strip()
        if len(text) > max_length:
            raise ValidationError({field: _("Gebruik hoogstens %(max)s tekens.") % {"max": max_length}})
        if change.key in by_key:
            if change.retire:
                del by_key[change.key]
            elif text:
                by_key[change.key] = {**by_key[change.key], field: text}
            continue
        unknown = set(change.elements) - known_elements
        if unknown:
            codes = ", ".join(sorted(unknown))
            raise ValidationError({"elements": _("Onbekende werkzame elementen: %(codes)s.") % {"codes": codes}})
        by_key[change.key] = new_row(change, text)
    return list(by_key.values())


def _new_step(change: StepChange, text: str) -> dict:
    if change.phase not in MethodPhase.values or change.kind not in StepKind.values or not text:
        raise ValidationError({"text": _("Een nieuwe stap heeft een fase, een soort en een tekst.")})
    return {
        "key": change.key,
        "phase": change.phase,
        "kind": change.kind,
        "text": text,
        "later": False,
        "earlier": False,
        "elements": list(change.elements),
    }


def _new_toolbox_item(change: ToolboxChange, action: str) -> dict:
    if not action or change.category not in TOOLBOX_CATEGORIES:
        raise ValidationError({"action": _("Nieuwe hulp heeft een categorie en een beschrijving.")})
    if change.barrier and change.barrier not in BarrierKind.values:
        raise ValidationError({"barrier": _("Kies een belemmering uit de lijst.")})
    return {
        "key": change.key,
        "category": change.category,
        "situation": clean_text(change.situation).strip()[:REASON_MAX_LENGTH],
        "action": action,
        "referral": change.referral,
        "barrier": change.barrier or None,
        "partners": [p.strip() for p in change.partners if p.strip()],
        "elements": list(change.elements),
    }


@dataclass(frozen=True)
class VersionDiff:
    """What changed from one version to another, by stable key."""

    added: tuple[str, ...]  # texts of new steps
    retired: tuple[str, ...]  # texts of steps no longer used
    reworded: tuple[tuple[str, str], ...]  # (old text, new text)
    partners: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (toolbox action, old, new)
    toolbox_added: tuple[str, ...]
    toolbox_retired: tuple[str, ...]


def method_compare(old: MethodVersion, new: MethodVersion) -> VersionDiff:
    """Compare two versions (the learning network compares how organisations adapt the method)."""
    before, after = method_data(old), method_data(new)
    old_steps = {s["key"]: s for s in before["steps"]}
    new_steps = {s["key"]: s for s in after["steps"]}
    old_items = {i["key"]: i for i in before["toolbox"]}
    new_items = {i["key"]: i for i in after["toolbox"]}
    return VersionDiff(
        added=tuple(new_steps[k]["text"] for k in new_steps if k not in old_steps),
        retired=tuple(old_steps[k]["text"] for k in old_steps if k not in new_steps),
        reworded=tuple(
            (old_steps[k]["text"], new_steps[k]["text"])
            for k in new_steps
            if k in old_steps and old_steps[k]["text"] != new_steps[k]["text"]
        ),
        partners=tuple(
            (new_items[k]["action"], tuple(old_items[k]["partners"]), tuple(new_items[k]["partners"]))
            for k in new_items
            if k in old_items and old_items[k]["partners"] != new_items[k]["partners"]
        ),
        toolbox_added=tuple(new_items[k]["action"] for k in new_items if k not in old_items),
        toolbox_retired=tuple(old_items[k]["action"] for k in old_items if k not in new_items),
    )
