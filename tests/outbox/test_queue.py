"""Queueing a mail: in the caller's transaction, and once per dedupe key."""

import pytest
from django.db import transaction
from django.utils import timezone

from koers.outbox.models import MailStatus, OutgoingMail
from koers.outbox.services import mail_queue, mail_send_due
from tests.concurrency import at_once

MAIL = {
    "to": "sanne@example.org",
    "subject": "Nieuw bericht in Koers",
    "body": "Log in om het te lezen.",
    "kind": "new_message",
}


@pytest.mark.django_db
def test_a_queued_mail_waits_to_be_sent():
    mail = mail_queue(**MAIL)
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.kind) == (MailStatus.QUEUED, 0, "new_message")
    assert mail.next_attempt_at <= timezone.now()


@pytest.mark.django_db
def test_queueing_twice_with_one_dedupe_key_gives_one_mail():
    first = mail_queue(**MAIL, dedupe_key="new_message:41")
    second = mail_queue(**MAIL, dedupe_key="new_message:41")
    assert second.pk == first.pk
    assert OutgoingMail.objects.count() == 1


@pytest.mark.django_db
def test_mails_without_a_dedupe_key_are_each_queued():
    mail_queue(**MAIL)
    mail_queue(**MAIL)
    assert OutgoingMail.objects.count() == 2


@pytest.mark.django_db
def test_a_repeated_key_leaves_the_callers_transaction_usable():
    with transaction.atomic():
        mail_queue(**MAIL, dedupe_key="sign_in:7")
        mail_queue(**MAIL, dedupe_key="sign_in:7")
        # Without a savepoint the duplicate's error would have broken this transaction.
        mail_queue(**MAIL, dedupe_key="sign_in:8")
    assert OutgoingMail.objects.count() == 2


@pytest.mark.django_db
def test_a_mail_is_rolled_back_with_the_change_that_caused_it():
    with pytest.raises(RuntimeError, match="the change was refused"), transaction.atomic():
        mail_queue(**MAIL)
        raise RuntimeError("the change was refused")
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_an_attachment_is_kept_with_the_mail():
    mail = mail_queue(**{**MAIL, "kind": "letter"}, attachment=("brief.pdf", b"%PDF-1.7 ...", "application/pdf"))
    mail.refresh_from_db()
    assert (mail.attachment_name, bytes(mail.attachment_content), mail.attachment_type) == (
        "brief.pdf",
        b"%PDF-1.7 ...",
        "application/pdf",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "subject", ["Onderwerp\nBcc: iemand@example.org", "Onderwerp\r", "x" * 201], ids=["newline", "return", "long"]
)
def test_a_subject_that_can_never_be_sent_is_refused_when_queued(subject):
    with pytest.raises(ValueError, match="A mail subject has one line of at most"):
        mail_queue(**{**MAIL, "subject": subject})
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["", "geen adres", "a@" + "b" * 300 + ".nl"], ids=["empty", "malformed", "long"])
def test_a_mail_to_an_impossible_address_is_kept_as_failed_and_the_caller_goes_on(address, mailoutbox):
    with transaction.atomic():
        failed = mail_queue(**{**MAIL, "to": address})
        queued = mail_queue(**MAIL)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MailStatus.FAILED, 0)
    assert failed.last_error == "ValueError: not a valid e-mail address"
    assert mail_send_due() == 1
    assert [m.to for m in mailoutbox] == [[queued.to]]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_queue_calls_with_one_dedupe_key_give_one_mail():
    for number in range(3):
        key = f"reminder:{number}"
        results = at_once(20, lambda _i, key=key: mail_queue(**MAIL, dedupe_key=key))
        assert all(isinstance(result, OutgoingMail) for result in results), results
        assert len({result.pk for result in results}) == 1
        assert OutgoingMail.objects.filter(dedupe_key=key).count() == 1
