"""`mail_send_due`: due mail goes out once; a refusal or a missing server makes it wait, not vanish."""

import datetime as dt
import logging
import socket
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone

from koers.outbox.models import MailStatus, OutgoingMail
from koers.outbox.services import MAX_ATTEMPTS, mail_queue, mail_send_due
from tests.concurrency import at_once
from tests.outbox.conftest import free_port

pytestmark = pytest.mark.django_db


def queue(to="sanne@example.org", **fields) -> OutgoingMail:
    return mail_queue(
        to=to, subject="Nieuw bericht in Koers", body="Log in om het te lezen.", kind="new_message", **fields
    )


def test_due_mail_is_sent_once_and_marked_sent(mailoutbox):
    due = queue()
    now = timezone.now()
    later = queue(to="later@example.org", send_after=now + dt.timedelta(hours=1))

    assert mail_send_due(now=now) == 1

    assert [(m.to, m.subject, m.body, m.from_email) for m in mailoutbox] == [
        (["sanne@example.org"], "Nieuw bericht in Koers", "Log in om het te lezen.", django_settings.DEFAULT_FROM_EMAIL)
    ]
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.sent_at) == (MailStatus.SENT, now)
    assert (later.status, later.attempts) == (MailStatus.QUEUED, 0)
    assert mail_send_due(now=now) == 0
    assert len(mailoutbox) == 1


def test_mail_that_is_not_due_yet_goes_when_its_time_comes(mailoutbox):
    now = timezone.now()
    queue(send_after=now + dt.timedelta(hours=1))
    assert mail_send_due(now=now) == 0
    assert mail_send_due(now=now + dt.timedelta(hours=1)) == 1
    assert len(mailoutbox) == 1


def test_a_letter_goes_with_its_attachment(mailoutbox):
    queue(attachment=("brief.pdf", b"%PDF-1.7 brief", "application/pdf"))
    mail_send_due()
    assert mailoutbox[0].attachments == [("brief.pdf", b"%PDF-1.7 brief", "application/pdf")]


def test_a_refused_address_does_not_stop_the_others(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.outbox.backends.RefusingBackend"
    queue(to="eerste@example.org")
    refused = queue(to="weiger@example.org")
    queue(to="derde@example.org")
    now = timezone.now()

    assert mail_send_due(now=now) == 2

    assert sorted(m.to[0] for m in mailoutbox) == ["derde@example.org", "eerste@example.org"]
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (MailStatus.QUEUED, 1)
    assert refused.next_attempt_at == now + dt.timedelta(minutes=1)
    assert refused.last_error == "SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable"


def test_an_unreachable_server_keeps_the_mail_and_tries_again_later(smtp_at):
    smtp_at(free_port())
    waiting = queue()
    now = timezone.now()

    assert mail_send_due(now=now) == 0

    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (MailStatus.QUEUED, 1)
    assert waiting.next_attempt_at == now + dt.timedelta(minutes=1)
    assert waiting.last_error.startswith("ConnectionRefusedError")
    # Not again before the wait is over.
    mail_send_due(now=now + dt.timedelta(seconds=59))
    waiting.refresh_from_db()
    assert waiting.attempts == 1


def test_the_wait_doubles_up_to_six_hours_and_the_mail_is_given_up_after_the_last_attempt(smtp_at):
    smtp_at(free_port())
    waiting = queue()
    moment = timezone.now()
    waits = []
    for _attempt in range(MAX_ATTEMPTS - 1):
        mail_send_due(now=moment)
        waiting.refresh_from_db()
        assert waiting.status == MailStatus.QUEUED
        waits.append(waiting.next_attempt_at - moment)
        moment = waiting.next_attempt_at
    mail_send_due(now=moment)

    minutes = [int(wait.total_seconds() // 60) for wait in waits]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360][: MAX_ATTEMPTS - 1]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert mail_send_due(now=moment + dt.timedelta(days=7)) == 0


def test_an_unreachable_server_ends_the_round_after_one_try(smtp_at):
    smtp_at(free_port())
    for number in range(15):
        queue(to=f"jongere{number}@example.org")

    mail_send_due()

    # One batch waits; the rest is not tried against a server that is known to be down.
    assert sorted(OutgoingMail.objects.values_list("attempts", flat=True)) == [0] * 5 + [1] * 10


def test_a_server_that_does_not_answer_does_not_hang_the_worker(smtp_at, settings):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections, never says hello
        smtp_at(silent.getsockname()[1])
        settings.EMAIL_TIMEOUT = 1
        waiting = queue()
        started = time.monotonic()
        assert mail_send_due() == 0
        assert time.monotonic() - started < 5
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (MailStatus.QUEUED, 1)
    assert waiting.last_error == "SMTPServerDisconnected: Connection unexpectedly closed: timed out"


def test_the_log_counts_mails_without_addresses_or_subjects(settings, caplog):
    settings.EMAIL_BACKEND = "tests.outbox.backends.RefusingBackend"
    queue(to="eerste@example.org")
    queue(to="weiger@example.org")
    with caplog.at_level(logging.INFO, logger="koers.outbox"):
        mail_send_due()
    lines = [record.getMessage() for record in caplog.records]
    assert lines == ["outbox: 1 sent, 1 postponed, 0 given up"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_mail_exactly_once(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.outbox.backends.SlowBackend"
    addresses = [f"jongere{number}@example.org" for number in range(80)]
    for address in addresses:
        queue(to=address)

    results = at_once(4, lambda _i: mail_send_due(limit=100))

    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 80
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses)
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
