"""Queue mail in the caller's transaction; `koers worker` sends it (ADR 0008).

A mail is a row in the same database as the change that causes it, so it is committed with that
change or not at all: a crash loses no mail and a refused change sends none. The worker sends one
mail per transaction: it claims one due row with `SELECT ... FOR UPDATE SKIP LOCKED` (so two
workers never send the same row), sends it and marks it sent, and commits before it claims the
next; one SMTP connection serves the whole round. A crash between the server's "250 OK" and that
commit sends that one mail again, with the same Message-ID (at least once, never lost).

A lease (status "sending" committed before sending) would not remove that one: after a crash the
worker cannot know whether the server received the mail, as SMTP has no two-phase commit. It
can only send it again (what the row lock does now) or give it up, which may lose it.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from koers.db.inserts import insert_if_absent
from koers.outbox.models import MailStatus, OutgoingMail

SUBJECT_LENGTH = OutgoingMail._meta.get_field("subject").max_length

logger = logging.getLogger(__name__)

# Waits of 1, 2, 4 ... 256 minutes, then 6 hours twice: a mail is given up after about 20 hours,
# so a mail server that is away for a night loses no mail.
MAX_ATTEMPTS = 12
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
# When the server cannot be reached, this many due mails wait (one try, the back-off) and the
# round ends: the others are not tried against a server that is known to be down.
BATCH_SIZE = 10
# Without a timeout a server that accepts the connection but never answers hangs the worker.
DEFAULT_TIMEOUT = 10

# Errors about one mail (its address or content): the next mail may still go.
_MAIL_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class NotSent(Exception):
    """The mail backend reported nothing sent, without an error."""


class Attachment(NamedTuple):
    name: str
    content: bytes
    mimetype: str


@transaction.atomic
def mail_queue(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str,
    dedupe_key: str | None = None,
    send_after: dt.datetime | None = None,
    attachment: Attachment | tuple[str, bytes, str] | None = None,
) -> OutgoingMail:
    """Queue a mail; call it inside the transaction of the change the mail is about.

    With a `dedupe_key` a repeated call (a retry, or another transaction at the same moment)
    returns the mail queued first instead of a second one. A mail to an address that cannot be
    right (empty, malformed) is stored as failed rather than refused.
    """
    if "\n" in subject or "\r" in subject or len(subject) > SUBJECT_LENGTH:
        # It would be refused at every attempt; refuse it now, where the caller sees it.
        raise ValueError(f"A mail subject has one line of at most {SUBJECT_LENGTH} characters.")
    fields = {
        "to": to,
        "subject": subject,
        "body": body,
        "kind": kind,
        "next_attempt_at": send_after or timezone.now(),
    }
    if not _is_address(to):
        # A stored address that is empty or wrong: no attempt can succeed. Failed at once, visible
        # in the admin, and the caller's change (often a batch of them) still goes through.
        fields.update(to=to[:254], status=MailStatus.FAILED, last_error="ValueError: not a valid e-mail address")
    if attachment is not None:
        name, content, mimetype = attachment
        fields.update(attachment_name=name, attachment_content=bytes(content), attachment_type=mimetype)
    if dedupe_key is None:
        return OutgoingMail.objects.create(**fields)
    # Another transaction's uncommitted row with this key makes the insert wait until it ends; a
    # duplicate is skipped without an error, so its body and address never reach the server's log.
    mail = OutgoingMail(dedupe_key=dedupe_key, **fields)
    if insert_if_absent(mail):
        return mail
    return OutgoingMail.objects.get(dedupe_key=dedupe_key)


def _is_address(to: str) -> bool:
    if len(to) > 254:  # the column's length, and SMTP's
        return False
    try:
        validate_email(to)
    except ValidationError:
        return False
    return True


def mail_send_due(*, limit: int = 50, now: dt.datetime | None = None) -> int:
    """Send up to `limit` mails that are due; returns how many were sent.

    One mail per transaction, over one connection. A mail the server refuses waits (1, 2, 4 ...
    minutes, at most LONGEST_RETRY) and is given up after MAX_ATTEMPTS. When the server cannot be
    reached, BATCH_SIZE mails wait and the round ends: the next round tries again.
    """
    due_by = now or timezone.now()
    clock = (lambda: now) if now else timezone.now
    totals = {"sent": 0, "postponed": 0, "failed": 0}
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT)
    handled = 0
    try:
        while handled < limit:
            # Committed before the next mail is claimed: a crash can resend only this one.
            with transaction.atomic():
                mail = _due(due_by).first()
                if mail is None:
                    break
                handled += 1
                server_error = _send_one(mail, connection=connection, clock=clock, totals=totals)
            if server_error is not None:
                count = min(BATCH_SIZE - 1, limit - handled)
                waiting = 1 + _wait_with(server_error, due_by=due_by, count=count, clock=clock, totals=totals)
                name = type(server_error).__name__
                logger.warning("outbox: mail server not reachable or failed (%s), %d mails wait", name, waiting)
                break
    finally:
        _close(connection)
    if any(totals.values()):
        logger.info("outbox: %d sent, %d postponed, %d given up", totals["sent"], totals["postponed"], totals["failed"])
    return totals["sent"]


def _due(due_by: dt.datetime):
    """Due rows, oldest first, locked; rows another worker holds are skipped, not waited for."""
    return (
        OutgoingMail.objects.select_for_update(skip_locked=True)
        .filter(status=MailStatus.QUEUED, next_attempt_at__lte=due_by)
        .order_by("next_attempt_at", "id")
    )


def _send_one(mail: OutgoingMail, *, connection, clock: Callable[[], dt.datetime], totals: dict) -> Exception | None:
    """Send one locked row and record the outcome; the error when the server failed (not the mail)."""
    try:
        connection.open()  # connects for the round's first mail; then it is open already
    except (smtplib.SMTPException, OSError) as error:
        _record_failure(mail, error=error, now=clock(), totals=totals)
        return error
    try:
        if connection.send_messages([_message(mail)]) != 1:
            raise NotSent
    except _MAIL_ERRORS as error:
        _record_failure(mail, error=error, now=clock(), totals=totals)
    except (smtplib.SMTPException, OSError) as error:
        # The connection broke: the mails behind this one wait for the next round too.
        _record_failure(mail, error=error, now=clock(), totals=totals)
        return error
    except Exception as error:  # noqa: BLE001 - one bad row must not stop the others
        # Not the server's doing (a bug, a broken attachment). Only the id and the class are
        # logged: the message may quote the subject or the address.
        logger.error("outbox: mail %s could not be sent (%s)", mail.pk, type(error).__name__)
        _record_failure(mail, error=error, now=clock(), totals=totals)
    else:
        # Once delivered, the content is not kept: a sign-in code, a letter's text and PDF have
        # no business in a database copy or backup (only who, what kind and when stay).
        mail.status, mail.sent_at = MailStatus.SENT, clock()
        mail.body, mail.attachment_content = "", b""
        mail.save(update_fields=["status", "sent_at", "body", "attachment_content"])
        totals["sent"] += 1
    return None


@transaction.atomic
def _wait_with(error: Exception, *, due_by: dt.datetime, count: int, clock, totals: dict) -> int:
    """The server is down: the next `count` due mails wait as the tried one does, without a try.

    No mail is sent in this transaction, so a crash here doubles nothing. Returns how many wait.
    """
    waiting = list(_due(due_by)[: max(count, 0)])
    for mail in waiting:
        _record_failure(mail, error=error, now=clock(), totals=totals)
    return len(waiting)


def _message(mail: OutgoingMail) -> EmailMessage:
    # The same Message-ID on every attempt, so a mail sent twice (after a crash) is recognisable.
    message_id = f"<koers.outbox.{mail.pk}.{mail.created_at:%Y%m%d%H%M%S}@{DNS_NAME}>"
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers={"Message-ID": message_id},
    )
    if mail.attachment_name:
        message.attach(mail.attachment_name, bytes(mail.attachment_content), mail.attachment_type or None)
    return message


def _retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 ... minutes, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** min(attempts - 1, 20), LONGEST_RETRY)


def _record_failure(mail: OutgoingMail, *, error: Exception, now: dt.datetime, totals: dict) -> None:
    mail.attempts += 1
    mail.last_error = _describe(error)[:500]
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = MailStatus.FAILED
        totals["failed"] += 1
    else:
        mail.next_attempt_at = now + _retry_delay(mail.attempts)
        totals["postponed"] += 1
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def _describe(error: Exception) -> str:
    """The error's class and the server's answer; SMTPRecipientsRefused without the address."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = (f"{code} {_text(answer)}" for code, answer in error.recipients.values())
        return f"{name}: {'; '.join(answers)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name}: {error.smtp_code} {_text(error.smtp_error)}"
    return f"{name}: {error}" if str(error) else name


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def _close(connection) -> None:
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass  # the mails are recorded already; a failing QUIT changes nothing
