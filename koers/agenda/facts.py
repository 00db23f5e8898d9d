"""Collect the facts the due rules need, for many trajectories in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from koers.contacts.models import Agreement, Appointment, Contact
from koers.lib import due_rules
from koers.plans.models import Plan, SubGoal, SubGoalStatus
from koers.trajectories import flow
from koers.trajectories.models import ConsultantAssignment, Milestone, MilestoneKind, Trajectory

K = MilestoneKind


def facts_for(trajectories: Sequence[Trajectory]) -> dict[int, due_rules.TrajectoryFacts]:
    """Facts per trajectory id; the youth must be loaded (select_related) on each trajectory."""
    ids = [t.pk for t in trajectories]
    milestones = _group(Milestone.objects.filter(trajectory_id__in=ids))
    contacts = _group(
        Contact.objects.filter(trajectory_id__in=ids).values_list(
            "trajectory_id", "date", "channel", "purpose", "consultant_id", named=True
        )
    )
    appointments = _group(
        Appointment.objects.filter(trajectory_id__in=ids).values_list(
            "trajectory_id", "id", "date", "status", named=True
        )
    )
    agreements = _group(
        Agreement.objects.filter(trajectory_id__in=ids).values_list(
            "trajectory_id", "id", "due_on", "done_on", "owner", "contact__date", named=True
        )
    )
    plans = {
        row.trajectory_id: due_rules.PlanFact(made_on=row.made_on, evaluation_on=row.evaluation_on)
        for row in Plan.objects.filter(trajectory_id__in=ids).values_list(
            "trajectory_id", "made_on", "evaluation_on", named=True
        )
    }
    sub_goals: dict[int, list] = defaultdict(list)
    for row in (
        SubGoal.objects.filter(plan__trajectory_id__in=ids)
        .exclude(status=SubGoalStatus.STOPPED)
        .values_list("plan__trajectory_id", "id", "due_on", "done_on", "created_at", named=True)
    ):
        sub_goals[row.plan__trajectory_id].append(
            due_rules.SubGoalFact(
                id=row.id, due_on=row.due_on, done_on=row.done_on, created_on=timezone.localdate(row.created_at)
            )
        )
    handovers: dict[int, list] = defaultdict(list)
    youth_ids = {t.youth_id for t in trajectories}
    for row in ConsultantAssignment.objects.filter(
        youth_id__in=youth_ids, previous_consultant__isnull=False
    ).values_list("youth_id", "starts_on", "consultant_id", named=True):
        handovers[row.youth_id].append(due_rules.HandoverFact(date=row.starts_on, to_consultant_id=row.consultant_id))

    result = {}
    for trajectory in trajectories:
        tid = trajectory.pk
        result[tid] = assemble(
            milestones=milestones[tid],
            youth=trajectory.youth,
            fallback_registered_on=trajectory.created_at.date(),
            contacts=(
                due_rules.ContactFact(date=c.date, channel=c.channel, purpose=c.purpose, consultant_id=c.consultant_id)
                for c in contacts[tid]
            ),
            appointments=(due_rules.AppointmentFact(id=a.id, date=a.date, status=a.status) for a in appointments[tid]),
            agreements=(
                due_rules.AgreementFact(
                    id=a.id, due_on=a.due_on, done_on=a.done_on, owner=a.owner, created_on=a.contact__date
                )
                for a in agreements[tid]
            ),
            handovers=handovers[trajectory.youth_id],
            plan_fact=plans.get(tid),
            sub_goals=sub_goals[tid],
        )
    return result


def assemble(
    *,
    milestones,
    youth,
    fallback_registered_on,
    contacts,
    appointments,
    agreements,
    handovers,
    plan_fact=None,
    sub_goals=(),
) -> due_rules.TrajectoryFacts:
    """Facts from one trajectory's rows (saved or, in the demo generator, about to be saved)."""
    found = flow.by_kind(flow.effective(milestones))
    registration = found.get(K.REGISTRATION)
    registered_on = registration.date if registration else fallback_registered_on
    plan = found.get(K.PLAN_CONVERSATION)
    closed = found.get(K.CLOSED)
    return due_rules.TrajectoryFacts(
        registered_on=registered_on,
        first_conversation_on=_date(found.get(K.FIRST_CONVERSATION)),
        plan_conversation_on=_date(plan),
        route=plan.route if plan else None,
        outflow_on=_date(found.get(K.OUTFLOW)),
        aftercare_extensions=tuple(row.date for row in found[K.AFTERCARE_EXTENSION]),
        closed_on=_date(closed),
        closed_reason=closed.reason if closed else None,
        contact_interval_days=youth.contact_interval_days,
        face_to_face_norm=youth.face_to_face_norm,
        treatment_elsewhere=youth.treatment_elsewhere,
        contacts=tuple(contacts),
        appointments=tuple(appointments),
        agreements=tuple(agreements),
        # A hand-over before this trajectory began belongs to an earlier one.
        handovers=tuple(h for h in handovers if h.date >= registered_on),
        plan=plan_fact,
        sub_goals=tuple(sub_goals),
        has_consultant=youth.consultant_id is not None,
        registration_source=registration.source if registration else None,
        invited_on=_date(found.get(K.INVITATION)),
    )


def _group(rows) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row.trajectory_id].append(row)
    return grouped


def _date(milestone):
    return milestone.date if milestone is not None else None
