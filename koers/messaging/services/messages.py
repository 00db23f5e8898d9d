"""Writes: sending a message in the youth's conversation (checked files, one message per form
key, a content-free notification for the youth), and the read receipts of opening it."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.db.inserts import insert_if_absent
from koers.messaging.models import MESSAGE_MAX_LENGTH, Attachment, Message, MessageKind
from koers.messaging.storage import remove_stored, store
from koers.messaging.uploads import CleanFile
from koers.notifications.models import NotificationKind
from koers.notifications.selectors import has_portal_access
from koers.notifications.services import notification_request
from koers.trajectories.models import Youth

MAX_BODY = MESSAGE_MAX_LENGTH
MAX_FILES = 3


def _check_message(body: str, files: Sequence[CleanFile]) -> str:
    body = body.strip()
    if not body and not files:
        raise ValidationError({"body": _("Schrijf een bericht of kies een bestand.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("Je bericht is te lang: hoogstens %(max)s tekens.") % {"max": MAX_BODY}})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Stuur hoogstens %(max)s bestanden per bericht.") % {"max": MAX_FILES}})
    return body


def message_send(
    *,
    youth: Youth,
    from_youth: bool,
    body: str,
    author: User | None = None,
    files: Sequence[CleanFile] = (),
    kind: str = MessageKind.TEXT,
    client_key: str = "",
) -> Message:
    """Add a message to the youth's conversation. The same `client_key` twice gives one message.

    A staff message is read in the portal, so it needs the youth's portal access; a letter is the
    exception (it goes by mail, and is kept in the conversation for later)."""
    body = _check_message(body, files)
    if not from_youth and author is None:
        raise ValueError("a staff message needs its author")
    if not from_youth and kind != MessageKind.LETTER and not has_portal_access(youth):
        raise ValidationError(
            {"body": _("Deze jongere heeft nog geen toegang tot het portaal. Nodig de jongere eerst uit.")}
        )
    client_key = client_key[:100]
    if client_key:
        earlier = Message.objects.filter(youth=youth, client_key=client_key).first()
        if earlier is not None:
            return earlier
    with transaction.atomic():
        message = Message(
            organisation_id=youth.organisation_id,
            youth=youth,
            from_youth=from_youth,
            author=None if from_youth else author,
            kind=kind,
            body=body,
            client_key=client_key,
        )
        # The key is claimed before any file is written: a second request with the same key
        # waits here until the first has committed, then takes its message and writes nothing.
        if not insert_if_absent(message):
            return Message.objects.get(youth=youth, client_key=client_key)
        _attach(message, files)
        if not from_youth:
            notification_request(youth=youth, kind=NotificationKind.NEW_MESSAGE)
    return message


def _attach(message: Message, files: Sequence[CleanFile]) -> None:
    """Store the files and their rows; a failure removes the files it wrote (the rows roll back)."""
    paths: list[str] = []
    try:
        for file in files:
            paths.append(store(file))
        Attachment.objects.bulk_create(
            Attachment(
                organisation_id=message.organisation_id,
                message=message,
                path=path,
                name=file.name,
                content_type=file.content_type,
                kind=file.kind,
                size=len(file.content),
            )
            for file, path in zip(files, paths, strict=True)
        )
    except BaseException:
        for path in paths:
            remove_stored(path)
        raise


def conversation_read(*, youth: Youth, reader: User | None) -> int:
    """Someone opened the conversation (a page, never a poll: a tab left open must not tell the
    other side, or skip the youth's notification mail). Returns how many messages it marked read.

    The youth (`reader` None) reads the staff messages. Of the staff only the youth's own
    consultant reads the youth's messages (anyone who may open the file, when the youth has no
    consultant): a colleague or team lead looking in leaves them unread for the consultant."""
    if reader is None:
        unread = Message.objects.filter(youth=youth, from_youth=False, read_at__isnull=True)
        return unread.update(read_at=timezone.now(), read_by=None)
    if youth.consultant_id not in (None, reader.pk):
        return 0
    unread = Message.objects.filter(youth=youth, from_youth=True, read_at__isnull=True)
    return unread.update(read_at=timezone.now(), read_by=reader)
