"""Each table's clean-up removes what is past its term and keeps what is not (docs/retention.md)."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from koers.accounts.cleanup import expired_session_purge, sign_in_attempt_purge
from koers.accounts.models import SignInAttempt
from koers.idempotency.cleanup import idempotency_key_purge
from koers.idempotency.models import IdempotencyKey
from koers.outbox.cleanup import failed_mail_purge, sent_mail_purge
from koers.outbox.models import MailStatus, OutgoingMail
from koers.portal.cleanup import sign_in_code_purge
from koers.portal.models import SignInCode
from tests.cleanup.conftest import idempotency_key, mail, sign_in_attempt, sign_in_code

SECOND = dt.timedelta(seconds=1)
DAY = dt.timedelta(days=1)


@pytest.mark.django_db
def test_a_sent_mail_goes_after_its_term_and_one_a_second_younger_stays(settings, now):
    settings.KOERS_SENT_MAIL_KEEP_DAYS = 30
    old = mail(sent_at=now - 30 * DAY - SECOND)
    young = mail(sent_at=now - 30 * DAY + SECOND)

    assert sent_mail_purge(now=now) == 1

    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [young.pk]
    assert not OutgoingMail.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_a_failed_mail_is_kept_longer_than_a_sent_one(settings, now):
    settings.KOERS_SENT_MAIL_KEEP_DAYS = 30
    settings.KOERS_FAILED_MAIL_KEEP_DAYS = 90
    failed_young = mail(status=MailStatus.FAILED, created_at=now - 90 * DAY + SECOND)
    failed_old = mail(status=MailStatus.FAILED, created_at=now - 90 * DAY - SECOND)

    assert sent_mail_purge(now=now) == 0
    assert failed_mail_purge(now=now) == 1

    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {failed_young.pk}
    assert not OutgoingMail.objects.filter(pk=failed_old.pk).exists()


@pytest.mark.django_db
def test_a_queued_mail_is_never_cleaned_up_however_old(now):
    queued = mail(status=MailStatus.QUEUED, created_at=now - 400 * DAY)

    assert sent_mail_purge(now=now) == 0
    assert failed_mail_purge(now=now) == 0

    assert OutgoingMail.objects.filter(pk=queued.pk).exists()


@pytest.mark.django_db
def test_a_sign_in_code_goes_a_day_after_it_expired(youth, now):
    old = sign_in_code(youth, expires_at=now - DAY - SECOND)
    young = sign_in_code(youth, expires_at=now - DAY + SECOND)
    open_code = sign_in_code(youth, expires_at=now + dt.timedelta(minutes=10))

    assert sign_in_code_purge(now=now) == 1

    assert set(SignInCode.objects.values_list("pk", flat=True)) == {young.pk, open_code.pk}
    assert not SignInCode.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_an_idempotency_key_goes_after_its_day_and_a_younger_one_still_answers_a_retry(consultant, now):
    old = idempotency_key(consultant, created_at=now - DAY - SECOND)
    young = idempotency_key(consultant, created_at=now - DAY + SECOND)

    assert idempotency_key_purge(now=now) == 1

    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [young.pk]
    assert not IdempotencyKey.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_a_sign_in_attempt_goes_after_the_longest_throttle_window(now):
    old = sign_in_attempt(at=now - DAY - SECOND)
    young = sign_in_attempt(at=now - DAY + SECOND)

    assert sign_in_attempt_purge(now=now) == 1

    assert list(SignInAttempt.objects.values_list("pk", flat=True)) == [young.pk]
    assert not SignInAttempt.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_an_expired_session_goes_and_a_live_one_stays(now):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    live, gone = SessionStore(), SessionStore()
    live.create()
    gone.create()
    Session.objects.filter(session_key=gone.session_key).update(expire_date=now - SECOND)
    Session.objects.filter(session_key=live.session_key).update(expire_date=now + SECOND)

    assert expired_session_purge(now=now) == 1

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.django_db
def test_a_second_run_removes_nothing_more(settings, youth, consultant, now):
    settings.KOERS_SENT_MAIL_KEEP_DAYS = 30
    mail(sent_at=now - 40 * DAY)
    sign_in_code(youth, expires_at=now - 2 * DAY)
    idempotency_key(consultant, created_at=now - 2 * DAY)
    sign_in_attempt(at=now - 2 * DAY)
    purges = [sent_mail_purge, failed_mail_purge, sign_in_code_purge, idempotency_key_purge, sign_in_attempt_purge]

    assert [purge(now=now) for purge in purges] == [1, 0, 1, 1, 1]
    assert [purge(now=now) for purge in purges] == [0, 0, 0, 0, 0]


@pytest.mark.django_db(transaction=True)
def test_a_big_table_is_deleted_in_chunks_each_its_own_transaction(settings, now):
    settings.KOERS_SENT_MAIL_KEEP_DAYS = 30
    for _ in range(5):
        mail(sent_at=now - 40 * DAY)
    kept = mail(sent_at=now - DAY)

    with CaptureQueriesContext(connection) as queries:
        assert sent_mail_purge(now=now, chunk_size=2) == 5

    deletes = [query["sql"] for query in queries if query["sql"].startswith("DELETE")]
    assert len(deletes) == 3  # 2 + 2 + 1
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db
def test_a_chunk_size_below_one_is_refused():
    with pytest.raises(ValueError):
        sent_mail_purge(chunk_size=0)


@pytest.mark.django_db(transaction=True)
def test_a_row_in_use_is_left_for_the_next_run_instead_of_waiting_for_it(settings, now):
    settings.KOERS_SENT_MAIL_KEEP_DAYS = 30
    busy, *others = [mail(sent_at=now - 40 * DAY) for _ in range(3)]
    locked, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        try:
            with transaction.atomic():
                OutgoingMail.objects.select_for_update().get(pk=busy.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        assert sent_mail_purge(now=now, chunk_size=1) == 2
    finally:
        release.set()
        holder.join(timeout=30)

    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [busy.pk]
    assert sent_mail_purge(now=now) == 1
    assert not OutgoingMail.objects.exists()
