"""Writes: planning an appointment and setting its status (held, no-show, cancelled). A status
change refreshes the agenda (a no-show asks for contact); a new appointment changes no due item."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.agenda.services import agenda_refresh
from koers.contacts.models import (
    Appointment,
    AppointmentStatus,
    AppointmentStatusChange,
    Channel,
)
from koers.contacts.services.contacts import _check_choice, _check_current, _check_not_before_registration
from koers.trajectories.dates import check_planned_date
from koers.trajectories.models import Trajectory
from koers.trajectories.text import text_field

APPOINTMENT_DESCRIPTION_MAX_LENGTH = 200


@transaction.atomic
def appointment_create(
    *,
    actor: User,
    trajectory: Trajectory,
    date: dt.date,
    time: dt.time | None = None,
    channel: str = Channel.OFFICE,
    description: str = "",
) -> Appointment:
    _check_choice("channel", channel, Channel)
    description = text_field("description", description, max_length=APPOINTMENT_DESCRIPTION_MAX_LENGTH)
    check_planned_date("date", date)
    _check_current(trajectory)
    _check_not_before_registration(trajectory, date)
    appointment = Appointment.objects.create(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        date=date,
        time=time,
        channel=channel,
        description=description,
        created_by=actor,
    )
    AppointmentStatusChange.objects.create(appointment=appointment, status=appointment.status, changed_by=actor)
    return appointment


@transaction.atomic
def appointment_set_status(*, actor: User, appointment: Appointment, status: str) -> Appointment:
    _check_choice("status", status, AppointmentStatus)
    appointment = Appointment.objects.select_for_update().select_related("trajectory").get(pk=appointment.pk)
    if status == appointment.status:
        raise ValidationError({"status": _("Het gesprek heeft deze status al.")})
    if status in {AppointmentStatus.HELD, AppointmentStatus.NO_SHOW} and appointment.date > timezone.localdate():
        raise ValidationError({"status": _("Dit gesprek is nog niet geweest. Zeg het af of wacht tot de dag zelf.")})
    _check_current(appointment.trajectory)
    appointment.status = status
    appointment.save(update_fields=["status"])
    AppointmentStatusChange.objects.create(appointment=appointment, status=status, changed_by=actor)
    agenda_refresh(trajectory=appointment.trajectory)
    return appointment
