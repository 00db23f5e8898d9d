"""Moving a trajectory along the flow chart: start it, record, correct or withdraw a milestone."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.trajectories.access import trajectory_for, youth_for
from koers.trajectories.models import Milestone, MilestoneKind
from koers.trajectories.services import milestone_record, milestone_withdraw, trajectory_create
from koers.web.forms import MilestoneForm, TrajectoryForm, WithdrawForm, attach_service_errors
from koers.web.once import submit_once
from koers.web.views.youth_file import render_youth_file


@login_required
@require_POST
def trajectory_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action="change", channel="web", subject="trajectory")
    form = TrajectoryForm(request.POST, prefix="trajectory")
    if form.is_valid():

        def write() -> str:
            trajectory_create(
                actor=request.user,
                youth=youth,
                registered_on=form.cleaned_data["registered_on"],
                source=form.cleaned_data["source"],
            )
            return reverse("youth_file", args=[youth.pk])

        try:
            return submit_once(request, write=write, success=_("Traject gestart"))
        except ValidationError as error:
            attach_service_errors(form, error, aliases={"date": "registered_on"})
    return render_youth_file(request, youth, forms={"trajectory": form})


@login_required
@require_POST
def milestone_create_view(request, trajectory_id: int, kind: str):
    if kind not in MilestoneKind.values:
        raise Http404(_("Onbekende mijlpaal."))
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web")
    form = MilestoneForm(request.POST, prefix=kind, kind=kind)
    if form.is_valid():

        def write() -> str:
            milestone_record(
                actor=request.user,
                trajectory=trajectory,
                kind=kind,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                **form.extra_values,
            )
            return reverse("youth_file", args=[trajectory.youth_id])

        label = MilestoneKind(kind).label
        try:
            return submit_once(request, write=write, success=_("%(milestone)s vastgelegd") % {"milestone": label})
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, trajectory.youth, forms={"milestone": form})


def _milestone(trajectory, milestone_id: int) -> Milestone:
    return get_object_or_404(Milestone, pk=milestone_id, trajectory=trajectory)


@login_required
@require_POST
def milestone_correct_view(request, trajectory_id: int, milestone_id: int):
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web")
    milestone = _milestone(trajectory, milestone_id)
    form = MilestoneForm(request.POST, prefix="correct", kind=milestone.kind)
    if form.is_valid():

        def write() -> str:
            milestone_record(
                actor=request.user,
                trajectory=trajectory,
                kind=milestone.kind,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                replaces=milestone,
                **form.extra_values,
            )
            return reverse("youth_file", args=[trajectory.youth_id])

        try:
            return submit_once(request, write=write, success=_("Correctie opgeslagen"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, trajectory.youth, forms={"correction": form})


@login_required
@require_POST
def milestone_withdraw_view(request, trajectory_id: int, milestone_id: int):
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web")
    milestone = _milestone(trajectory, milestone_id)
    form = WithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():

        def write() -> str:
            milestone_withdraw(actor=request.user, milestone=milestone, note=form.cleaned_data["note"])
            return reverse("youth_file", args=[trajectory.youth_id])

        try:
            return submit_once(request, write=write, success=_("Mijlpaal ingetrokken"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, trajectory.youth, forms={"withdraw": form})
