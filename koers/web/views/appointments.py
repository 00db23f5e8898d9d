"""Appointments in the agenda: plan one, and mark it held, missed or cancelled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.contacts.models import Appointment, AppointmentStatus
from koers.contacts.services import appointment_create, appointment_set_status
from koers.trajectories.access import trajectory_for
from koers.web.forms import AppointmentForm, attach_service_errors
from koers.web.once import submit_once
from koers.web.views.youth_file import render_youth_file


@login_required
@require_POST
def appointment_create_view(request, trajectory_id: int):
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web", subject="appointment")
    form = AppointmentForm(request.POST, prefix="appointment")
    if form.is_valid():

        def write() -> str:
            appointment_create(actor=request.user, trajectory=trajectory, **form.cleaned_data)
            return reverse("youth_file", args=[trajectory.youth_id])

        try:
            return submit_once(request, write=write, success=_("Gesprek gepland"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, trajectory.youth, forms={"appointment": form})


@login_required
@require_POST
def appointment_status_view(request, trajectory_id: int, appointment_id: int):
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web", subject="appointment")
    appointment = get_object_or_404(
        Appointment.objects.select_related("trajectory"), pk=appointment_id, trajectory=trajectory
    )
    status = request.POST.get("status", "")
    try:
        appointment_set_status(actor=request.user, appointment=appointment, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        label = AppointmentStatus(status).label
        messages.success(request, _("Gesprek gemarkeerd als: %(status)s") % {"status": label})
    return redirect("youth_file", youth_id=trajectory.youth_id)
