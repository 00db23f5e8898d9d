"""Reads of the secure conversation: a youth's newest messages with their attachments, the count of
unread messages for either side (the portal's menu uses the youth's), the youths whose messages
wait to be read (Vandaag), and one attachment of a youth's messages (for the download views)."""

from django.db.models import Count, Max, Prefetch, QuerySet

from koers.messaging.models import Attachment, LetterTemplate, Message

PAGE = 50  # the newest messages shown; older ones are behind "Eerdere berichten"


def conversation_of(youth_id: int, *, limit: int = PAGE, after_id: int | None = None) -> list[Message]:
    """The newest messages, oldest first, with their attachments and authors: two queries."""
    messages = Message.objects.filter(youth_id=youth_id).select_related("author")
    if after_id is not None:
        messages = messages.filter(pk__gt=after_id)
    newest = messages.order_by("-created_at", "-id").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("id"))
    )[:limit]
    return list(reversed(list(newest)))


def unread_count(youth_id: int, *, for_youth: bool) -> int:
    return Message.objects.filter(youth_id=youth_id, from_youth=not for_youth, read_at__isnull=True).count()


def unread_from_youths(youths, *, limit: int = 20) -> list[dict]:
    """Youths (of the visible queryset) with unread messages, the longest waiting first: one query."""
    return list(
        Message.objects.filter(youth__in=youths, from_youth=True, read_at__isnull=True)
        .values("youth_id", "youth__first_name", "youth__last_name")
        .annotate(count=Count("id"), latest=Max("created_at"))
        .order_by("latest")[:limit]
    )


def attachment_of(youth_id: int, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(pk=attachment_id, message__youth_id=youth_id).select_related("message").first()


def active_letter_templates(organisation_id: int) -> QuerySet[LetterTemplate]:
    """The organisation's letters that can be sent (a queryset: the form offers and checks them)."""
    return LetterTemplate.objects.filter(organisation_id=organisation_id, active=True)
