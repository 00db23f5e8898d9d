"""Logging a contact (with interventions and agreements) and ticking off an agreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.contacts.models import Agreement
from koers.contacts.services import NewAgreement, agreement_mark_done, contact_record
from koers.trajectories.access import trajectory_for, youth_for
from koers.trajectories.models import Trajectory
from koers.web import selectors
from koers.web.forms import AGREEMENTS_PREFIX, AgreementFormSet, ContactForm, attach_service_errors
from koers.web.once import submit_once
from koers.web.views.youth_file import render_youth_file


@login_required
@require_POST
def contact_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action="change", channel="web", subject="contact")
    trajectory = Trajectory.objects.filter(youth=youth).order_by("-created_at", "-id").first()
    if trajectory is None:
        raise Http404(_("Deze jongere heeft nog geen traject."))
    form = ContactForm(request.POST, prefix="contact", elements=selectors.working_elements())
    formset = AgreementFormSet(request.POST, prefix=AGREEMENTS_PREFIX)
    if form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        agreements = [
            NewAgreement(
                owner=row.cleaned_data["owner"],
                description=row.cleaned_data["description"],
                due_on=row.cleaned_data.get("due_on"),
            )
            for row in formset
            if row.is_filled
        ]

        def write() -> str:
            contact_record(
                actor=request.user,
                trajectory=trajectory,
                date=data["date"],
                channel=data["channel"],
                purpose=data["purpose"],
                participants=data["participants"],
                intervention_codes=data["interventions"],
                agreements=agreements,
                notes=data["notes"],
                evaluation_question_asked=data["evaluation_question_asked"],
            )
            return reverse("youth_file", args=[youth.pk])

        try:
            return submit_once(request, write=write, success=_("Contact opgeslagen"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render_youth_file(request, youth, forms={"contact": form, "agreements": formset})


@login_required
@require_POST
def agreement_done_view(request, trajectory_id: int, agreement_id: int):
    trajectory = trajectory_for(request.user, trajectory_id, action="change", channel="web", subject="agreement")
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
