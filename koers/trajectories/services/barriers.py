"""Writes: a youth's barriers (what stands in the way, with date and source), and resolving them."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.method.models import BarrierKind
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import (
    Barrier,
    BarrierSource,
    Youth,
)
from koers.trajectories.text import text_field

# Barriers: recorded with date and source; resolving one keeps it as history.
BARRIER_NOTE_MAX_LENGTH = 300


@transaction.atomic
def barrier_record(*, actor: User, youth: Youth, kind: str, noted_on: dt.date, source: str, note: str = "") -> Barrier:
    """Record a barrier. Under a lock on the youth: a kind that is already open is refused, so a
    double click records it once."""
    if kind not in BarrierKind.values:
        raise ValidationError({"kind": _("Kies een belemmering uit de lijst.")})
    if source not in BarrierSource.values:
        raise ValidationError({"source": _("Kies van wie u het weet.")})
    check_past_event("noted_on", noted_on)
    note = text_field("note", note, max_length=BARRIER_NOTE_MAX_LENGTH)
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if Barrier.objects.filter(youth=youth, kind=kind, resolved_on__isnull=True).exists():
        raise ValidationError({"kind": _("Deze belemmering staat al open.")})
    return Barrier.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        kind=kind,
        noted_on=noted_on,
        source=source,
        note=note,
        recorded_by=actor,
    )


@transaction.atomic
def barrier_resolve(*, actor: User, barrier: Barrier, on: dt.date) -> Barrier:
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if barrier.resolved_on is not None:
        raise ValidationError({"resolved_on": _("Deze belemmering is al opgelost.")})
    check_past_event("resolved_on", on)
    if on < barrier.noted_on:
        raise ValidationError({"resolved_on": _("Deze datum ligt vóór de datum van signaleren.")})
    barrier.resolved_on = on
    barrier.save(update_fields=["resolved_on"])
    return barrier
