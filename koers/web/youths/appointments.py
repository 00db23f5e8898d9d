"""Section: the planned appointments, the latest past ones, and planning a new one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.models import AppointmentStatus, Channel
from koers.contacts.selectors import appointment_of, appointments_of
from koers.contacts.services import appointment_create, appointment_set_status
from koers.trajectories.access import trajectory_for
from koers.web.forms import KoersForm, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url


class AppointmentForm(KoersForm):
    date = date_field(gettext_lazy("Datum"))
    time = forms.TimeField(
        label=gettext_lazy("Tijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Hoe"), choices=Channel.choices, initial=Channel.OFFICE)
    description = forms.CharField(label=gettext_lazy("Omschrijving"), max_length=200, required=False)


def context(file) -> dict:
    if file.trajectory is None:
        return {"appointments": None}
    result = {"appointments": appointments_of(file.trajectory)}
    if file.can_change and file.is_open("appointment"):
        result["appointment_form"] = file.form("appointment", lambda: AppointmentForm(prefix="appointment"))
    return result


def form_fragment(request, file):
    if not file.can_change:
        raise Http404
    context = {"file": file, "youth": file.youth, "appointment_form": AppointmentForm(prefix="appointment")}
    return render(request, "web/youths/forms/appointment.html", context)


@login_required
@require_POST
def appointment_create_view(request, trajectory_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="appointment"
    )
    form = AppointmentForm(request.POST, prefix="appointment")

    def write() -> str:
        appointment_create(actor=request.user, trajectory=trajectory, **form.cleaned_data)
        return file_url(trajectory.youth_id, "appointments")

    return section_post(
        request, trajectory.youth, forms={"appointment": form}, write=write, success=_("Gesprek gepland")
    )


@login_required
@require_POST
def appointment_status_view(request, trajectory_id: int, appointment_id: int):
    trajectory = trajectory_for(
        request.user, trajectory_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="appointment"
    )
    appointment = appointment_of(trajectory, appointment_id)
    status = request.POST.get("status", "")
    try:
        appointment_set_status(actor=request.user, appointment=appointment, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        label = AppointmentStatus(status).label
        messages.success(request, _("Gesprek gemarkeerd als: %(status)s") % {"status": label})
    return redirect(file_url(trajectory.youth_id, "appointments"))
