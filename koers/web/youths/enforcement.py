"""Section: enforcement, as the young people asked: proposed only after a personal conversation
about it (two queries: the proposals with their conversation, and the latest such conversation)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import enforcement_conversation_for, proposals_of
from koers.contacts.services import enforcement_propose
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.trajectories.selectors import current_trajectory
from koers.web.forms import KoersForm, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url


class EnforcementForm(KoersForm):
    proposed_on = date_field(gettext_lazy("Datum van het voorstel"), today=True)
    reason = forms.CharField(label=gettext_lazy("Waarom stelt u handhaving voor?"), max_length=300)

    service_checks = {"proposed_on": lambda day: check_past_event("proposed_on", day)}


def context(file) -> dict:
    if file.trajectory is None:
        return {"enforcement": None}
    proposals = proposals_of(file.trajectory)
    return {
        "enforcement": {
            "proposals": proposals,
            "conversation": enforcement_conversation_for(file.trajectory, file.today) if file.can_change else None,
            "form": file.form("enforcement", lambda: EnforcementForm(prefix="enforcement"))
            if file.can_change
            else None,
        }
    }


@login_required
@require_POST
def enforcement_propose_view(request, youth_id: int):
    youth = youth_for(
        request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="enforcement"
    )
    trajectory = current_trajectory(youth)
    if trajectory is None:
        raise Http404(_("Deze jongere heeft nog geen traject."))
    form = EnforcementForm(request.POST, prefix="enforcement")

    def write() -> str:
        data = form.cleaned_data
        enforcement_propose(actor=request.user, trajectory=trajectory, on=data["proposed_on"], reason=data["reason"])
        return file_url(youth.pk, "enforcement")

    return section_post(
        request, youth, forms={"enforcement": form}, write=write, success=_("Voorstel tot handhaving vastgelegd")
    )
