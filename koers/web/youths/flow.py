"""Section: the flow chart, the next milestones, correcting or withdrawing the latest one, and
starting a new trajectory."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import trajectory_for, youth_for
from koers.trajectories.flow import FLOW_CHART
from koers.trajectories.models import (
    MILESTONE_EXTRA_FIELDS,
    ClosingReason,
    Destination,
    Milestone,
    MilestoneKind,
    Phase,
    Route,
    Source,
)
from koers.trajectories.services import milestone_record, milestone_withdraw, trajectory_create
from koers.web.forms import KoersForm, date_field
from koers.web.youths.file import section_post

# The label and choices of each kind's extra field (the field itself: MILESTONE_EXTRA_FIELDS).
EXTRA_FIELD_LABELS = {
    "source": (gettext_lazy("Hoe kwam de melding binnen?"), Source.choices),
    "route": (gettext_lazy("Route"), Route.choices),
    "destination": (gettext_lazy("Uitstroom naar"), Destination.choices),
    "reason": (gettext_lazy("Reden van afsluiten"), ClosingReason.choices),
}


class MilestoneForm(KoersForm):
    date = date_field(gettext_lazy("Datum"), today=True)
    note = forms.CharField(label=gettext_lazy("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind in MILESTONE_EXTRA_FIELDS:
            name = MILESTONE_EXTRA_FIELDS[kind]
            label, choices = EXTRA_FIELD_LABELS[name]
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
            )
            self.order_fields(["date", name, "note"])

    @property
    def extra_values(self) -> dict[str, str]:
        if self.kind in MILESTONE_EXTRA_FIELDS:
            name = MILESTONE_EXTRA_FIELDS[self.kind]
            return {name: self.cleaned_data[name]}
        return {}


class WithdrawForm(KoersForm):
    note = forms.CharField(
        label=gettext_lazy("Waarom trekt u dit in?"),
        max_length=300,
        error_messages={"required": gettext_lazy("Schrijf kort op waarom u dit intrekt.")},
    )


class TrajectoryForm(KoersForm):
    registered_on = date_field(gettext_lazy("Datum van de melding"), today=True)
    source = forms.ChoiceField(label=gettext_lazy("Hoe kwam de melding binnen?"), choices=Source.choices)


def flow_steps(phase: str) -> list[dict]:
    """The flow chart's steps, each marked done, current or still to come."""
    index = next((i for i, (step, _label) in enumerate(FLOW_CHART) if step == phase), -1)
    closed = phase == Phase.CLOSED
    return [
        {"label": label, "state": "current" if i == index else ("done" if i < index or closed else "todo")}
        for i, (_step, label) in enumerate(FLOW_CHART)
    ]


def _correction_forms(file) -> dict:
    latest = file.state.latest
    if latest is None:
        return {}
    name = MILESTONE_EXTRA_FIELDS.get(latest.kind)
    initial = {"date": latest.date, "note": latest.note, **({name: latest.extra_value} if name else {})}
    result = {
        "correction_form": file.form(
            "correction", lambda: MilestoneForm(prefix="correct", kind=latest.kind, initial=initial)
        )
    }
    if latest.kind != MilestoneKind.REGISTRATION:
        result["withdraw_form"] = file.form("withdraw", lambda: WithdrawForm(prefix="withdraw"))
    return result


def context(file) -> dict:
    result = {"steps": flow_steps(file.phase)}
    if not file.has_open_trajectory or "trajectory" in file.forms:
        result["trajectory_form"] = file.form("trajectory", lambda: TrajectoryForm(prefix="trajectory"))
    if not file.can_change:
        return result
    kinds = list(file.state.next_kinds)
    posted = file.forms.get("milestone")
    if posted is not None and posted.kind not in kinds:
        kinds.insert(0, posted.kind)  # e.g. an impossible order: show the form with its message
    result["milestone_forms"] = [
        posted if posted is not None and posted.kind == kind else MilestoneForm(prefix=kind, kind=kind)
        for kind in kinds
    ]
    result["latest_milestone"] = file.state.latest
    if file.is_open("correction") or file.is_open("withdraw"):
        result.update(_correction_forms(file))
    return result


def correction_fragment(request, file):
    if not file.can_change:
        raise Http404
    context = {"file": file, "youth": file.youth, "latest_milestone": file.state.latest, **_correction_forms(file)}
    return render(request, "web/youths/forms/correction.html", context)


@login_required
@require_POST
def trajectory_create_view(request, youth_id: int):
    youth = youth_for(
        request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="trajectory"
    )
    form = TrajectoryForm(request.POST, prefix="trajectory")

    def write() -> str:
        trajectory_create(
            actor=request.user,
            youth=youth,
            registered_on=form.cleaned_data["registered_on"],
            source=form.cleaned_data["source"],
        )
        return reverse("youth_file", args=[youth.pk])

    return section_post(
        request,
        youth,
        forms={"trajectory": form},
        write=write,
        success=_("Traject gestart"),
        aliases={"date": "registered_on"},
    )


@login_required
@require_POST
def milestone_create_view(request, trajectory_id: int, kind: str):
    if kind not in MilestoneKind.values:
        raise Http404(_("Onbekende mijlpaal."))
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="milestone"
    )
    form = MilestoneForm(request.POST, prefix=kind, kind=kind)

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

    success = _("%(milestone)s vastgelegd") % {"milestone": MilestoneKind(kind).label}
    return section_post(request, trajectory.youth, forms={"milestone": form}, write=write, success=success)


def _milestone(trajectory, milestone_id: int) -> Milestone:
    return get_object_or_404(Milestone, pk=milestone_id, trajectory=trajectory)


@login_required
@require_POST
def milestone_correct_view(request, trajectory_id: int, milestone_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="milestone"
    )
    milestone = _milestone(trajectory, milestone_id)
    form = MilestoneForm(request.POST, prefix="correct", kind=milestone.kind)

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

    return section_post(
        request, trajectory.youth, forms={"correction": form}, write=write, success=_("Correctie opgeslagen")
    )


@login_required
@require_POST
def milestone_withdraw_view(request, trajectory_id: int, milestone_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="milestone"
    )
    milestone = _milestone(trajectory, milestone_id)
    form = WithdrawForm(request.POST, prefix="withdraw")

    def write() -> str:
        milestone_withdraw(actor=request.user, milestone=milestone, note=form.cleaned_data["note"])
        return reverse("youth_file", args=[trajectory.youth_id])

    return section_post(
        request, trajectory.youth, forms={"withdraw": form}, write=write, success=_("Mijlpaal ingetrokken")
    )
