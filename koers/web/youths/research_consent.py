"""Section: the youth's consent for research without their name (`ResearchConsent`): which
consents there are, recording one the youth gave, and recording a withdrawal.

Rarely needed, so the page itself reads nothing for it: its panel loads when it opens
(`/jongeren/<id>/formulier/research_consent/`, one query: the consents) or with
?open=research_consent. The rules are the service's (one open consent per purpose, no date in the
future or before the last withdrawal); the forms only parse, and the refusals land on their fields.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import ResearchPurpose
from koers.trajectories.selectors import research_consents_of
from koers.trajectories.services import research_consent_record, research_consent_revoke
from koers.web.forms import KoersForm, date_field
from koers.web.youths.file import section_post

PANEL = "research_consent"  # the fragment's name, and the access log's subject
RECORD, REVOKE = "research_consent", "research_revoke"  # the forms' names in the file


class PurposeField(forms.ChoiceField):
    """The choices only draw the list; which purpose may be chosen is the service's rule (it knows
    the purposes and the open consents), so its message shows at the field."""

    def validate(self, value):
        if not value:
            raise ValidationError(_("Kies waarvoor de jongere toestemming geeft."), code="required")


class ConsentForm(KoersForm):
    purpose = PurposeField(label=gettext_lazy("Waarvoor"))
    given_on = date_field(gettext_lazy("Toestemming gegeven op"), today=True)

    service_checks = {"given_on": lambda day: check_past_event("given_on", day)}

    def __init__(self, *args, purposes=ResearchPurpose.choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = purposes


class RevokeForm(KoersForm):
    purpose = PurposeField(label=gettext_lazy("Welke toestemming"))
    revoked_on = date_field(gettext_lazy("Ingetrokken op"), today=True)

    service_checks = {"revoked_on": lambda day: check_past_event("revoked_on", day)}

    def __init__(self, *args, purposes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = purposes


def _panel(file) -> dict:
    """The consents, and the forms that fit them: recording for a purpose without an open consent,
    withdrawing for one with (a form sent back with errors always shows again)."""
    consents = research_consents_of(file.youth.pk)
    open_purposes = {c.purpose for c in consents if c.revoked_on is None}
    free = [(value, label) for value, label in ResearchPurpose.choices if value not in open_purposes]
    taken = [(value, label) for value, label in ResearchPurpose.choices if value in open_purposes]
    record = file.forms.get(RECORD) or (ConsentForm(prefix="research", purposes=free) if free else None)
    revoke = file.forms.get(REVOKE) or (RevokeForm(prefix="research_revoke", purposes=taken) if taken else None)
    return {"consents": consents, "consent_form": record, "revoke_form": revoke}


def context(file) -> dict:
    if not (file.is_open(PANEL) or REVOKE in file.forms):
        return {"research_panel": None}
    return {"research_panel": _panel(file)}


def panel_fragment(request, file):
    context = {"file": file, "youth": file.youth, "research_panel": _panel(file)}
    return render(request, "web/youths/forms/research_consent.html", context)


def _file_url(youth) -> str:
    # The panel open again, so the consultant sees what was saved.
    return reverse("youth_file", args=[youth.pk]) + f"?open={PANEL}#{PANEL}-heading"


def _youth(request, youth_id: int):
    return youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject=PANEL)


@login_required
@require_POST
def consent_record_view(request, youth_id: int):
    youth = _youth(request, youth_id)
    form = ConsentForm(request.POST, prefix="research")

    def write() -> str:
        research_consent_record(actor=request.user, youth=youth, **form.cleaned_data)
        return _file_url(youth)

    return section_post(
        request, youth, forms={RECORD: form}, write=write, success=_("Toestemming voor onderzoek vastgelegd")
    )


@login_required
@require_POST
def consent_revoke_view(request, youth_id: int):
    youth = _youth(request, youth_id)
    form = RevokeForm(request.POST, prefix="research_revoke", purposes=ResearchPurpose.choices)

    def write() -> str:
        data = form.cleaned_data
        research_consent_revoke(actor=request.user, youth=youth, on=data["revoked_on"], purpose=data["purpose"])
        return _file_url(youth)

    return section_post(
        request, youth, forms={REVOKE: form}, write=write, success=_("Intrekking van de toestemming vastgelegd")
    )
