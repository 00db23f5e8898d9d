"""About me: notification settings, who looked at my data, download all my data, check-ins."""

import functools
import json
from importlib import resources

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.agenda.selectors import open_check_in
from koers.audit.models import AccessAction
from koers.intake.selectors.referrals import referrals_of_youth
from koers.lib.pdf import html_to_pdf
from koers.messaging.services import CheckInAnswered, check_in_answer
from koers.messaging.storage import download_response
from koers.notifications.models import NotificationKind
from koers.notifications.selectors import notification_settings_of
from koers.notifications.services import notification_settings_save
from koers.portal import selectors
from koers.portal.export import as_json, data_of, readable
from koers.portal.views.base import portal_page, portal_render


@require_http_methods(["GET", "POST"])
@portal_page("settings")
def settings_view(request, youth):
    if request.method == "POST":
        chosen = set(request.POST.getlist("kinds"))
        notification_settings_save(youth=youth, enabled={kind: kind in chosen for kind in NotificationKind.values})
        messages.success(request, _("Je keuzes zijn bewaard."))
        return redirect("portal_settings")
    current = notification_settings_of(youth)
    kinds = [(kind, label, current[kind]) for kind, label in NotificationKind.choices]
    return portal_render(request, youth, "portal/settings.html", {"kinds": kinds}, nav="me")


@require_GET
@portal_page("access_log")
def who_viewed_view(request, youth):
    # Who referred the youth, when and why: no other system shows a young person that (koers.intake).
    context = {"lines": selectors.who_viewed(youth), "referred_by": referrals_of_youth(youth.pk)}
    return portal_render(request, youth, "portal/who_viewed.html", context, nav="me")


@require_GET
@portal_page("export")
def export_view(request, youth):
    return portal_render(request, youth, "portal/export.html", {}, nav="me")


@require_GET
@portal_page("export", action=AccessAction.EXPORT)
def export_json_view(request, youth):
    return download_response(
        as_json(data_of(youth)), filename="mijn-gegevens.json", content_type="application/json; charset=utf-8"
    )


@require_GET
@portal_page("export", action=AccessAction.EXPORT)
def export_pdf_view(request, youth):
    html = render_to_string("portal/export_pdf.html", {"data": readable(data_of(youth)), "youth": youth})
    return download_response(html_to_pdf(html), filename="mijn-gegevens.pdf")


# Aftercare questions


@functools.cache
def check_in_texts() -> dict:
    return json.loads(resources.files("koers.portal").joinpath("data/check_in.json").read_text(encoding="utf-8"))


class CheckInForm(forms.Form):
    how_are_you = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    can_i_help = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    mark = forms.TypedChoiceField(
        choices=[("", "-")] + [(str(n), str(n)) for n in range(1, 11)], coerce=int, required=False, empty_value=None
    )


@require_http_methods(["GET", "POST"])
@portal_page("check_in")
def check_in_view(request, youth):
    item = open_check_in(youth_id=youth.pk, today=timezone.localdate())
    texts = check_in_texts()
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        labels = {q["key"]: q["label"] for q in texts["questions"]}
        try:
            check_in_answer(
                youth=youth,
                ref=request.POST.get("ref", "")[:60],
                answers={labels[k]: form.cleaned_data[k] for k in ("how_are_you", "can_i_help")},
                mark=form.cleaned_data["mark"],
            )
        except CheckInAnswered:  # a double tap or a reload: it was received the first time
            messages.success(request, texts["thanks"])
            return redirect("portal_home")
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, texts["thanks"])
            return redirect("portal_home")
    aftercare = selectors.aftercare_of(youth, timezone.localdate())
    context = {
        "item": item,
        "texts": texts,
        "form": form,
        "in_aftercare": aftercare is not None,
        "aftercare": aftercare,
    }
    return portal_render(request, youth, "portal/check_in.html", context, nav="me")
