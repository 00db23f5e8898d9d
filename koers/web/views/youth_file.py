"""The youth file: details, flow chart, agenda, history and the forms for the next steps.

`render_youth_file` is shared with the write views: when a service refuses a change, they show the
file again with the submitted form and its messages, so nothing typed is lost.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.trajectories.access import may_hand_over, youth_for
from koers.trajectories.flow import FLOW_CHART
from koers.trajectories.models import Phase
from koers.web import selectors
from koers.web.forms import (
    AGREEMENTS_PREFIX,
    AgreementFormSet,
    AppointmentForm,
    ContactForm,
    HandOverForm,
    MilestoneForm,
    TrajectoryForm,
    WithdrawForm,
)


def flow_steps(phase: str) -> list[dict]:
    """The flow chart's steps, each marked done, current or still to come."""
    index = next((i for i, (step, _label) in enumerate(FLOW_CHART) if step == phase), -1)
    closed = phase == Phase.CLOSED
    return [
        {
            "label": label,
            "state": "current" if i == index else ("done" if i < index or closed else "todo"),
        }
        for i, (_step, label) in enumerate(FLOW_CHART)
    ]


def _int_or_none(value: str | None) -> int | None:
    # isascii: str.isdigit() also accepts digits like "²" that int() refuses.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


# Where each re-shown form sits on the page, for the error summary's link.
_FORM_ANCHORS = {
    "contact": "contact-heading",
    "agreements": "contact-heading",
    "milestone": "next-heading",
    "correction": "next-heading",
    "withdraw": "next-heading",
    "appointment": "appointments-heading",
    "hand_over": "handover-heading",
    "trajectory": "trajectory-heading",
}


def _first_error_anchor(forms: dict) -> str | None:
    for name, form in forms.items():
        has_errors = form.total_error_count() if hasattr(form, "total_error_count") else form.errors
        if has_errors:
            return _FORM_ANCHORS.get(name, "main")
    return None


@login_required
@require_GET
def youth_file_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action="view", channel="web")
    return render_youth_file(request, youth, trajectory_id=_int_or_none(request.GET.get("traject")))


def render_youth_file(request, youth, *, forms: dict | None = None, trajectory_id: int | None = None):
    forms = forms or {}
    file = selectors.youth_file_for(youth=youth, today=timezone.localdate(), trajectory_id=trajectory_id)
    context = {
        "file": file,
        "youth": youth,
        "steps": flow_steps(file.phase),
        "open": set(forms),
        "error_anchor": _first_error_anchor(forms),
    }
    if file.trajectory is not None and file.is_current:
        context.update(_trajectory_forms(file, forms))
    if not file.has_open_trajectory or "trajectory" in forms:
        context["trajectory_form"] = forms.get("trajectory") or TrajectoryForm(prefix="trajectory")
    if may_hand_over(request.user, youth):
        context["hand_over_form"] = forms.get("hand_over") or HandOverForm(
            prefix="handover", organisation_id=youth.organisation_id, current_id=youth.consultant_id
        )
    return render(request, "web/youth_file.html", context)


def _trajectory_forms(file: selectors.YouthFile, forms: dict) -> dict:
    contact_form = forms.get("contact") or ContactForm(prefix="contact", elements=selectors.working_elements())
    kinds = list(file.next_kinds)
    posted = forms.get("milestone")
    if posted is not None and posted.kind not in kinds:
        kinds.insert(0, posted.kind)  # e.g. an impossible order: show the form with its message
    milestone_forms = [
        posted if posted is not None and posted.kind == kind else MilestoneForm(prefix=kind, kind=kind)
        for kind in kinds
    ]
    context = {
        "contact_form": contact_form,
        "agreement_formset": forms.get("agreements") or AgreementFormSet(prefix=AGREEMENTS_PREFIX),
        "appointment_form": forms.get("appointment") or AppointmentForm(prefix="appointment"),
        "milestone_forms": milestone_forms,
    }
    latest = file.latest_milestone
    if latest is not None:
        context["correction_form"] = forms.get("correction") or MilestoneForm(
            prefix="correct",
            kind=latest.kind,
            initial={"date": latest.date, "note": latest.note, **_extra_initial(latest)},
        )
        if latest.kind != "registration":
            context["withdraw_form"] = forms.get("withdraw") or WithdrawForm(prefix="withdraw")
    return context


def _extra_initial(milestone) -> dict:
    return {
        name: getattr(milestone, name)
        for name in ("source", "route", "destination", "reason")
        if getattr(milestone, name)
    }
