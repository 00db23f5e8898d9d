"""Warm hand-over: give the youth another fixed consultant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.trajectories.access import may_hand_over, visible_youths, youth_for
from koers.trajectories.services import youth_hand_over
from koers.web.forms import HandOverForm, attach_service_errors
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
        try:
            youth_hand_over(actor=request.user, youth=youth, consultant=consultant)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(
                request, _("Overgedragen aan %(name)s") % {"name": consultant.get_full_name() or consultant.username}
            )
            if visible_youths(request.user).filter(pk=youth.pk).exists():
                return redirect("youth_file", youth_id=youth.pk)
            return redirect("today")  # handed over to another team: the file is no longer ours
    return render_youth_file(request, youth, forms={"hand_over": form})
