"""Writes for plans and daily steps. Each function is one transaction; plan writes refresh the
agenda (open sub-goals with a date and the plan evaluation are due items)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.agenda.services import agenda_refresh
from koers.lib.workdays import add_months
from koers.notifications.models import NotificationKind
from koers.notifications.services import notification_request
from koers.plans.models import (
    DailyStepChoice,
    DailyStepDone,
    Plan,
    PlanRevision,
    SubGoal,
    SubGoalOwner,
    SubGoalStatus,
)
from koers.trajectories.dates import check_planned_date
from koers.trajectories.models import Phase, Trajectory, Youth

EVALUATION_MONTHS = 3  # the default evaluation date: three months after the plan
MAX_SUB_GOALS = 20


@dataclass(frozen=True, kw_only=True)
class SubGoalInput:
    """A sub-goal as a form or the API sends it; `id` is None for a new one."""

    text: str
    owner: str
    due_on: dt.date | None = None
    partner_name: str = ""
    status: str = SubGoalStatus.OPEN
    id: int | None = None


def default_evaluation_on(made_on: dt.date) -> dt.date:
    return add_months(made_on, EVALUATION_MONTHS)


def snapshot_of(plan: Plan, sub_goals: Sequence[SubGoal]) -> dict:
    """What a version records: everything the youth and consultant agreed, in plain values."""
    return {
        "route": plan.route,
        "main_goal": plan.main_goal,
        "agreements": plan.agreements,
        "evaluation_on": plan.evaluation_on.isoformat(),
        "sub_goals": [
            {
                "id": goal.pk,
                "text": goal.text,
                "owner": goal.owner,
                "owner_label": goal.owner_label,
                "due_on": goal.due_on.isoformat() if goal.due_on else None,
                "status": goal.status,
                "youth_note": goal.youth_note,
            }
            for goal in sub_goals
        ],
    }


def _planned_date_errors(field: str, day: dt.date) -> dict[str, list[str]]:
    """The one rule for a date someone plans (koers.trajectories.dates.check_planned_date), as errors."""
    try:
        check_planned_date(field, day)
    except ValidationError as error:
        return error.message_dict
    return {}


def _check_plan_fields(*, main_goal: str, evaluation_on: dt.date, made_on: dt.date, sub_goals) -> None:
    errors: dict[str, list[str]] = {}
    if not main_goal.strip():
        errors["main_goal"] = [_("Schrijf het hoofddoel op: wat wil de jongere bereiken?")]
    if evaluation_on < made_on:
        errors["evaluation_on"] = [_("De evaluatie kan niet vóór de dag van het plan liggen.")]
    else:
        errors.update(_planned_date_errors("evaluation_on", evaluation_on))
    for number, goal in enumerate(sub_goals, start=1):
        if goal.due_on is not None:
            for message in _planned_date_errors("due_on", goal.due_on).get("due_on", []):
                errors["sub_goals"] = [_("Subdoel %(number)s: %(message)s") % {"number": number, "message": message}]
    if not any(goal.text.strip() for goal in sub_goals):
        errors["sub_goals"] = [_("Zet er minstens één klein subdoel in: een stap die de jongere kan zetten.")]
    if len(sub_goals) > MAX_SUB_GOALS:
        errors["sub_goals"] = [_("Een plan heeft hoogstens %(max)s subdoelen.") % {"max": MAX_SUB_GOALS}]
    for goal in sub_goals:
        if goal.owner not in SubGoalOwner.values:
            errors["sub_goals"] = [_("Kies bij elk subdoel wie het doet.")]
        elif goal.owner == SubGoalOwner.PARTNER and not goal.partner_name.strip():
            errors["sub_goals"] = [_("Schrijf bij een subdoel van een partner op welke partner het is.")]
        if goal.status not in SubGoalStatus.values:
            errors["sub_goals"] = [_("Kies een geldige stand voor elk subdoel.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_save(
    *,
    actor: User,
    trajectory: Trajectory,
    main_goal: str,
    sub_goals: Sequence[SubGoalInput],
    evaluation_on: dt.date | None = None,
    route: str = "",
    agreements: str = "",
    made_on: dt.date | None = None,
    based_on_version: int | None = None,
) -> Plan:
    """Make the trajectory's plan, or change it. A change that changes nothing adds no version
    (a double click, a retried request); any other change adds one with who and when.

    `based_on_version` is the version the form showed: when the plan changed since (the youth
    ticked a sub-goal off meanwhile), the save is refused instead of undoing that change."""
    # Locks in one order everywhere: trajectory, plan, sub-goals (sub_goal_mark_done too).
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if trajectory.phase == Phase.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten. Een plan maakt u in een lopend traject."))
    today = timezone.localdate()
    plan = Plan.objects.select_for_update().filter(trajectory=trajectory).first()
    if plan is not None and based_on_version is not None and plan.version != based_on_version:
        raise ValidationError(
            _(
                "Het plan is intussen aangepast (nu versie %(version)s), bijvoorbeeld doordat de jongere een "
                "subdoel heeft afgevinkt. Bekijk de nieuwe versie en pas het plan daarna opnieuw aan."
            )
            % {"version": plan.version}
        )
    made_on = plan.made_on if plan else (made_on or today)
    evaluation_on = evaluation_on or (plan.evaluation_on if plan else default_evaluation_on(made_on))
    goals = [goal for goal in sub_goals if goal.text.strip()]
    _check_plan_fields(main_goal=main_goal, evaluation_on=evaluation_on, made_on=made_on, sub_goals=goals)
    if plan is None:
        plan = Plan(organisation_id=trajectory.organisation_id, trajectory=trajectory, youth_id=trajectory.youth_id)
        plan.made_on = made_on
        plan.version = 0
    before = _current_snapshot(plan) if plan.pk else None
    plan.main_goal = main_goal.strip()
    plan.route = route
    plan.agreements = agreements.strip()
    plan.evaluation_on = evaluation_on
    plan.save()
    _save_sub_goals(plan, goals, today)
    after = _current_snapshot(plan)
    if after != before:
        _add_revision(plan, after, actor=actor)
        # The youth hears that the plan changed (a content-free mail, when they want one), in this
        # transaction, whoever saved it (page, API, command); a save that changed nothing tells nobody.
        notification_request(youth=Youth.objects.get(pk=trajectory.youth_id), kind=NotificationKind.PLAN_CHANGED)
    agenda_refresh(trajectory=trajectory)
    return plan


def _save_sub_goals(plan: Plan, goals: Sequence[SubGoalInput], today: dt.date) -> None:
    existing = {goal.pk: goal for goal in SubGoal.objects.select_for_update().filter(plan=plan)}
    kept = set()
    for position, goal in enumerate(goals):
        row = existing.get(goal.id) if goal.id is not None else None
        if row is None:
            row = SubGoal(organisation_id=plan.organisation_id, plan=plan)
        else:
            kept.add(row.pk)
        if goal.status == SubGoalStatus.DONE and row.status != SubGoalStatus.DONE:
            row.done_on, row.done_by_youth = today, False
        elif goal.status != SubGoalStatus.DONE:
            row.done_on, row.done_by_youth = None, False
        row.position = position
        row.text = goal.text.strip()
        row.owner = goal.owner
        row.partner_name = goal.partner_name.strip() if goal.owner == SubGoalOwner.PARTNER else ""
        row.due_on = goal.due_on
        row.status = goal.status
        row.save()
    # A sub-goal left out of the form is stopped, not deleted: earlier versions refer to it.
    left_out = set(existing) - kept
    SubGoal.objects.filter(pk__in=left_out).exclude(status=SubGoalStatus.STOPPED).update(status=SubGoalStatus.STOPPED)


def _current_snapshot(plan: Plan) -> dict:
    return snapshot_of(plan, list(SubGoal.objects.filter(plan=plan).exclude(status=SubGoalStatus.STOPPED)))


def _add_revision(plan: Plan, snapshot: dict, *, actor: User | None, by_youth: bool = False) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    PlanRevision.objects.create(
        organisation_id=plan.organisation_id,
        plan=plan,
        number=plan.version,
        snapshot=snapshot,
        changed_by=actor,
        changed_by_youth=by_youth,
    )


@transaction.atomic
def sub_goal_mark_done(
    *, sub_goal: SubGoal, by_youth: bool, actor: User | None = None, note: str = "", on: dt.date | None = None
) -> SubGoal:
    """Tick a sub-goal off. The youth may tick only their own; ticking twice changes nothing."""
    trajectory_id = SubGoal.objects.filter(pk=sub_goal.pk).values_list("plan__trajectory_id", flat=True).get()
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory_id)
    if trajectory.phase == Phase.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten. Het plan kan niet meer veranderen."))
    plan = Plan.objects.select_for_update().get(trajectory=trajectory)
    sub_goal = SubGoal.objects.select_for_update().select_related("plan", "plan__trajectory").get(pk=sub_goal.pk)
    if by_youth and sub_goal.owner != SubGoalOwner.YOUTH:
        raise ValidationError(_("Dit subdoel is van iemand anders. Je kunt alleen je eigen subdoelen afvinken."))
    if sub_goal.status != SubGoalStatus.OPEN:
        return sub_goal
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Je notitie is te lang: hoogstens 500 tekens.")})
    sub_goal.status = SubGoalStatus.DONE
    sub_goal.done_on = on or timezone.localdate()
    sub_goal.done_by_youth = by_youth
    if note:
        sub_goal.youth_note = note
    sub_goal.save(update_fields=["status", "done_on", "done_by_youth", "youth_note"])
    _add_revision(plan, _current_snapshot(plan), actor=actor, by_youth=by_youth)
    agenda_refresh(trajectory=sub_goal.plan.trajectory)
    return sub_goal


@transaction.atomic
def sub_goal_note_save(*, sub_goal: SubGoal, note: str) -> SubGoal:
    """The youth's own note on one of their sub-goals (no new version: it is not an agreement)."""
    sub_goal = SubGoal.objects.select_for_update().get(pk=sub_goal.pk)
    if sub_goal.owner != SubGoalOwner.YOUTH:
        raise ValidationError(_("Je kunt alleen bij je eigen subdoelen een notitie zetten."))
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Je notitie is te lang: hoogstens 500 tekens.")})
    sub_goal.youth_note = note
    sub_goal.save(update_fields=["youth_note"])
    return sub_goal


