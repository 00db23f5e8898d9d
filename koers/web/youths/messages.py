"""Section: the secure conversation with the youth and their access to the portal.

Opening the file marks the youth's messages read when the reader is the youth's own consultant
(`messaging.services.conversation_read`, called by the file view after the page). Three queries:
messages, attachments, portal access."""

import uuid

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.messaging.models import MESSAGE_MAX_LENGTH
from koers.messaging.selectors import attachment_of, conversation_of, unread_count
from koers.messaging.services import MAX_FILES, message_send
from koers.messaging.storage import attachment_response
from koers.messaging.uploads import UploadRefused, clean_upload
from koers.notifications.selectors import portal_access_of
from koers.portal.services import portal_access_end, portal_invite
from koers.trajectories.access import youth_for
from koers.web.forms import KoersForm, button_write
from koers.web.youths.file import render_youth_file
from koers.web.youths.sections import file_url


class ReplyForm(KoersForm):
    body = forms.CharField(
        label=gettext_lazy("Bericht aan de jongere"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "max_length": gettext_lazy("Het bericht is te lang: hoogstens %(max)s tekens.")
            % {"max": MESSAGE_MAX_LENGTH}
        },
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    client_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)


def unread_note(file) -> str:
    """On the folded conversation: how many of the youth's messages nobody read yet (one query)."""
    count = unread_count(file.youth.pk, for_youth=False)
    if not count:
        return ""
    return ngettext("%(count)s ongelezen bericht", "%(count)s ongelezen berichten", count) % {"count": count}


def context(file) -> dict:
    youth = file.youth
    return {
        "conversation": file.read_once("conversation", lambda: conversation_of(youth.pk, limit=30)),
        "portal_access": portal_access_of(youth),
        "reply_form": file.form("reply", lambda: ReplyForm(prefix="reply", initial={"client_key": uuid.uuid4().hex})),
    }


@login_required
@require_POST
def reply_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="message")
    form = ReplyForm(request.POST, prefix="reply")
    if form.is_valid():
        try:
            uploads = request.FILES.getlist("reply-files")
            if len(uploads) > MAX_FILES:
                raise ValidationError(_("Stuur hoogstens %(max)s bestanden per bericht.") % {"max": MAX_FILES})
            files = [clean_upload(upload, name=upload.name) for upload in uploads]
            message_send(
                youth=youth,
                from_youth=False,
                author=request.user,
                body=form.cleaned_data["body"],
                files=files,
                client_key=f"form:{form.cleaned_data['client_key']}" if form.cleaned_data["client_key"] else "",
            )
        except UploadRefused as refused:
            form.add_error(None, str(refused))
        except ValidationError as refused:
            form.add_error(None, refused.messages)
        else:
            flash.success(request, _("Bericht verstuurd. De jongere krijgt een mail zonder de inhoud."))
            return redirect(file_url(youth.pk, "messages"))
    return render_youth_file(request, youth, forms={"reply": form})


@login_required
@require_GET
def messages_poll_view(request, youth_id: int):
    """The conversation only, polled by htmx while the file is open. It marks nothing read: a tab
    left open must not tell the youth (or Vandaag) that a message was seen."""
    youth = youth_for(
        request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject="messages_poll"
    )
    return render(
        request,
        "web/youths/sections/conversation.html",
        {"conversation": conversation_of(youth.pk, limit=30), "youth": youth},
    )


@login_required
@require_POST
def portal_invite_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="portal")
    return button_write(
        request,
        lambda: portal_invite(actor=request.user, youth=youth),
        success=_("Uitnodiging verstuurd. De jongere krijgt een mail met een link en een code (15 minuten geldig)."),
        location=file_url(youth.pk, "messages"),
    )


@login_required
@require_POST
def portal_access_end_view(request, youth_id: int):
    """A mistyped address, a lost phone: no more sign-ins, and the open codes stop working."""
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="portal")
    return button_write(
        request,
        lambda: portal_access_end(actor=request.user, youth=youth),
        success=_("De jongere kan niet meer inloggen in het portaal. Berichten en plan blijven bewaard."),
        location=file_url(youth.pk, "messages"),
    )


@login_required
@require_GET
def attachment_view(request, youth_id: int, attachment_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject="attachment")
    attachment = attachment_of(youth.pk, attachment_id)
    if attachment is None:
        raise Http404
    return attachment_response(attachment, inline=request.GET.get("bekijk") == "1")
