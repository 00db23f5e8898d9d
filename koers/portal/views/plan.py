"""My plan: the goal, the sub-goals with who does what and when, what changed, ticking off."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from koers.lib.pdf import html_to_pdf
from koers.messaging.services import sub_goal_done_by_youth
from koers.messaging.storage import download_response
from koers.plans.daily_steps import celebration_for
from koers.plans.selectors import latest_changes
from koers.plans.services import sub_goal_note_save
from koers.portal import selectors
from koers.portal.views.base import portal_page, portal_render


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Je notitie (mag leeg)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@require_GET
@portal_page("plan")
def plan_view(request, youth):
    plan = selectors.plan_of(youth)
    revision, changes = latest_changes(plan.plan) if plan else (None, [])
    context = {"plan": plan, "revision": revision, "changes": changes, "note_form": NoteForm()}
    return portal_render(request, youth, "portal/plan.html", context, nav="plan")


@require_POST
@portal_page("sub_goal")
def sub_goal_done_view(request, youth, sub_goal_id: int):
    sub_goal = selectors.own_sub_goal(youth, sub_goal_id)
    if sub_goal is None:
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        done = sub_goal_done_by_youth(youth=youth, sub_goal=sub_goal, note=note)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("portal_plan")
    messages.success(request, celebration_for(done.pk))
    return redirect(reverse("portal_plan") + f"#subdoel-{done.pk}")


@require_POST
@portal_page("sub_goal")
def sub_goal_note_view(request, youth, sub_goal_id: int):
    sub_goal = selectors.own_sub_goal(youth, sub_goal_id)
    if sub_goal is None:
        raise Http404
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            sub_goal_note_save(sub_goal=sub_goal, note=form.cleaned_data["note"])
            messages.success(request, "Je notitie is bewaard.")
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, "Je notitie is te lang: hoogstens 500 tekens.")
    return redirect(reverse("portal_plan") + f"#subdoel-{sub_goal.pk}")


@require_GET
@portal_page("plan_pdf")
def plan_pdf_view(request, youth):
    from django.template.loader import render_to_string

    plan = selectors.plan_of(youth)
    if plan is None:
        raise Http404
    html = render_to_string("portal/plan_pdf.html", {"plan": plan, "youth": youth})
    return download_response(html_to_pdf(html), filename="mijn-plan.pdf")
