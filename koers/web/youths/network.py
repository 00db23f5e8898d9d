"""Section: the network (circle of support) with the youth's consent per person (one query, two
when there are people; shared with the contact form)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import NetworkInfluence, NetworkMember, NetworkRelation
from koers.trajectories.selectors import network_of
from koers.trajectories.services import network_consent_record, network_consent_revoke, network_member_add
from koers.web.forms import KoersForm, button_write, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url


class MemberForm(KoersForm):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=150)
    relation = forms.ChoiceField(label=gettext_lazy("Relatie"), choices=NetworkRelation.choices)
    influence = forms.ChoiceField(
        label=gettext_lazy("Steunt of belemmert?"), choices=NetworkInfluence.choices, initial=NetworkInfluence.UNKNOWN
    )
    phone = forms.CharField(label=gettext_lazy("Telefoonnummer"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False)


class ConsentForm(KoersForm):
    member = forms.ChoiceField(label=gettext_lazy("Wie mag u betrekken?"))
    purpose = forms.CharField(label=gettext_lazy("Waarvoor?"), max_length=300)
    given_by = forms.CharField(label=gettext_lazy("Gegeven door"), max_length=150, initial=gettext_lazy("de jongere"))
    given_on = date_field(gettext_lazy("Gegeven op"), today=True)

    service_checks = {"given_on": lambda day: check_past_event("given_on", day)}

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(str(e.member.pk), e.member.name) for e in entries if e.consent is None]


def context(file) -> dict:
    entries = file.read_once("network", lambda: network_of(file.youth))
    can_change = file.can_change
    return {
        "network": entries,
        "member_form": file.form("member", lambda: MemberForm(prefix="member")) if can_change else None,
        "consent_form": file.form("consent", lambda: ConsentForm(prefix="consent", entries=entries))
        if can_change
        else None,
    }


def _file_url(youth) -> str:
    return file_url(youth.pk, "network")


@login_required
@require_POST
def member_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="network")
    form = MemberForm(request.POST, prefix="member")

    def write() -> str:
        network_member_add(actor=request.user, youth=youth, **form.cleaned_data)
        return _file_url(youth)

    return section_post(
        request, youth, forms={"member": form}, write=write, success=_("Persoon toegevoegd aan het netwerk")
    )


@login_required
@require_POST
def consent_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="network")
    form = ConsentForm(request.POST, prefix="consent", entries=network_of(youth))

    def write() -> str:
        data = form.cleaned_data
        network_consent_record(
            actor=request.user,
            member=get_object_or_404(NetworkMember, pk=data["member"], youth=youth),
            purpose=data["purpose"],
            given_by=data["given_by"],
            given_on=data["given_on"],
        )
        return _file_url(youth)

    return section_post(request, youth, forms={"consent": form}, write=write, success=_("Toestemming vastgelegd"))


@login_required
@require_POST
def consent_revoke_view(request, youth_id: int, member_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="network")
    member = get_object_or_404(NetworkMember, pk=member_id, youth=youth)
    return button_write(
        request,
        lambda: network_consent_revoke(actor=request.user, member=member, on=timezone.localdate()),
        success=_("Toestemming ingetrokken"),
        location=_file_url(youth),
    )
