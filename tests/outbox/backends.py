"""Mail backends for the outbox tests: one that refuses some addresses, one that is slow."""

import smtplib
import time

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Delivers to mail.outbox, but the server refuses addresses that start with 'weiger'."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("weiger"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 mailbox unavailable")})
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """Delivers to mail.outbox after a short wait, so that two workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        return super().send_messages(messages)
