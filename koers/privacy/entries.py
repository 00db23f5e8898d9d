"""The kinds of entry of the privacy registry (koers.privacy.registry): a model holding a youth's
data, the fields the youth sees, and the fields no youth needs to read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RECORDED_AT = _("vastgelegd op")


@dataclass(frozen=True)
class Shown:
    """A field the youth sees: `name` is the model's field (or a reverse one-to-one), `label` the
    Dutch word it is shown with (also its key in the JSON download), and `show(row)` gives the
    value in words where the field's own value is a code (without it: a choice's label, a
    many-to-many field's names, else the stored value)."""

    name: str
    label: Promise
    show: Callable[[Any], Any] | None = None


class OnDestroy(StrEnum):
    """What the destruction of a file (koers.retention.services.anonymise) does with a model's rows."""

    # Keep the row for the counts of insights; blank every text and JSON field not named in
    # `kept_on_destroy` (codes), and move every date to the first of its month.
    ERASE = "erase"
    # Remove the rows (and their files): nothing in them is counted.
    DELETE = "delete"
    # Leave the rows alone: they have a retention of their own (named in `kept_on_destroy["*"]`).
    KEEP = "keep"


@dataclass(frozen=True)
class PersonalData:
    """One model holding a youth's data.

    `youth` is the lookup from a row to the youth's id ("trajectory__youth_id"), so
    `model.objects.filter(**{entry.youth: youth_id})` is every row of that youth. `within` names
    the foreign key to the entry the rows are shown under (a consent under its person); `only` leaves rows
    out that are no data of their own (a withdrawal is shown on the milestone it withdraws).
    `kept_back` are the model's other fields, each with the reason the youth does not see it."""

    model: type[models.Model]
    label: Promise
    youth: str
    fields: tuple[Shown, ...]
    kept_back: dict[str, str] = field(default_factory=dict)
    within: str = ""
    only: models.Q | None = None
    order: tuple[str, ...] = ("pk",)
    one: bool = False  # one record (the youth), not a list
    # Read elsewhere than by koers.privacy.selectors: why, and by what.
    read_by: str = ""
    # The destruction after the retention date (docs/retention.md): see OnDestroy. A new text
    # field is blanked unless it is named here with the reason it holds no personal data.
    on_destroy: OnDestroy = OnDestroy.ERASE
    kept_on_destroy: dict[str, str] = field(default_factory=dict)
    # Date fields kept at the first of their year instead of their month (a birth date: the age).
    years_on_destroy: tuple[str, ...] = ()
    # A field holding the path of a file in the private folder (koers.messaging.storage): the
    # destruction removes the file with its row.
    stored_file: str = ""

    @property
    def key(self) -> str:
        return str(self.label)


def is_unshown(model: type[models.Model], entry: PersonalData, name: str) -> bool:
    """The fields of every model that no youth needs to read: the row's id, the organisation (the
    youth's own, shown once with the youth), the staff member who recorded it (of staff only the
    role is shown, in the access log), and the keys that link the row to the youth or its parent."""
    model_field = model._meta.get_field(name)
    if model_field.primary_key or name == "organisation":
        return True
    if model_field.is_relation and model_field.related_model is not None:
        if model_field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return True
    first_step = entry.youth.split("__")[0]
    return name == entry.within or (first_step != "pk" and name == model._meta.get_field(first_step).name)


def labels_of(codes: list[str] | None, choices) -> list[str]:
    """Stored codes in words, through the model's choices (an unknown code as it is)."""
    words = dict(choices)
    return [str(words.get(code, code)) for code in codes or []]


@dataclass(frozen=True)
class Linked:
    """A model in `NOT_PERSONAL_DATA` and what the destruction of a file does with its rows.

    Named by label: some of these models live in apps above koers.privacy."""

    label: str
    youth: str
    on_destroy: OnDestroy
    kept_on_destroy: dict[str, str] = field(default_factory=dict)
