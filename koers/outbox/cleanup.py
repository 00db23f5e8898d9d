"""The outbox's own clean-up: mail rows are kept for support questions, then deleted.

A sent row holds the address, the subject and the body (a letter's text and PDF, a sign-in
link), so it is not kept for ever: after `KOERS_SENT_MAIL_KEEP_DAYS` (default 30) a question like
"did the invitation go out?" can still be answered, later it cannot. A failed row is kept longer
(`KOERS_FAILED_MAIL_KEEP_DAYS`, default 90): an administrator needs it to find out why mails do
not arrive. A queued row is never deleted here: it has not been sent yet.

The dedupe key goes with the row. The jobs that queue mail by such a key look back at most a week
(a check-in is mailed up to 7 days after it fell due), so both terms have a minimum of 14 days.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from koers.db.purge import CHUNK_SIZE, delete_in_chunks
from koers.outbox.models import MailStatus, OutgoingMail


def sent_mail_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete mails sent more than KOERS_SENT_MAIL_KEEP_DAYS ago; returns how many."""
    before = (now or timezone.now()) - dt.timedelta(days=settings.KOERS_SENT_MAIL_KEEP_DAYS)
    rows = OutgoingMail.objects.filter(status=MailStatus.SENT, sent_at__lt=before)
    return delete_in_chunks(rows, chunk_size=chunk_size)


def failed_mail_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete mails given up on and queued more than KOERS_FAILED_MAIL_KEEP_DAYS ago; returns how many."""
    before = (now or timezone.now()) - dt.timedelta(days=settings.KOERS_FAILED_MAIL_KEEP_DAYS)
    rows = OutgoingMail.objects.filter(status=MailStatus.FAILED, created_at__lt=before)
    return delete_in_chunks(rows, chunk_size=chunk_size)
