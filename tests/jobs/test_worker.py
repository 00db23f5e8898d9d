"""`koers worker --once` and `--list`: in this process, as tests and cron lines use them."""

import datetime as dt
import logging
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from koers.jobs.schedules import DailyAt, EveryRound, Job
from koers.jobs.services import due_claim, job_run, schedules_sync
from koers.outbox.models import MailStatus
from koers.outbox.services import mail_queue

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=AMSTERDAM)
NIGHT = Job("night", "tests.jobs.job_functions.note_run", DailyAt(dt.time(2, 30)), "Nacht")


def test_once_sends_the_queued_mail(mailoutbox):
    mail = mail_queue(to="sanne@example.org", subject="Inloggen", body="Uw code staat klaar.", kind="sign_in")

    call_command("worker", "--once")

    assert [m.to for m in mailoutbox] == [["sanne@example.org"]]
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT


def test_once_runs_each_due_schedule_and_moves_it_to_its_next_time():
    call_command("worker", "--once")

    now = timezone.now()
    rows = list(Schedule.objects.all())
    assert rows and all(row.next_run > now for row in rows)  # all ran: none is due any more
    destruction = next(row for row in rows if row.name == "destruction")
    assert timezone.localtime(destruction.next_run).time() == dt.time(2, 30)
    assert destruction.next_run - now <= dt.timedelta(days=1)


def test_a_daily_job_is_claimed_once_a_day():
    schedules_sync((NIGHT,), now=NOON)

    assert due_claim((NIGHT,), now=NOON) == [NIGHT]
    assert due_claim((NIGHT,), now=NOON + dt.timedelta(hours=12)) == []  # that evening: done already
    assert due_claim((NIGHT,), now=NOON + dt.timedelta(hours=15)) == [NIGHT]  # the next night, 03:00
    next_run = Schedule.objects.get(name="night").next_run
    assert next_run == dt.datetime(2026, 12, 9, 2, 30, tzinfo=AMSTERDAM)


def test_a_failing_job_and_a_broken_import_are_logged_and_the_other_jobs_still_run(mailoutbox, caplog):
    mail_queue(to="sanne@example.org", subject="Inloggen", body="Uw code staat klaar.", kind="sign_in")
    jobs = (
        Job("fails", "tests.jobs.job_functions.always_fails", EveryRound(), "Mislukt"),
        Job("gone", "tests.jobs.job_functions.no_such_job", EveryRound(), "Weg"),
        Job("mail_send", "koers.outbox.services.mail_send_due", EveryRound(), "Mail"),
    )

    with caplog.at_level(logging.ERROR):
        ran = [job_run(job) for job in jobs]

    assert ran == [False, False, True]
    assert len(mailoutbox) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "worker: job tests.jobs.job_functions.always_fails failed",
        "worker: job tests.jobs.job_functions.no_such_job failed",
    ]
    assert all(record.exc_info is not None for record in caplog.records)


def test_list_shows_every_job_with_its_time_in_dutch(capsys):
    call_command("worker", "--list")

    out = capsys.readouterr().out
    assert "mail_send" in out and "elke ronde" in out
    assert "destruction" in out and "dagelijks 02:30" in out
    assert "elke 5 min." in out and "Wachtende e-mails versturen" in out
    assert not Schedule.objects.exists()  # only shows
