"""The youth file page, composed of sections.

Each section is a small module of koers.web.youths (its context, its template in
jinja2/web/youths/sections/, its forms and write views). The page asks every section for its
context; a refused write re-renders only its own section when the request came from htmx, and the
whole page (with the submitted form and its messages) otherwise, so nothing typed is lost.

Forms the consultant has not opened (planning an appointment, correcting a milestone, a
hand-over) are not rendered with the page: htmx fetches them when their panel opens, or the page
renders one when asked with ?open=NAME (without JavaScript).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import youth_for
from koers.trajectories.models import Youth
from koers.web.youths.view import file_view, int_or_none


def sections() -> dict:
    """The sections (each gives its context; the page template places them) and the forms that
    open on demand. Imported here, not at the top: the sections' write views use this module."""
    from koers.web.youths import (  # noqa: I001
        agenda,
        agreements,
        appointments,
        barriers,
        contact,
        details,
        enforcement,
        flow,
        hand_over,
        history,
        letters,
        messages,
        network,
        plan,
        progress,
    )

    contexts = {
        "flow": flow.context,
        "agenda": agenda.context,
        "contact": contact.context,
        "history": history.context,
        "details": details.context,
        "appointments": appointments.context,
        "agreements": agreements.context,
        "barriers": barriers.context,
        "enforcement": enforcement.context,
        "network": network.context,
        "progress": progress.context,
        "plan": plan.context,
        "messages": messages.context,
        "letters": letters.context,
        "hand_over": hand_over.context,
    }
    fragments = {
        "appointment": appointments.form_fragment,
        "correction": flow.correction_fragment,
        "hand_over": hand_over.form_fragment,
        "letter": letters.form_fragment,
    }
    return {"contexts": contexts, "fragments": fragments}


# Which section shows a form that was sent back with errors.
FORM_SECTIONS = {
    "contact": "contact",
    "agreements": "contact",
    "milestone": "flow",
    "correction": "flow",
    "withdraw": "flow",
    "trajectory": "flow",
    "appointment": "appointments",
    "hand_over": "hand_over",
    "barrier": "barriers",
    "enforcement": "enforcement",
    "member": "network",
    "consent": "network",
    "assessment": "progress",
    "plan": "plan",
    "sub_goals": "plan",
    "reply": "messages",
    "letter": "letters",
}


def _has_errors(form) -> bool:
    return bool(form.total_error_count() if hasattr(form, "total_error_count") else form.errors)


def render_youth_file(request, youth: Youth, *, forms: dict | None = None, trajectory_id: int | None = None):
    """The whole file, or (for htmx) only the section of the form that was sent back."""
    view = file_view(request, youth, forms=forms, trajectory_id=trajectory_id)
    contexts = sections()["contexts"]
    errors = [name for name, form in view.forms.items() if _has_errors(form)]
    context = {"file": view, "youth": youth, "has_errors": bool(errors)}
    if errors and request.headers.get("HX-Request"):
        name = FORM_SECTIONS[errors[0]]
        context.update(contexts[name](view))
        return render(request, f"web/youths/sections/{name}.html", context)
    for build in contexts.values():
        context.update(build(view))
    context["error_anchor"] = f"{FORM_SECTIONS[errors[0]]}-heading" if errors else None
    return render(request, "web/youths/file.html", context)


@login_required
@require_GET
def youth_file_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB)
    return render_youth_file(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))


@login_required
@require_GET
def form_fragment_view(request, youth_id: int, name: str):
    """A form that opens on demand (htmx): appointment, correction, hand_over."""
    fragments = sections()["fragments"]
    if name not in fragments:
        raise Http404
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject=name)
    view = file_view(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))
    return fragments[name](request, view)
