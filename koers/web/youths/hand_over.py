"""Section: a warm hand-over to another consultant (the youth's own consultant or a team lead)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.accounts.models import User
from koers.accounts.selectors import active_consultants
from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import may_hand_over, visible_youths, youth_for
from koers.trajectories.services import youth_hand_over
from koers.web.forms import KoersForm
from koers.web.youths.file import section_post


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class HandOverForm(KoersForm):
    consultant = ConsultantChoiceField(
        label=gettext_lazy("Nieuwe consulent"),
        queryset=User.objects.none(),
        empty_label=gettext_lazy("Kies een consulent"),
    )
    note = forms.CharField(
        label=gettext_lazy("Overdrachtsnotitie voor de nieuwe consulent"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("Wat loopt er, wat werkt bij deze jongere, wat is afgesproken?"),
        error_messages={"required": gettext_lazy("Schrijf voor de nieuwe consulent op wat die moet weten.")},
    )
    youth_informed = forms.BooleanField(
        label=gettext_lazy("Ik heb de jongere verteld wie de nieuwe consulent wordt"),
        error_messages={"required": gettext_lazy("Vertel de jongere eerst wie de nieuwe consulent wordt.")},
    )

    def __init__(self, *args, organisation_id: int, current_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = active_consultants(organisation_id=organisation_id, exclude_id=current_id)


def _form(file):
    youth = file.youth
    return HandOverForm(prefix="handover", organisation_id=youth.organisation_id, current_id=youth.consultant_id)


def context(file) -> dict:
    if not may_hand_over(file.request.user, file.youth):
        return {"may_hand_over": False}
    result = {"may_hand_over": True}
    if file.is_open("hand_over"):
        result["hand_over_form"] = file.form("hand_over", lambda: _form(file))
    return result


def form_fragment(request, file):
    if not may_hand_over(request.user, file.youth):
        raise PermissionDenied
    return render(
        request, "web/youths/forms/hand_over.html", {"file": file, "youth": file.youth, "hand_over_form": _form(file)}
    )


@login_required
@require_POST
def hand_over_view(request, youth_id: int):
    youth = youth_for(
        request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="consultant"
    )
    if not may_hand_over(request.user, youth):
        raise PermissionDenied(_("Alleen de eigen consulent of een teamleider kan een jongere overdragen."))
    form = HandOverForm(
        request.POST, prefix="handover", organisation_id=youth.organisation_id, current_id=youth.consultant_id
    )
    consultant = form.cleaned_data["consultant"] if form.is_valid() else None

    def write() -> str:
        youth_hand_over(
            actor=request.user,
            youth=youth,
            consultant=consultant,
            note=form.cleaned_data["note"],
            youth_informed=form.cleaned_data["youth_informed"],
        )
        if visible_youths(request.user).filter(pk=youth.pk).exists():
            return reverse("youth_file", args=[youth.pk])
        return reverse("today")  # handed over to another team: the file is no longer ours

    name = (consultant.get_full_name() or consultant.username) if consultant else ""
    success = _("Overgedragen aan %(name)s") % {"name": name}
    return section_post(request, youth, forms={"hand_over": form}, write=write, success=success)
