"""Reading a youth's personal data from the registry, in words (choices as their labels, related
rows as their names), nested as the registry says (a contact's agreements, a plan's sub-goals)."""

from typing import Any

from django.db import models
from django.utils.functional import Promise

from koers.privacy.entries import PersonalData, Shown
from koers.privacy.registry import REGISTRY

Row = dict[str, Any]


def queries_of_personal_data() -> int:
    """How many queries `personal_data_of` runs: one per entry, one more per many-to-many field."""
    return sum(1 + len(_many(entry)) for entry in REGISTRY if not entry.read_by)


def personal_data_of(youth_id: int) -> dict[str, Any]:
    """Every entry of the registry that is not read elsewhere (`read_by`), for one youth: the key
    is the entry's label, the value its rows (or the one record). Runs
    `queries_of_personal_data()` queries, whatever the length of the youth's history."""
    data: dict[str, Any] = {}
    rows_of: dict[type[models.Model], dict[int, Row]] = {}
    for entry in REGISTRY:
        if entry.read_by:
            continue
        children = [child.key for child in REGISTRY if child.within and parent_of(child) is entry.model]
        rows: dict[int, Row] = {}
        for obj in _queryset(entry, youth_id):
            row = {str(shown.label): _value(obj, shown) for shown in entry.fields}
            row.update({key: [] for key in children})
            rows[obj.pk] = row
            if entry.within:
                # The parent's rows were read first (the registry lists parents first).
                rows_of[parent_of(entry)][getattr(obj, f"{entry.within}_id")][entry.key].append(row)
        rows_of[entry.model] = rows
        if entry.one:
            data[entry.key] = next(iter(rows.values()), {})
        elif not entry.within:
            data[entry.key] = list(rows.values())
    return data


def parent_of(entry: PersonalData) -> type[models.Model]:
    return entry.model._meta.get_field(entry.within).related_model


def _queryset(entry: PersonalData, youth_id: int) -> models.QuerySet:
    queryset = entry.model.objects.filter(**{entry.youth: youth_id})
    if entry.only is not None:
        queryset = queryset.filter(entry.only)
    return queryset.select_related(*_joined(entry)).prefetch_related(*_many(entry)).order_by(*entry.order)


def _joined(entry: PersonalData) -> list[str]:
    """Fields shown through one related row (a foreign key, a reverse one-to-one): joined."""
    fields = [entry.model._meta.get_field(shown.name) for shown in entry.fields]
    return [f.name for f in fields if f.is_relation and (f.many_to_one or f.one_to_one)]


def _many(entry: PersonalData) -> list[str]:
    """Many-to-many fields and reverse foreign keys shown (a contact's interventions, who took
    part): one query each for all rows."""
    fields = [entry.model._meta.get_field(shown.name) for shown in entry.fields]
    return [f.name for f in fields if f.many_to_many or f.one_to_many]


def _value(obj: models.Model, shown: Shown) -> Any:
    if shown.show is not None:
        return _plain(shown.show(obj))
    model_field = obj._meta.get_field(shown.name)
    if model_field.many_to_many:
        return [str(related) for related in getattr(obj, shown.name).all()]
    if model_field.choices:
        return str(getattr(obj, f"get_{shown.name}_display")())
    return _plain(getattr(obj, shown.name))


def _plain(value: Any) -> Any:
    """Lazy texts as text, also inside lists and dicts, so the JSON and the PDF get plain values."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
