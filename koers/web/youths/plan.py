"""Section: the plan (main goal, route, sub-goals with owner and date, agreements, evaluation date),
its last ten versions with what the newest changed, the form to make or change it, the plan as a
PDF download, and the daily step (on or off, from the step library or the youth's own sub-goals).
A saved change tells the youth by a content-free mail (when they want one).

Queries: the plan and the daily-step choice; two more (sub-goals, versions) when there is a plan,
and one more (the days done) when the youth chose a daily step."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.lib.pdf import html_to_pdf
from koers.messaging.storage import download_response
from koers.plans.models import SubGoalOwner, SubGoalStatus
from koers.plans.selectors import changes_between, daily_step_summary, plan_of_trajectory, revisions_of
from koers.plans.services import SubGoalInput, daily_step_choose, default_evaluation_on, plan_save
from koers.trajectories.access import trajectory_for, youth_for
from koers.trajectories.dates import check_planned_date
from koers.trajectories.models import Route
from koers.web.forms import KoersForm, button_write, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url

SUB_GOALS_PREFIX = "subgoal"


class PlanForm(KoersForm):
    main_goal = forms.CharField(
        label=gettext_lazy("Hoofddoel"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("In de woorden van de jongere, gericht op leren: 'Ik leer …', 'Ik ontdek …'."),
        error_messages={"required": gettext_lazy("Schrijf het hoofddoel op: wat wil de jongere bereiken?")},
    )
    route = forms.ChoiceField(label=gettext_lazy("Route"), choices=[("", "—"), *Route.choices], required=False)
    evaluation_on = date_field(gettext_lazy("Evaluatie op"), required=False)
    agreements = forms.CharField(
        label=gettext_lazy("Afspraken"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The version the form was made from: a save on top of a newer version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    service_checks = {"evaluation_on": lambda day: check_planned_date("evaluation_on", day)}


class SubGoalForm(KoersForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=gettext_lazy("Subdoel"), max_length=300, required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Wie doet het"), choices=SubGoalOwner.choices, initial="youth")
    partner_name = forms.CharField(label=gettext_lazy("Naam partner"), max_length=120, required=False)
    due_on = date_field(gettext_lazy("Klaar op"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Stand"), choices=SubGoalStatus.choices, initial="open")

    service_checks = {"due_on": lambda day: check_planned_date("due_on", day)}


class DailyStepForm(KoersForm):
    active = forms.BooleanField(label=gettext_lazy("Dagelijkse stap aan"), required=False)
    source = forms.ChoiceField(
        label=gettext_lazy("Waar komt de stap vandaan?"),
        choices=[
            ("library", gettext_lazy("kleine activerende stappen (dagritme, bewegen, bellen, solliciteren)")),
            ("plan", gettext_lazy("de eigen subdoelen van de jongere")),
        ],
        initial="library",
        widget=forms.RadioSelect,
    )


SubGoalFormSet = forms.formset_factory(SubGoalForm, extra=0, max_num=20, validate_max=True)


def _initial_rows(view) -> list[dict]:
    rows = []
    if view is not None:
        rows = [
            {
                "id": g.pk,
                "text": g.text,
                "owner": g.owner,
                "partner_name": g.partner_name,
                "due_on": g.due_on,
                "status": g.status,
            }
            for g in view.sub_goals
        ]
    return rows + [{"owner": "youth", "status": "open"}] * 3


def context(file) -> dict:
    if file.trajectory is None:
        return {"plan": None}
    view = plan_of_trajectory(file.trajectory.pk)
    revisions = revisions_of(view.plan, limit=10) if view else []
    latest = changes_between(revisions[1].snapshot, revisions[0].snapshot) if len(revisions) > 1 else []
    choice, done = daily_step_summary(file.youth.pk)
    result = {
        "plan": view,
        "plan_revisions": revisions,
        "plan_changes": latest,
        "daily_choice": choice,
        "daily_done": done,
    }
    if file.can_change:
        initial = {
            "active": bool(choice and choice.active),
            "source": "plan" if choice and choice.from_plan else "library",
        }
        result["daily_form"] = DailyStepForm(prefix="daily", initial=initial)
    if file.can_change:
        plan = view.plan if view else None
        initial = {
            "main_goal": plan.main_goal if plan else "",
            "route": plan.route if plan else (file.state.route if file.state else ""),
            "evaluation_on": plan.evaluation_on if plan else default_evaluation_on(file.today),
            "agreements": plan.agreements if plan else "",
            "version": plan.version if plan else None,
        }
        result["plan_form"] = file.form("plan", lambda: PlanForm(prefix="plan", initial=initial))
        result["sub_goal_formset"] = file.form(
            "sub_goals", lambda: SubGoalFormSet(prefix=SUB_GOALS_PREFIX, initial=_initial_rows(view))
        )
    return result


@login_required
@require_POST
def plan_save_view(request, trajectory_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="plan"
    )
    form = PlanForm(request.POST, prefix="plan")
    formset = SubGoalFormSet(request.POST, prefix=SUB_GOALS_PREFIX)

    def write() -> str:
        data = form.cleaned_data
        goals = [
            SubGoalInput(
                id=row.cleaned_data.get("id"),
                text=row.cleaned_data.get("text", ""),
                owner=row.cleaned_data.get("owner", "youth"),
                partner_name=row.cleaned_data.get("partner_name", ""),
                due_on=row.cleaned_data.get("due_on"),
                status=row.cleaned_data.get("status", "open"),
            )
            for row in formset
            if row.cleaned_data.get("text", "").strip()
        ]
        plan_save(
            actor=request.user,
            trajectory=trajectory,
            main_goal=data["main_goal"],
            route=data["route"],
            evaluation_on=data["evaluation_on"],
            agreements=data["agreements"],
            sub_goals=goals,
            based_on_version=data["version"],
        )
        return file_url(trajectory.youth_id, "plan")

    return section_post(
        request,
        trajectory.youth,
        forms={"plan": form, "sub_goals": formset},
        write=write,
        success=_("Plan opgeslagen. De jongere ziet het in het portaal."),
        aliases={"sub_goals": None},
        trajectory_id=trajectory.pk,
    )


@login_required
@require_GET
def plan_pdf_view(request, trajectory_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.EXPORT, channel=AccessChannel.WEB, subject="plan_pdf"
    )
    view = plan_of_trajectory(trajectory.pk)
    if view is None:
        raise Http404
    html = render_to_string("portal/plan_pdf.html", {"plan": view, "youth": trajectory.youth})
    return download_response(html_to_pdf(html), filename="plan.pdf")


@login_required
@require_POST
def daily_step_view(request, youth_id: int):
    youth = youth_for(
        request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="daily_step"
    )
    form = DailyStepForm(request.POST, prefix="daily")
    form.is_valid()
    data = form.cleaned_data
    return button_write(
        request,
        lambda: daily_step_choose(
            actor=request.user, youth=youth, active=bool(data.get("active")), from_plan=data.get("source") == "plan"
        ),
        success=_("Dagelijkse stap bewaard."),
        location=file_url(youth.pk, "plan"),
    )