# Daily step


@transaction.atomic
def daily_step_choose(
    *, actor: User, youth: Youth, active: bool, step_keys: Sequence[str] = (), from_plan: bool = False
) -> DailyStepChoice:
    """The consultant and youth chose a daily step: from the library (all or some steps), or the
    youth's own open sub-goals in turn (`from_plan`)."""
    from koers.plans.daily_steps import library

    known = {step["key"] for step in library()}
    unknown = [key for key in step_keys if key not in known]
    if unknown:
        raise ValidationError({"step_keys": _("Kies stappen uit de lijst.")})
    Youth.objects.select_for_update().filter(pk=youth.pk).first()
    choice, _created = DailyStepChoice.objects.update_or_create(
        youth=youth,
        defaults={
            "organisation_id": youth.organisation_id,
            "active": active,
            "step_keys": list(step_keys),
            "from_plan": from_plan,
            "chosen_by": actor,
        },
    )
    return choice


@transaction.atomic
def daily_step_record(*, youth: Youth, day: dt.date) -> tuple[DailyStepDone, dict]:
    """The youth did today's step: the service chooses which step that is (the page only says
    "done"), once per day (a second tap keeps the first). Returns the row and the step, whose
    encouragement the page shows."""
    from koers.plans.selectors import current_plan_of_youth, daily_step_choice_of, todays_step

    Youth.objects.select_for_update().filter(pk=youth.pk).first()
    choice = daily_step_choice_of(youth.pk)
    if choice is None:
        raise ValidationError(_("De dagelijkse stap staat uit. Je consulent kan hem samen met jou aanzetten."))
    step = todays_step(choice, current_plan_of_youth(youth.pk), day)
    done, _created = DailyStepDone.objects.get_or_create(
        youth=youth,
        day=day,
        defaults={"organisation_id": youth.organisation_id, "step_key": step["key"], "text": step["text"][:300]},
    )
    return done, step
