"""Section: the youth's barriers (with date and source) and the toolbox help that fits them.

The open barriers and the suggestions are one read shared with the contact form (two queries)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import toolbox_for
from koers.method.models import BarrierKind
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import Barrier, BarrierSource
from koers.trajectories.services import barrier_record, barrier_resolve
from koers.web.forms import KoersForm, button_write, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url


class BarrierForm(KoersForm):
    kind = forms.ChoiceField(label=gettext_lazy("Belemmering"), choices=BarrierKind.choices)
    noted_on = date_field(gettext_lazy("Gesignaleerd op"), today=True)
    source = forms.ChoiceField(
        label=gettext_lazy("Van wie weet u het?"), choices=BarrierSource.choices, initial=BarrierSource.YOUTH
    )
    note = forms.CharField(label=gettext_lazy("Toelichting"), max_length=300, required=False)

    service_checks = {"noted_on": lambda day: check_past_event("noted_on", day)}


def context(file) -> dict:
    toolbox = file.read_once("toolbox", lambda: toolbox_for(file.youth, file.phase))
    return {
        "toolbox": toolbox,
        "barrier_form": file.form("barrier", lambda: BarrierForm(prefix="barrier")) if file.can_change else None,
    }


@login_required
@require_POST
def barrier_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="barrier")
    form = BarrierForm(request.POST, prefix="barrier")

    def write() -> str:
        data = form.cleaned_data
        barrier_record(
            actor=request.user,
            youth=youth,
            kind=data["kind"],
            noted_on=data["noted_on"],
            source=data["source"],
            note=data["note"],
        )
        return file_url(youth.pk, "barriers")

    return section_post(request, youth, forms={"barrier": form}, write=write, success=_("Belemmering vastgelegd"))


@login_required
@require_POST
def barrier_resolve_view(request, youth_id: int, barrier_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="barrier")
    barrier = get_object_or_404(Barrier, pk=barrier_id, youth=youth)
    return button_write(
        request,
        lambda: barrier_resolve(actor=request.user, barrier=barrier, on=timezone.localdate()),
        success=_("Belemmering opgelost"),
        location=file_url(youth.pk, "barriers"),
    )
