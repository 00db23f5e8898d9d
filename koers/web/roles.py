"""Rollen: team leads see every role change in their organisation and decide on requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from koers.accounts.models import Role, RoleRequestStatus
from koers.accounts.selectors import pending_requests_with_changes, pending_role_requests, role_changes_page
from koers.accounts.services import role_request_decide


def _require_team_lead(user) -> None:
    if not (user.is_authenticated and user.works_with_youths and user.role == Role.TEAM_LEAD):
        raise PermissionDenied(_("Alleen teamleiders zien de rolwijzigingen."))


@login_required
@require_GET
def roles_view(request):
    _require_team_lead(request.user)
    organisation_id = request.user.organisation_id
    context = {
        "nav": "roles",
        "requests": pending_requests_with_changes(organisation_id=organisation_id),
        "page": role_changes_page(organisation_id=organisation_id, page_number=request.GET.get("page", 1)),
    }
    return render(request, "web/roles.html", context)


_OUTCOME = {
    RoleRequestStatus.APPROVED: (messages.SUCCESS, gettext_lazy("Goedgekeurd: de nieuwe rol geldt nu.")),
    RoleRequestStatus.REJECTED: (messages.SUCCESS, gettext_lazy("Afgewezen: er is niets veranderd.")),
    RoleRequestStatus.OUTDATED: (
        messages.WARNING,
        gettext_lazy("Het account is na de aanvraag gewijzigd. De aanvraag is vervallen; er is niets veranderd."),
    ),
}


@login_required
@require_POST
def role_request_decide_view(request, request_id: int):
    _require_team_lead(request.user)
    decision = request.POST.get("decision")
    if decision not in {"approve", "reject"}:
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect("roles")
    pending = pending_role_requests(organisation_id=request.user.organisation_id).filter(pk=request_id).first()
    if pending is None:
        messages.error(request, _("Deze aanvraag wacht niet meer op een besluit."))
        return redirect("roles")
    try:
        decided = role_request_decide(actor=request.user, request_id=pending.pk, approve=decision == "approve")
    except ValidationError as error:  # decided by someone else a moment ago
        messages.error(request, " ".join(error.messages))
        return redirect("roles")
    level, text = _OUTCOME[decided.status]
    messages.add_message(request, level, text)
    return redirect("roles")
