"""The registry of personal data is complete: a model that links to a youth (a foreign key,
directly or through a trajectory, contact or other row) is registered, or excluded with a reason;
and each registered model shows every field or says why not."""

import pytest
from django.apps import apps
from django.db import models

from koers.contacts.models import LifeDomainScore
from koers.privacy.entries import is_unshown
from koers.privacy.registry import NOT_PERSONAL_DATA, REGISTRY
from koers.trajectories.models import Youth

REGISTERED = {entry.model for entry in REGISTRY}


def linked_to_a_youth() -> set[type[models.Model]]:
    """Every installed model with a chain of foreign keys (or one-to-ones) that ends at a youth.
    (The tables Django makes for many-to-many fields are left out by get_models: the contact they
    belong to is what holds the data.)"""
    linked = {Youth}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in linked:
                continue
            if any(
                f.concrete and (f.many_to_one or f.one_to_one) and f.related_model in linked
                for f in model._meta.get_fields()
            ):
                linked.add(model)
                grown = True
    return linked


def unlisted(registered: set, excluded: set[str]) -> set[str]:
    return {m._meta.label for m in linked_to_a_youth() if m not in registered and m._meta.label not in excluded}


def test_every_model_that_links_to_a_youth_is_registered_or_excluded_with_a_reason():
    assert unlisted(REGISTERED, set(NOT_PERSONAL_DATA)) == set()


def test_the_check_notices_a_model_linked_through_several_rows():
    # A score links to the youth through its assessment and that one's trajectory.
    assert unlisted(REGISTERED - {LifeDomainScore}, set(NOT_PERSONAL_DATA)) == {"contacts.LifeDomainScore"}


def test_an_exclusion_names_a_model_that_exists_and_is_not_registered_too():
    for label, reason in NOT_PERSONAL_DATA.items():
        assert apps.get_model(label) not in REGISTERED, label
        assert len(reason) > 20, label


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda entry: entry.model._meta.label)
def test_every_field_of_a_registered_model_is_shown_or_kept_back_with_a_reason(entry):
    shown = {f.name for f in entry.fields}
    fields = {f.name for f in entry.model._meta.concrete_fields} | {f.name for f in entry.model._meta.many_to_many}
    silent = {name for name in fields - shown if not is_unshown(entry.model, entry, name)}

    assert silent == set(entry.kept_back), "shown, or in kept_back with the reason"
    assert shown <= {f.name for f in entry.model._meta.get_fields()}
    assert all(reason for reason in entry.kept_back.values())


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda entry: entry.model._meta.label)
def test_each_entry_leads_from_a_row_to_the_youths_id(entry):
    model = entry.model
    *steps, last = entry.youth.split("__")
    for step in steps:
        model = model._meta.get_field(step).related_model
    if last == "pk":
        assert model is Youth
        return
    target = model._meta.get_field(last)
    if entry.model._meta.label == "audit.AccessLogEntry":
        # A plain id, no foreign key: the log outlives the youth's other data.
        assert isinstance(target, models.BigIntegerField)
    else:
        assert target.related_model is Youth


def test_parents_come_before_the_entries_shown_within_them():
    order = [entry.model for entry in REGISTRY]
    for index, entry in enumerate(REGISTRY):
        if entry.within:
            assert order.index(entry.model._meta.get_field(entry.within).related_model) < index


def test_the_labels_are_unique_so_no_section_hides_another():
    top = [entry.key for entry in REGISTRY if not entry.within]
    assert len(top) == len(set(top))
    for entry in REGISTRY:
        children = [
            c.key for c in REGISTRY if c.within and c.model._meta.get_field(c.within).related_model is entry.model
        ]
        names = [str(f.label) for f in entry.fields] + children
        assert len(names) == len(set(names)), entry.model._meta.label
