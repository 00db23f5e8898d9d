"""Section: the open agreements, earliest due first (two queries at most)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.models import Agreement
from koers.contacts.selectors import open_agreements_of
from koers.contacts.services import agreement_mark_done
from koers.trajectories.access import trajectory_for


def context(file) -> dict:
    if file.trajectory is None:
        return {"open_agreements": None}
    return {"open_agreements": open_agreements_of(file.trajectory)}


@login_required
@require_POST
def agreement_done_view(request, trajectory_id: int, agreement_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="agreement"
    )
    agreement = get_object_or_404(
        Agreement.objects.select_related("trajectory"), pk=agreement_id, trajectory=trajectory
    )
    try:
        agreement_mark_done(actor=request.user, agreement=agreement, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Afspraak afgevinkt"))
    return redirect("youth_file", youth_id=trajectory.youth_id)
