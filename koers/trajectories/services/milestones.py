"""Writes: starting a trajectory, and its milestones with their corrections and withdrawals
(the flow chart's order is checked in koers.trajectories.flow). The phase follows the milestones,
and the agenda is refreshed in the same transaction (ADR 0002)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.agenda.services import agenda_refresh
from koers.trajectories import flow
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import (
    MILESTONE_EXTRA_FIELDS,
    Milestone,
    MilestoneKind,
    Phase,
    Trajectory,
    Youth,
)
from koers.trajectories.selectors import is_current
from koers.trajectories.text import text_field

K = MilestoneKind


# The note on a milestone or a withdrawal (pages, API and commands alike).
NOTE_MAX_LENGTH = 300


@transaction.atomic
def trajectory_create(*, actor: User, youth: Youth, registered_on: dt.date, source: str) -> Trajectory:
    Youth.objects.select_for_update().filter(pk=youth.pk).first()  # one new trajectory at a time
    if youth.trajectories.exclude(phase=Phase.CLOSED).exists():
        raise ValidationError({"registered_on": _("Deze jongere heeft al een lopend traject. Sluit dat eerst af.")})
    last_closed = (
        Milestone.objects.filter(trajectory__youth=youth, kind=K.CLOSED, withdrawn=False, replaced_by__isnull=True)
        .order_by("-date")
        .first()
    )
    if last_closed is not None and registered_on < last_closed.date:
        raise ValidationError({"registered_on": _("De melding ligt vóór de afsluiting van het vorige traject.")})
    trajectory = Trajectory.objects.create(organisation_id=youth.organisation_id, youth=youth)
    milestone_record(actor=actor, trajectory=trajectory, kind=K.REGISTRATION, date=registered_on, source=source)
    return trajectory


def _check_fields(kind: str, values: dict[str, str]) -> dict[str, str]:
    needed = MILESTONE_EXTRA_FIELDS.get(kind)
    cleaned = {}
    for name in MILESTONE_EXTRA_FIELDS.values():
        value = values.get(name) or ""
        if name == needed:
            choices = dict(Milestone._meta.get_field(name).choices)
            if not value:
                raise ValidationError({name: _("Dit veld is verplicht bij %(kind)s.") % {"kind": K(kind).label}})
            if value not in choices:
                raise ValidationError({name: _("Kies een van: %(options)s.") % {"options": ", ".join(choices)}})
            cleaned[name] = value
        elif value:
            raise ValidationError({name: _("Dit veld hoort niet bij %(kind)s.") % {"kind": K(kind).label}})
    return cleaned


@transaction.atomic
def milestone_record(
    *,
    actor: User,
    trajectory: Trajectory,
    kind: str,
    date: dt.date,
    replaces: Milestone | None = None,
    note: str = "",
    **values: str,
) -> Milestone:
    """Record a milestone, or a correction of one (`replaces`), refusing impossible orders."""
    if kind not in K.values:
        raise ValidationError({"kind": _("Onbekende mijlpaal: %(kind)s.") % {"kind": kind}})
    if kind == K.REGISTRATION and replaces is None and trajectory.milestones.exists():
        raise ValidationError({"kind": _("De melding is al vastgelegd. Corrigeer die als die niet klopt.")})
    fields = _check_fields(kind, values)
    note = text_field("note", note, max_length=NOTE_MAX_LENGTH)
    check_past_event("date", date)
    current = flow.effective(Trajectory.objects.select_for_update().get(pk=trajectory.pk).milestones.all())
    if replaces is not None:
        if replaces.trajectory_id != trajectory.pk or replaces not in current:
            raise ValidationError(
                {"replaces": _("Alleen een geldende mijlpaal van dit traject kan worden gecorrigeerd.")}
            )
        if replaces.kind != kind:
            raise ValidationError({"kind": _("Een correctie heeft dezelfde soort mijlpaal.")})
    elif any(row.kind == K.CLOSED for row in current):
        raise ValidationError(
            {"kind": _("Dit traject is afgesloten. Er kan geen mijlpaal meer bij; corrigeer zo nodig de afsluiting.")}
        )
    milestone = Milestone(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        kind=kind,
        date=date,
        replaces=replaces,
        note=note,
        recorded_by=actor,
        **fields,
    )
    remaining = [row for row in current if row != replaces] + [milestone]
    flow.check_sequence(flow.effective(remaining), new=milestone)
    _check_reopening(trajectory, remaining)
    milestone.save()
    _after_milestones_change(trajectory, remaining)
    return milestone


@transaction.atomic
def milestone_withdraw(*, actor: User, milestone: Milestone, note: str) -> Milestone:
    """Withdraw a milestone recorded in error; the row stays visible in the history. The reason is
    required: a later reader (a colleague, an auditor, the youth) must see why it was taken back."""
    note = text_field("note", note, max_length=NOTE_MAX_LENGTH)
    if not note:
        raise ValidationError({"note": _("Schrijf kort op waarom u dit intrekt.")})
    trajectory = Trajectory.objects.select_for_update().get(pk=milestone.trajectory_id)
    current = flow.effective(trajectory.milestones.all())
    if milestone not in current:
        raise ValidationError({"replaces": _("Deze mijlpaal is al gecorrigeerd of ingetrokken.")})
    if milestone.kind == K.REGISTRATION:
        raise ValidationError({"kind": _("De melding kan niet worden ingetrokken, alleen gecorrigeerd.")})
    remaining = [row for row in current if row != milestone]
    flow.check_sequence(remaining)
    _check_reopening(trajectory, remaining)
    withdrawal = Milestone.objects.create(
        organisation_id=milestone.organisation_id,
        trajectory=trajectory,
        kind=milestone.kind,
        date=milestone.date,
        replaces=milestone,
        withdrawn=True,
        note=note,
        recorded_by=actor,
    )
    _after_milestones_change(trajectory, remaining)
    return withdrawal


def _check_reopening(trajectory: Trajectory, milestones: list) -> None:
    """A closed trajectory may only reopen while the youth has no later trajectory."""
    if trajectory.phase == Phase.CLOSED and not any(row.kind == K.CLOSED for row in milestones):
        if not is_current(trajectory):
            raise ValidationError(
                {"kind": _("Deze jongere heeft al een nieuwer traject. Dit traject kan niet meer worden heropend.")}
            )


def _after_milestones_change(trajectory: Trajectory, milestones: list) -> None:
    phase = flow.phase_of(flow.effective(milestones))
    if phase != trajectory.phase:
        trajectory.phase = phase
        trajectory.save(update_fields=["phase"])
    agenda_refresh(trajectory=trajectory)
