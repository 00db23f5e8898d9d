"""Section: a letter from the organisation's templates (invitation, follow-up), mailed with a PDF
or printed. The date, time and place come from the next planned conversation when there is one."""

import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import next_planned_appointment
from koers.messaging.letters import letter_for, letter_pdf, letter_place, letter_send
from koers.messaging.models import LetterTemplate
from koers.messaging.selectors import active_letter_templates
from koers.messaging.storage import download_response
from koers.trajectories.access import youth_for
from koers.web.forms import KoersForm, attach_service_errors
from koers.web.youths.file import render_youth_file, section_post


class LetterForm(KoersForm):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Brief"), queryset=LetterTemplate.objects.none(), empty_label=None
    )
    date = forms.CharField(label=gettext_lazy("Datum (in de brief)"), max_length=60, required=False)
    time = forms.CharField(label=gettext_lazy("Tijd"), max_length=20, required=False)
    place = forms.CharField(label=gettext_lazy("Plaats"), max_length=200, required=False)
    client_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = active_letter_templates(organisation_id)


def _initial(file) -> dict:
    if file.trajectory is None:
        return {}
    appointment = next_planned_appointment(file.trajectory, file.today)
    if appointment is None:
        return {}
    from koers.web.jinja import date_filter

    return {
        "date": date_filter(appointment.date, "l j F Y"),
        "time": appointment.time.strftime("%H:%M") if appointment.time else "",
        "place": letter_place(appointment.get_channel_display(), organisation=file.youth.organisation),
    }


def context(file) -> dict:
    """The form loads when its panel opens (htmx), or with ?open=letter, or when sent back."""
    if not (file.can_change and file.is_open("letter")):
        return {"letter_form": None}
    return {"letter_form": file.form("letter", lambda: _new_form(file))}


def _new_form(file) -> LetterForm:
    initial = {**_initial(file), "client_key": uuid.uuid4().hex}
    return LetterForm(prefix="letter", organisation_id=file.youth.organisation_id, initial=initial)


def form_fragment(request, file):
    if not file.can_change:
        raise Http404
    context = {"file": file, "youth": file.youth, "letter_form": _new_form(file)}
    return render(request, "web/youths/forms/letter.html", context)


@login_required
@require_POST
def letter_view(request, youth_id: int):
    """ "Versturen" mails the letter; "Pdf" returns it to print (nothing is sent). A refusal of the
    service (a placeholder left empty, no e-mail address) shows the form again, each message at
    its field."""
    printing = "print" in request.POST
    youth = youth_for(
        request.user,
        youth_id,
        action=AccessAction.EXPORT if printing else AccessAction.CHANGE,
        channel=AccessChannel.WEB,
        subject="letter",
    )
    form = LetterForm(request.POST, prefix="letter", organisation_id=youth.organisation_id)
    if printing:
        return _print(request, youth, form)

    def send() -> str:
        data = form.cleaned_data
        letter_send(
            template=data["template"], youth=youth, author=request.user, client_key=data["client_key"], **_values(data)
        )
        return reverse("youth_file", args=[youth.pk]) + "#letters-heading"

    return section_post(
        request,
        youth,
        forms={"letter": form},
        write=send,
        success=_("Brief verstuurd per e-mail. Hij staat ook bij de berichten."),
    )


def _values(data: dict) -> dict:
    return {"date": data["date"], "time": data["time"], "place": data["place"]}


def _print(request, youth, form: LetterForm):
    if form.is_valid():
        data = form.cleaned_data
        try:
            letter = letter_for(data["template"], youth=youth, author=request.user, **_values(data))
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            return download_response(letter_pdf(letter, youth=youth), filename="brief.pdf")
    return render_youth_file(request, youth, forms={"letter": form})
