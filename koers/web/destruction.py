"""Vernietigen (/instellingen/vernietigen/): the destruction lists of files past their retention
date (koers.retention.services.destruction). A functional administrator reviews a list, a team
lead approves it; after the waiting period the nightly job destroys the files and the list stays
as the report. The pages show file numbers, dates and lines, no names."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.retention.models import DestructionItem, DestructionList, DestructionStatus
from koers.retention.selectors import destruction_items, destruction_list_of, destruction_lists, destruction_report
from koers.retention.services.destruction import (
    OPEN,
    destruction_approve,
    destruction_cancel,
    destruction_review,
    destruction_send_back,
    item_postpone,
    may_approve,
    may_review,
    may_see,
)
from koers.web.once import submit_once


def _require_viewer(user) -> None:
    if not may_see(user):
        raise PermissionDenied(_("Alleen functioneel beheer en teamleiders werken met vernietigingslijsten."))


@login_required
@require_GET
def destruction_lists_view(request):
    _require_viewer(request.user)
    context = {
        "nav": "destruction",
        "lists": destruction_lists(request.user.organisation_id),
        "wait_days": settings.KOERS_DESTRUCTION_WAIT_DAYS,
    }
    return render(request, "web/destruction_lists.html", context)


def _page(request, destruction_list: DestructionList, *, errors: dict | None = None, status: int = 200):
    items = destruction_items(destruction_list)
    user = request.user
    context = {
        "nav": "destruction",
        "list": destruction_list,
        "items": items,
        "report": destruction_report(items),
        "may_review": may_review(user) and destruction_list.status == DestructionStatus.PROPOSED,
        "may_approve": may_approve(user) and destruction_list.status == DestructionStatus.REVIEWED,
        "own_review": destruction_list.reviewed_by_id == user.pk,
        "may_change": destruction_list.status in OPEN,
        "may_open_files": user.works_with_youths,
        "errors": errors or {},
        "statuses": DestructionStatus,
        "wait_days": settings.KOERS_DESTRUCTION_WAIT_DAYS,
    }
    return render(request, "web/destruction_list.html", context, status=status)


@login_required
@require_GET
def destruction_list_view(request, list_id: int):
    _require_viewer(request.user)
    return _page(request, destruction_list_of(request.user.organisation_id, list_id))


# The steps. Each posts a small form; a refusal comes back on the page with its message.

_STEPS = {
    "review": (
        lambda user, pk, post: destruction_review(user, pk),
        _("De lijst is beoordeeld en wacht op een teamleider."),
    ),
    "approve": (
        lambda user, pk, post: destruction_approve(user, pk),
        _("De lijst is goedgekeurd. Na de wachttijd vernietigt Koers de dossiers."),
    ),
    "send_back": (
        lambda user, pk, post: destruction_send_back(user, pk, note=post.get("note", "")),
        _("De lijst gaat terug naar functioneel beheer."),
    ),
    "cancel": (
        lambda user, pk, post: destruction_cancel(user, pk, note=post.get("note", "")),
        _("De lijst is gestopt. Er wordt niets vernietigd."),
    ),
}


def _messages(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@login_required
@require_POST
def destruction_step_view(request, list_id: int, step: str):
    _require_viewer(request.user)
    if step not in _STEPS:
        raise Http404("Onbekende stap.")
    write, success = _STEPS[step]
    found = destruction_list_of(request.user.organisation_id, list_id)

    def save() -> str:
        write(request.user, found.pk, request.POST)
        return reverse("destruction_list", args=[found.pk])

    try:
        return submit_once(request, write=save, success=str(success))
    except ValidationError as error:
        found.refresh_from_db()
        return _page(request, found, errors={step: _messages(error)}, status=400)


@login_required
@require_POST
def destruction_postpone_view(request, list_id: int, item_id: int):
    _require_viewer(request.user)
    found = destruction_list_of(request.user.organisation_id, list_id)
    if not DestructionItem.objects.filter(pk=item_id, destruction_list=found).exists():
        raise Http404("Dit dossier staat niet op deze lijst.")

    def save() -> str:
        item_postpone(request.user, item_id, reason=request.POST.get("reason", ""))
        return reverse("destruction_list", args=[found.pk])

    try:
        return submit_once(request, write=save, success=_("Het dossier blijft langer bewaard en gaat van de lijst."))
    except ValidationError as error:
        return _page(request, found, errors={f"item-{item_id}": _messages(error)}, status=400)
