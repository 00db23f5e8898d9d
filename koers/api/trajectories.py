"""Trajectory endpoints: create, read, milestones, contacts, appointments, agenda."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from koers.agenda.labels import due_kind_label
from koers.agenda.selectors import agenda_on
from koers.api.once import respond_once
from koers.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    AppointmentIn,
    AppointmentOut,
    AppointmentStatusIn,
    ContactIn,
    Created,
    DueItemOut,
    MilestoneCreated,
    MilestoneIn,
    TrajectoryIn,
    TrajectoryOut,
    WithdrawIn,
    responses,
)
from koers.api.types import IdempotencyKeyHeader, IdPath, IsoDate
from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import appointment_of, trajectory_id_of_appointment
from koers.contacts.services import (
    NewAgreement,
    appointment_create,
    appointment_set_status,
    contact_record,
)
from koers.lib.due_rules import aftercare_end
from koers.trajectories import flow
from koers.trajectories.access import require_youth_worker, trajectory_for, youth_for
from koers.trajectories.models import Milestone, MilestoneKind
from koers.trajectories.services import milestone_record, milestone_withdraw, trajectory_create

router = Router(tags=["trajecten"])
K = MilestoneKind


@router.post(
    "/youths/{youth_id}/trajectories",
    response=responses({201: Created}, WRITE_ERRORS),
    summary="Traject starten (melding)",
)
def create_trajectory(request, youth_id: IdPath, payload: TrajectoryIn, idempotency_key: IdempotencyKeyHeader = None):
    youth = youth_for(
        request.auth, youth_id, action=AccessAction.CREATE, channel=AccessChannel.API, subject="trajectory"
    )

    def write() -> tuple[int, dict]:
        trajectory = trajectory_create(
            actor=request.auth, youth=youth, registered_on=payload.registered_on, source=payload.source
        )
        return 201, {"id": trajectory.pk}

    return respond_once(request, idempotency_key, write)


def trajectory_out(trajectory) -> dict:
    rows = list(trajectory.milestones.select_related("recorded_by").order_by("date", "id"))
    counting = flow.effective(rows)
    found = flow.by_kind(counting)
    registration, plan = found.get(K.REGISTRATION), found.get(K.PLAN_CONVERSATION)
    outflow, closed = found.get(K.OUTFLOW), found.get(K.CLOSED)
    return {
        "id": trajectory.pk,
        "youth_id": trajectory.youth_id,
        "phase": trajectory.phase,
        "registered_on": registration.date if registration else None,
        "source": registration.source if registration else None,
        "route": plan.route if plan else None,
        "destination": outflow.destination if outflow else None,
        "closing_reason": closed.reason if closed else None,
        "aftercare_ends_on": aftercare_end(outflow.date, len(found[K.AFTERCARE_EXTENSION])) if outflow else None,
        "milestones": [
            {
                "id": row.pk,
                "kind": row.kind,
                "date": row.date,
                "source": row.source,
                "route": row.route,
                "destination": row.destination,
                "reason": row.reason,
                "replaces": row.replaces_id,
                "withdrawn": row.withdrawn,
                "counts": row in counting,
                "recorded_by": row.recorded_by.username if row.recorded_by else None,
                "recorded_at": row.recorded_at,
            }
            for row in rows
        ],
    }


@router.get(
    "/trajectories/{trajectory_id}",
    response=responses({200: TrajectoryOut}, READ_ERRORS),
    summary="Eén traject met zijn fase",
)
def get_trajectory(request, trajectory_id: IdPath):
    return trajectory_out(
        trajectory_for(request.auth, trajectory_id, action=AccessAction.VIEW, channel=AccessChannel.API)
    )


@router.post(
    "/trajectories/{trajectory_id}/milestones",
    response=responses({201: MilestoneCreated}, WRITE_ERRORS),
    summary="Mijlpaal vastleggen",
)
def record_milestone(
    request, trajectory_id: IdPath, payload: MilestoneIn, idempotency_key: IdempotencyKeyHeader = None
):
    trajectory = trajectory_for(
        request.auth, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.API, subject="milestone"
    )
    replaces = None
    if payload.replaces is not None:
        replaces = get_object_or_404(Milestone, pk=payload.replaces, trajectory=trajectory)

    def write() -> tuple[int, dict]:
        milestone = milestone_record(
            actor=request.auth,
            trajectory=trajectory,
            kind=payload.kind,
            date=payload.date,
            replaces=replaces,
            note=payload.note,
            source=payload.source,
            route=payload.route,
            destination=payload.destination,
            reason=payload.reason,
        )
        trajectory.refresh_from_db(fields=["phase"])
        return 201, {"id": milestone.pk, "phase": trajectory.phase}

    return respond_once(request, idempotency_key, write)


@router.post(
    "/trajectories/{trajectory_id}/milestones/{milestone_id}/withdraw",
    response=responses({201: MilestoneCreated}, WRITE_ERRORS),
    summary="Mijlpaal intrekken (blijft zichtbaar in de geschiedenis)",
)
def withdraw_milestone(
    request,
    trajectory_id: IdPath,
    milestone_id: IdPath,
    payload: WithdrawIn,
    idempotency_key: IdempotencyKeyHeader = None,
):
    trajectory = trajectory_for(
        request.auth, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.API, subject="milestone"
    )
    milestone = get_object_or_404(Milestone, pk=milestone_id, trajectory=trajectory)

    def write() -> tuple[int, dict]:
        withdrawal = milestone_withdraw(actor=request.auth, milestone=milestone, note=payload.note)
        trajectory.refresh_from_db(fields=["phase"])
        return 201, {"id": withdrawal.pk, "phase": trajectory.phase}

    return respond_once(request, idempotency_key, write)


@router.post(
    "/trajectories/{trajectory_id}/contacts",
    response=responses({201: Created}, WRITE_ERRORS),
    summary="Contact vastleggen",
)
def record_contact(request, trajectory_id: IdPath, payload: ContactIn, idempotency_key: IdempotencyKeyHeader = None):
    trajectory = trajectory_for(
        request.auth, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.API, subject="contact"
    )

    def write() -> tuple[int, dict]:
        contact = contact_record(
            actor=request.auth,
            trajectory=trajectory,
            date=payload.date,
            channel=payload.channel,
            purpose=payload.purpose,
            participants=payload.participants,
            intervention_codes=payload.interventions,
            step_ids=payload.steps,
            agreements=[
                NewAgreement(owner=a.owner, description=a.description, due_on=a.due_on) for a in payload.agreements
            ],
            notes=payload.notes,
            evaluation_question_asked=payload.evaluation_question_asked,
        )
        return 201, {"id": contact.pk}

    return respond_once(request, idempotency_key, write)


@router.post(
    "/trajectories/{trajectory_id}/appointments",
    response=responses({201: Created}, WRITE_ERRORS),
    summary="Gesprek plannen",
)
def create_appointment(
    request, trajectory_id: IdPath, payload: AppointmentIn, idempotency_key: IdempotencyKeyHeader = None
):
    trajectory = trajectory_for(
        request.auth, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.API, subject="appointment"
    )

    def write() -> tuple[int, dict]:
        appointment = appointment_create(
            actor=request.auth,
            trajectory=trajectory,
            date=payload.date,
            time=payload.time,
            channel=payload.channel,
            description=payload.description,
        )
        return 201, {"id": appointment.pk}

    return respond_once(request, idempotency_key, write)


@router.post(
    "/appointments/{appointment_id}/status",
    response=responses({200: AppointmentOut}, WRITE_ERRORS),
    summary="Status van een gesprek",
)
def set_appointment_status(
    request, appointment_id: IdPath, payload: AppointmentStatusIn, idempotency_key: IdempotencyKeyHeader = None
):
    require_youth_worker(request.auth)
    trajectory_id = trajectory_id_of_appointment(appointment_id, organisation_id=request.auth.organisation_id)
    trajectory = trajectory_for(
        request.auth, trajectory_id or 0, action=AccessAction.CHANGE, channel=AccessChannel.API, subject="appointment"
    )
    appointment = appointment_of(trajectory, appointment_id)

    def write() -> tuple[int, dict]:
        changed = appointment_set_status(actor=request.auth, appointment=appointment, status=payload.status)
        return 200, {"id": changed.pk, "date": changed.date, "status": changed.status}

    return respond_once(request, idempotency_key, write)


@router.get(
    "/trajectories/{trajectory_id}/agenda",
    response=responses({200: list[DueItemOut]}, READ_ERRORS),
    summary="Open actiepunten op een datum",
)
def trajectory_agenda(request, trajectory_id: IdPath, on: IsoDate | None = None):
    trajectory = trajectory_for(
        request.auth, trajectory_id, action=AccessAction.VIEW, channel=AccessChannel.API, subject="agenda"
    )
    day = on or timezone.localdate()
    return [
        {
            "kind": item.kind,
            "label": due_kind_label(item.kind),
            "due": item.due,
            "overdue": item.overdue_on(day),
            "starts": item.starts,
            "ref": item.ref,
        }
        for item in agenda_on(trajectory=trajectory, on=day)
    ]
