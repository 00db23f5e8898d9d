"""`koers worker`: runs every job each round, survives a failing job, stops on SIGTERM."""

import logging
import os
import signal
import threading

import pytest
from django.core.management import call_command

from koers.outbox.models import MailStatus
from koers.outbox.services import mail_queue

pytestmark = pytest.mark.django_db

rounds = []


def broken_job():
    raise RuntimeError("this job is broken")


def counting_job():
    rounds.append(1)


def test_worker_once_sends_the_queued_mail(mailoutbox):
    mail = mail_queue(to="sanne@example.org", subject="Inloggen", body="Uw code staat klaar.", kind="sign_in")

    call_command("worker", "--once")

    assert [m.to for m in mailoutbox] == [["sanne@example.org"]]
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT


def test_a_failing_job_is_logged_and_the_other_jobs_still_run(settings, mailoutbox, caplog):
    settings.WORKER_JOBS = ["tests.outbox.test_worker.broken_job", "koers.outbox.services.mail_send_due"]
    mail_queue(to="sanne@example.org", subject="Inloggen", body="Uw code staat klaar.", kind="sign_in")

    with caplog.at_level(logging.ERROR):
        call_command("worker", "--once")

    assert len(mailoutbox) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "worker: job tests.outbox.test_worker.broken_job failed"
    ]
    assert caplog.records[0].exc_info is not None


class NotStoppedByTheWorker(Exception):
    pass


def test_sigterm_stops_the_worker_after_its_round(settings):
    settings.WORKER_JOBS = ["tests.outbox.test_worker.counting_job"]
    rounds.clear()

    def outside(number, frame):
        raise NotStoppedByTheWorker  # the worker did not catch the signal: end the loop anyway

    before = signal.signal(signal.SIGTERM, outside)
    timer = threading.Timer(0.5, os.kill, args=(os.getpid(), signal.SIGTERM))
    try:
        timer.start()
        call_command("worker", "--interval", "0.05")
        assert signal.getsignal(signal.SIGTERM) is outside  # put back as it was
    finally:
        timer.cancel()
        signal.signal(signal.SIGTERM, before)
    assert len(rounds) > 2
