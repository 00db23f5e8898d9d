"""Warm hand-over: give the youth another fixed consultant."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.trajectories.access import may_hand_over, visible_youths, youth_for
from koers.trajectories.services import youth_hand_over
from koers.web.forms import HandOverForm, attach_service_errors
from koers.web.once import submit_once
from koers.web.views.youth_file import render_youth_file


@login_required
@require_POST
def hand_over_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action="change", channel="web", subject="consultant")
    if not may_hand_over(request.user, youth):
        raise PermissionDenied(_("Alleen de eigen consulent of een teamleider kan een jongere overdragen."))
    form = HandOverForm(
        request.POST, prefix="handover", organisation_id=youth.organisation_id, current_id=youth.consultant_id
    )
    if form.is_valid():
        consultant = form.cleaned_data["consultant"]

        def write() -> str:
            youth_hand_over(actor=request.user, youth=youth, consultant=consultant)
            if visible_youths(request.user).filter(pk=youth.pk).exists():
                return reverse("youth_file", args=[youth.pk])
            return reverse("today")  # handed over to another team: the file is no longer ours

        name = consultant.get_full_name() or consultant.username
        try:
            return submit_once(request, write=write, success=_("Overgedragen aan %(name)s") % {"name": name})
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, youth, forms={"hand_over": form})
