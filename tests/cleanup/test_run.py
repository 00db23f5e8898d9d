"""`cleanup_run` and `koers cleanup`: every kind in one go, a count per kind, safe twice at once."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.idempotency.models import IdempotencyKey
from koers.jobs.cleanup import CLEANUP_JOBS, CleanupFailed, CleanupJob, cleanup_run
from koers.outbox.models import MailStatus, OutgoingMail
from koers.portal.models import SignInCode
from tests.cleanup.conftest import idempotency_key, mail, sign_in_attempt, sign_in_code
from tests.concurrency import at_once

DAY = dt.timedelta(days=1)


def broken_job() -> int:
    raise RuntimeError("the disk is full")


def past_their_term(youth, user, *, mails: int = 1) -> None:
    """One row of each kind past its term, and one of each that must stay."""
    now = timezone.now()
    for _ in range(mails):
        mail(sent_at=now - 40 * DAY)
    mail(status=MailStatus.FAILED, created_at=now - 100 * DAY)
    sign_in_code(youth, expires_at=now - 2 * DAY)
    idempotency_key(user, created_at=now - 2 * DAY)
    sign_in_attempt(at=now - 2 * DAY)
    mail(sent_at=now - DAY)
    mail(status=MailStatus.QUEUED, created_at=now - 100 * DAY)
    sign_in_code(youth, expires_at=now)
    idempotency_key(user, created_at=now)
    sign_in_attempt(at=now)


def left() -> dict[str, int]:
    return {
        "mails": OutgoingMail.objects.count(),
        "codes": SignInCode.objects.count(),
        "keys": IdempotencyKey.objects.count(),
        "attempts": SignInAttempt.objects.count(),
    }


@pytest.mark.django_db
def test_one_run_cleans_every_kind_and_counts_each(youth, consultant):
    past_their_term(youth, consultant)

    counts = cleanup_run().counts

    assert set(counts) == {job.kind for job in CLEANUP_JOBS}
    assert counts["sent_mail"] == 1
    assert counts["failed_mail"] == 1
    assert counts["sign_in_code"] == 1
    assert counts["idempotency_key"] == 1
    assert counts["sign_in_attempt"] == 1
    assert counts["orphaned_file"] == counts["missing_file"] == 0
    assert left() == {"mails": 2, "codes": 1, "keys": 1, "attempts": 1}


@pytest.mark.django_db
def test_a_repeated_run_removes_nothing_more(youth, consultant):
    past_their_term(youth, consultant)
    cleanup_run()

    assert set(cleanup_run().counts.values()) == {0}
    assert left() == {"mails": 2, "codes": 1, "keys": 1, "attempts": 1}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_have_the_effect_of_one(youth, consultant):
    past_their_term(youth, consultant, mails=40)

    results = at_once(2, lambda _i: cleanup_run())

    assert not [result for result in results if isinstance(result, Exception)]
    assert sum(result.counts["sent_mail"] for result in results) == 40
    assert sum(result.counts["sign_in_code"] for result in results) == 1
    assert left() == {"mails": 2, "codes": 1, "keys": 1, "attempts": 1}


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(youth, consultant, caplog):
    past_their_term(youth, consultant)
    jobs = (CleanupJob("broken", "tests.cleanup.test_run.broken_job", "kapot"), *CLEANUP_JOBS)

    with caplog.at_level(logging.ERROR, logger="koers.jobs.cleanup"), pytest.raises(CleanupFailed) as failure:
        cleanup_run(jobs)

    assert failure.value.result.failed == ["broken"]
    assert failure.value.result.counts["sent_mail"] == 1
    assert "cleanup: broken failed" in caplog.text


@pytest.mark.django_db
def test_a_wrong_path_stops_the_run_before_anything_is_deleted(youth, consultant):
    past_their_term(youth, consultant)
    jobs = (*CLEANUP_JOBS, CleanupJob("typo", "koers.outbox.cleanup.no_such_purge", "tikfout"))

    with pytest.raises(ImportError):
        cleanup_run(jobs)

    assert left() == {"mails": 4, "codes": 2, "keys": 2, "attempts": 2}


@pytest.mark.django_db
def test_the_command_prints_a_count_per_kind_in_dutch(youth, consultant):
    past_their_term(youth, consultant, mails=3)
    out = io.StringIO()

    call_command("cleanup", stdout=out)

    printed = out.getvalue()
    assert printed.startswith("Opgeruimd:")
    assert "verstuurde e-mails verwijderd: 3" in printed
    assert "mislukte e-mails verwijderd: 1" in printed
    assert "verlopen inlogcodes verwijderd: 1" in printed
    assert "bestanden zonder bericht verwijderd: 0" in printed
    assert "sanne" not in printed.lower()
