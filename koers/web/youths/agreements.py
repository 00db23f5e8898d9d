"""Section: the open agreements, earliest due first (two queries at most)."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import agreement_of, open_agreements_of
from koers.contacts.services import agreement_mark_done
from koers.trajectories.access import trajectory_for
from koers.web.forms import button_write
from koers.web.youths.sections import file_url


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
    agreement = agreement_of(trajectory, agreement_id)
    return button_write(
        request,
        lambda: agreement_mark_done(actor=request.user, agreement=agreement, on=timezone.localdate()),
        success=_("Afspraak afgevinkt"),
        location=file_url(trajectory.youth_id, "agreements"),
    )
