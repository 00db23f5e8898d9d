"""The youth file page, composed of sections.

Each section is a small module of koers.web.youths (its context, its template in
jinja2/web/youths/sections/, its forms and write views), listed in `sections.SECTIONS`. The page
asks every section for its context; a refused write re-renders only its own section when the
request came from htmx, and the whole page (with the submitted form and its messages) otherwise,
so nothing typed is lost.

Forms the consultant has not opened (planning an appointment, correcting a milestone, a
hand-over) are not rendered with the page: htmx fetches them when their panel opens, or the page
renders one when asked with ?open=NAME (without JavaScript). Sections the consultant does not need
first (history, messages, plan, ...: `Section.folded`) are not read either: the page shows their
heading with a link that loads them the same two ways (`youth_section_view`).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.audit.models import AccessAction, AccessChannel
from koers.messaging.services import conversation_read
from koers.trajectories.access import youth_for
from koers.trajectories.models import Youth
from koers.trajectories.selectors import handed_over_by
from koers.web.forms import attach_service_errors
from koers.web.jinja import url
from koers.web.once import submit_once
from koers.web.youths.sections import BY_NAME, FRAGMENTS, SECTION_OF_FORM, SECTIONS
from koers.web.youths.view import file_view, int_or_none


def _has_errors(form) -> bool:
    return bool(form.total_error_count() if hasattr(form, "total_error_count") else form.errors)


def render_youth_file(request, youth: Youth, *, forms: dict | None = None, trajectory_id: int | None = None):
    """The whole file, or (for htmx) only the section of the form that was sent back."""
    return _render(request, file_view(request, youth, forms=forms, trajectory_id=trajectory_id))


def _render(request, view):
    youth = view.youth
    errors = [name for name, form in view.forms.items() if _has_errors(form)]
    context = {"file": view, "youth": youth, "has_errors": bool(errors)}
    if errors and request.headers.get("HX-Request"):
        section = SECTION_OF_FORM[errors[0]]
        context.update(section.context(view))
        return render(request, section.template, context)
    folded = {}
    for section in SECTIONS:
        if section.folded and not _shows(view, section):
            folded[section.name] = _folded_links(view, section)
        else:
            context.update(section.context(view))
    context["folded"] = folded
    context["error_anchor"] = f"{SECTION_OF_FORM[errors[0]].name}-heading" if errors else None
    return render(request, "web/youths/file.html", context)


def _shows(view, section) -> bool:
    """Whether a folded section is read with the page: asked for, or one of its forms came back."""
    return view.is_open(section.name) or any(name in view.forms for name in section.forms)


def _folded_links(view, section) -> dict:
    """The folded section's heading and where it loads from: htmx, or the page with ?open=."""
    older = {} if view.is_current or view.trajectory is None else {"traject": view.trajectory.pk}
    page = url("youth_file", view.youth.pk) + "?" + urlencode({**older, "open": section.name})
    fragment = url("youth_section", view.youth.pk, section.name)
    return {
        "title": section.folded,
        "note": section.note(view),
        "page_url": f"{page}#{section.name}-heading",
        "fragment_url": fragment + ("?" + urlencode(older) if older else ""),
    }


def section_post(
    request,
    youth: Youth,
    *,
    forms: dict,
    write: Callable[[], str],
    success: str,
    aliases: dict | None = None,
    trajectory_id: int | None = None,
):
    """What a section's write view does once it has the youth (through the access helper) and
    its bound forms: when they are valid, `write()` saves through the service once per rendered
    form and returns where to go; a refusal of the forms or of the service shows the file again
    with the forms and their messages (only the section, for htmx), so nothing typed is lost.
    The service's messages land on the first form's fields (`aliases` renames a service field)."""
    first = next(iter(forms.values()))
    if all(form.is_valid() for form in forms.values()):
        try:
            return submit_once(request, write=write, success=success)
        except ValidationError as error:
            attach_service_errors(first, error, aliases)
    return render_youth_file(request, youth, forms=forms, trajectory_id=trajectory_id)


@login_required
@require_GET
def youth_file_view(request, youth_id: int):
    try:
        youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB)
    except Http404:
        if request.user.works_with_youths and handed_over_by(request.user, youth_id):
            # Their own former youth: say where it went, not "not found" (no name: nothing is read).
            return render(request, "web/youths/moved.html", {}, status=404)
        raise
    view = file_view(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))
    response = _render(request, view)
    _mark_read(view, youth, request.user)  # when the conversation was opened with the page
    return response


@login_required
@require_GET
def youth_section_view(request, youth_id: int, name: str):
    """A folded section, loaded when the consultant opens it (htmx replaces its heading)."""
    section = BY_NAME.get(name)
    if section is None or not section.folded:
        raise Http404
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject=name)
    view = file_view(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))
    context = {"file": view, "youth": youth, "has_errors": False, **section.context(view)}
    response = render(request, section.template, context)
    _mark_read(view, youth, request.user)
    return response


def _mark_read(view, youth: Youth, reader) -> None:
    """After the conversation was shown: the read receipts that showing it gives (the service
    decides whose reading counts); no write at all when nothing shown was unread."""
    if any(message.from_youth and message.read_at is None for message in view.reads.get("conversation", ())):
        conversation_read(youth=youth, reader=reader)


@login_required
@require_GET
def form_fragment_view(request, youth_id: int, name: str):
    """A form that opens on demand (htmx): appointment, correction, hand_over, letter."""
    if name not in FRAGMENTS:
        raise Http404
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject=name)
    view = file_view(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))
    return FRAGMENTS[name].fragment(name)(request, view)
