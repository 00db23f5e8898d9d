"""Messages: the conversation with the consultant, with photos and PDFs; new ones appear by
polling (htmx), which does not count as activity for the session."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.messaging.models import MESSAGE_MAX_LENGTH
from koers.messaging.selectors import attachment_of, conversation_of
from koers.messaging.services import MAX_FILES, conversation_read, message_send
from koers.messaging.storage import attachment_response
from koers.messaging.uploads import UploadRefused, clean_upload
from koers.portal.views.base import portal_page, portal_render


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Je bericht"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy("Je bericht is te lang: hoogstens %(max)s tekens.") % {"max": MESSAGE_MAX_LENGTH}
        },
    )
    client_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)


FIELD_IDS = {"body": "id_body", "files": "id_files"}


def cleaned_files(request, field: str = "files") -> list:
    """Each chosen file checked and cleaned (koers.messaging.uploads); refusals raise UploadRefused.
    Too many files are refused before one is read (decoding photos is the costly part)."""
    uploads = request.FILES.getlist(field)
    if len(uploads) > MAX_FILES:
        raise ValidationError({"files": _("Stuur hoogstens %(max)s bestanden per bericht.") % {"max": MAX_FILES}})
    return [clean_upload(upload, name=upload.name) for upload in uploads]


@require_http_methods(["GET", "POST"])
@portal_page("messages")
def messages_view(request, youth):
    form = MessageForm(request.POST or None)
    # (field id, message): the summary at the top of the page links each error to its field.
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            files = cleaned_files(request)
            message_send(
                youth=youth,
                from_youth=True,
                body=form.cleaned_data["body"],
                files=files,
                client_key=f"form:{form.cleaned_data['client_key']}" if form.cleaned_data["client_key"] else "",
            )
        except UploadRefused as refused:
            errors.append(("id_files", str(refused)))
        except ValidationError as refused:
            fields = refused.message_dict if hasattr(refused, "error_dict") else {"body": refused.messages}
            errors.extend((FIELD_IDS.get(name, "id_body"), text) for name, texts in fields.items() for text in texts)
        else:
            messages.success(request, _("Je bericht is verstuurd."))
            return redirect(reverse("portal_messages") + "#nieuw-bericht")
    elif request.method == "POST":
        errors.extend((FIELD_IDS.get(name, "id_body"), text) for name, texts in form.errors.items() for text in texts)
    conversation = conversation_of(youth.pk)
    conversation_read(youth=youth, reader=None)
    context = {
        "form": form,
        "errors": errors,
        "conversation": conversation,
        "new_key": _new_key(),
        "max_length": MESSAGE_MAX_LENGTH,
        "files_chosen": bool(request.FILES),
    }
    return portal_render(request, youth, "portal/messages.html", context, nav="messages", status=400 if errors else 200)


def _new_key() -> str:
    import uuid

    return uuid.uuid4().hex


@require_GET
@portal_page("messages", active=False)
def messages_poll_view(request, youth):
    """The list only, every 15 seconds while the page is open. It marks nothing read (ADR 0010):
    a phone left on this page must not tell the consultant, or skip the notification mail."""
    return render(request, "portal/partials/conversation.html", {"conversation": conversation_of(youth.pk)})


@require_GET
@portal_page("attachment")
def attachment_view(request, youth, attachment_id: int):
    attachment = attachment_of(youth.pk, attachment_id)
    if attachment is None:
        raise Http404
    return attachment_response(attachment, inline=request.GET.get("bekijk") == "1")
