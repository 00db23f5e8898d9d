"""Reads: a trajectory's planned and recent appointments, and its open agreements."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Window
from django.shortcuts import get_object_or_404

from koers.contacts.models import (
    Agreement,
    Appointment,
    AppointmentStatus,
)
from koers.trajectories.models import Trajectory

PAST_APPOINTMENTS_SHOWN = 5
OPEN_AGREEMENTS_SHOWN = 20


@dataclass(frozen=True)
class Appointments:
    planned: tuple[Appointment, ...]
    recent: tuple[Appointment, ...]  # the latest past ones (held, missed, cancelled)


def appointments_of(trajectory: Trajectory) -> Appointments:
    """Planned appointments (soonest first) and the few latest others (two queries)."""
    rows = Appointment.objects.filter(trajectory=trajectory)
    planned = tuple(rows.filter(status=AppointmentStatus.PLANNED).order_by("date", "time", "id"))
    recent = tuple(
        rows.exclude(status=AppointmentStatus.PLANNED).order_by("-date", "-time", "-id")[:PAST_APPOINTMENTS_SHOWN]
    )
    return Appointments(planned=planned, recent=recent)


@dataclass(frozen=True)
class OpenAgreements:
    shown: tuple[Agreement, ...]
    total: int


def open_agreements_of(trajectory: Trajectory) -> OpenAgreements:
    """The open agreements, earliest due first, at most OPEN_AGREEMENTS_SHOWN (one query)."""
    shown = tuple(
        Agreement.objects.filter(trajectory=trajectory, done_on__isnull=True)
        .annotate(open_total=Window(Count("id")))  # counted in the same query
        .order_by("due_on", "id")[:OPEN_AGREEMENTS_SHOWN]
    )
    return OpenAgreements(shown=shown, total=shown[0].open_total if shown else 0)


def appointment_of(trajectory: Trajectory, appointment_id: int) -> Appointment:
    """One appointment of the trajectory (404 otherwise: ids of other youths reveal nothing)."""
    return get_object_or_404(Appointment.objects.select_related("trajectory"), pk=appointment_id, trajectory=trajectory)


def agreement_of(trajectory: Trajectory, agreement_id: int) -> Agreement:
    return get_object_or_404(Agreement.objects.select_related("trajectory"), pk=agreement_id, trajectory=trajectory)


def next_planned_appointment(trajectory: Trajectory, today: dt.date) -> Appointment | None:
    return (
        Appointment.objects.filter(trajectory=trajectory, status=AppointmentStatus.PLANNED, date__gte=today)
        .order_by("date", "time")
        .first()
    )


def trajectory_id_of_appointment(appointment_id: int, *, organisation_id: int) -> int | None:
    """Which trajectory an appointment belongs to, within one organisation (for the access check)."""
    return (
        Appointment.objects.filter(pk=appointment_id, organisation_id=organisation_id)
        .values_list("trajectory_id", flat=True)
        .first()
    )
