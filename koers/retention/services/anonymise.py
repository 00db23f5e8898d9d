"""Destroying one youth's file after its retention date, driven by the privacy registry
(koers.privacy.registry): what insights counts stays, without a way back to the person.

Per model the registry says what happens (OnDestroy): rows are deleted (messages and their files,
the network, plan versions, portal access), kept (the processing log, which has a retention of its
own), or erased: every text and JSON field blanked unless the registry names it as a code, and
every date moved to the first of its month (a birth date to the first of its year). A field added
later is blanked by default, so a new free text cannot survive a destruction unnoticed.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from koers.messaging.storage import private_storage
from koers.outbox.models import OutgoingMail
from koers.privacy.entries import OnDestroy
from koers.privacy.registry import DESTROY_LINKED, REGISTRY
from koers.trajectories.models import Youth

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """One model as the destruction sees it: registered (PersonalData) or linked (Linked)."""

    model: type[models.Model]
    youth: str
    on_destroy: OnDestroy
    kept: frozenset[str]
    years: frozenset[str] = frozenset()
    stored_file: str = ""


def targets() -> list[Target]:
    """Every model with rows of a youth, children before their parents (the registry lists parents first)."""
    found = [
        Target(
            entry.model,
            entry.youth,
            entry.on_destroy,
            frozenset(entry.kept_on_destroy),
            frozenset(entry.years_on_destroy),
            entry.stored_file,
        )
        for entry in REGISTRY
    ]
    found += [
        Target(apps.get_model(linked.label), linked.youth, linked.on_destroy, frozenset(linked.kept_on_destroy))
        for linked in DESTROY_LINKED
    ]
    # Linked rows hang under registered ones (a due item under its trajectory): handle them first,
    # then the registry from its last entry back to the youth.
    return found[len(REGISTRY) :] + list(reversed(found[: len(REGISTRY)]))


def erased_values(target: Target) -> dict[str, object]:
    """The update that blanks a model's personal fields and coarsens its dates."""
    values: dict[str, object] = {}
    for field in target.model._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.name in target.kept:
            continue
        if isinstance(field, (models.CharField, models.TextField)):
            if not field.choices:  # a choice holds a code, never free text
                values[field.name] = None if field.null else ""
        elif isinstance(field, models.JSONField):
            values[field.name] = None if field.null else field.get_default()
        elif isinstance(field, models.DateField):  # DateTimeField too
            trunc = TruncYear if field.name in target.years else TruncMonth
            values[field.name] = trunc(field.name)
    return values


def _addresses(youth: Youth) -> set[str]:
    """The e-mail addresses Koers mailed about this youth: theirs and those their referral gave."""
    referral = apps.get_model("intake", "Referral")
    found = {youth.email, *referral.objects.filter(youth_id=youth.pk).values_list("email", flat=True)}
    return {address for address in found if address}


@transaction.atomic
def file_destroy(youth_id: int, *, today: dt.date | None = None) -> bool:
    """Anonymise one youth's file in one transaction; False when it was already destroyed.

    The stored files are removed after the commit: a rollback keeps them with their rows.
    """
    youth = Youth.objects.select_for_update().get(pk=youth_id)
    if youth.destroyed_on is not None:
        return False
    OutgoingMail.objects.filter(to__in=_addresses(youth)).delete()
    files: list[str] = []
    for target in targets():
        rows = target.model._default_manager.filter(**{target.youth: youth_id})
        if target.on_destroy == OnDestroy.KEEP:
            continue
        if target.on_destroy == OnDestroy.DELETE:
            if target.stored_file:
                files += rows.values_list(target.stored_file, flat=True)
            rows.delete()
        else:
            rows.update(**erased_values(target))
    Youth.objects.filter(pk=youth_id).update(destroyed_on=today or timezone.localdate())
    transaction.on_commit(lambda: files_remove(files))
    return True


def files_remove(paths: Iterable[str]) -> None:
    storage = private_storage()
    for path in paths:
        try:
            storage.delete(path)
        except OSError:
            # Counted only: a path says nothing, but the clean-up of orphans tries again.
            logger.warning("destruction: a stored file could not be removed")
