"""A lost race writes nothing to PostgreSQL's own log.

With the server's default `log_min_error_statement = error`, every failing statement is logged
with its values, and Django binds the values into the SQL text. Koers de-duplicates with unique
keys (idempotency keys, a message's client key, a mail's dedupe key, one pending notification per
kind); if the second INSERT failed, a double click would copy a message text or a mail body with
its address into the server log. These races run with texts that appear nowhere else, and then
the test cluster's log (scripts/with-test-postgres.sh exports its path) is read for them.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from koers.accounts.services import api_token_create
from koers.messaging.models import Attachment, Message
from koers.messaging.services import message_send
from koers.messaging.uploads import clean_upload
from koers.notifications.models import NotificationKind, PendingNotification
from koers.notifications.services import notification_request
from koers.outbox.models import OutgoingMail
from koers.outbox.services import mail_queue
from koers.trajectories.services import trajectory_create
from tests.concurrency import at_once
from tests.conftest import jpeg_bytes

THREADS = 12

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server_log() -> Path:
    assert connection.vendor == "postgresql", "this test reads the PostgreSQL server's log"
    path = os.environ.get("KOERS_TEST_PG_LOG")
    assert path, "run through scripts/with-test-postgres.sh (make test), which exports KOERS_TEST_PG_LOG"
    return Path(path)


def _photo():
    return clean_upload(io.BytesIO(jpeg_bytes((40, 30), (20, 160, 90))), name="rooster.jpg")


def _new_lines(log: Path, offset: int) -> str:
    connection.ensure_connection()
    with log.open("rb") as file:
        file.seek(offset)
        return file.read().decode("utf-8", "replace")


def test_lost_races_leave_no_statement_and_no_text_in_the_server_log(server_log, consultant, youth):
    day = timezone.localdate()
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=day, source="uwv")
    offset = server_log.stat().st_size
    photo = _photo()

    # A youth taps "Versturen" on a message with a photo twelve times at once.
    message_text = "Geheimbericht-7f3a over mijn schulden"
    at_once(
        THREADS,
        lambda _i: message_send(
            youth=youth, from_youth=True, body=message_text, files=[photo], client_key="race-message-0001"
        ),
    )
    # Twelve workers queue the same mail.
    mail_body = "Mailtekst-91c2 voor sanne@example.org"
    at_once(
        THREADS,
        lambda _i: mail_queue(
            to="sanne@example.org", subject="Onderwerp", body=mail_body, kind="test", dedupe_key="race-mail-0001"
        ),
    )
    # A partner system retries one API call twelve times at once (the idempotency key).
    notes = "Contactnotitie-55d1 over de thuissituatie"
    token = api_token_create(user=consultant)
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "race-api-0001"}
    body = json.dumps({"date": str(day), "channel": "phone", "notes": notes})
    responses = at_once(
        THREADS,
        lambda _i: Client().post(
            f"/api/v1/trajectories/{trajectory.pk}/contacts", body, content_type="application/json", headers=headers
        ),
    )
    # Twelve staff messages ask for the same notification.
    at_once(THREADS, lambda _i: notification_request(youth=youth, kind=NotificationKind.NEW_MESSAGE))

    # Each race had its one effect...
    assert Message.objects.filter(youth=youth, client_key="race-message-0001").count() == 1
    assert OutgoingMail.objects.filter(dedupe_key="race-mail-0001").count() == 1
    assert [r.status_code for r in responses] == [201] * THREADS
    assert PendingNotification.objects.filter(youth=youth, sent_at__isnull=True).count() == 1

    logged = _new_lines(server_log, offset)
    for text in (message_text, "Geheimbericht-7f3a", mail_body, "sanne@example.org", notes, "Contactnotitie-55d1"):
        assert text not in logged, f"{text!r} reached the server log"
    assert "duplicate key" not in logged, logged[-2000:]
    assert "STATEMENT:" not in logged, logged[-2000:]

    # Only the winner's photo was written to disk: the others waited for its key, then wrote nothing.
    assert Attachment.objects.filter(message__youth=youth).count() == 1
    assert len(private_media_files()) == 1


def private_media_files() -> list[Path]:
    from django.conf import settings

    return [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]


def test_the_log_check_would_see_a_failed_insert(server_log, consultant, youth):
    """The check above can fail: a plain duplicate INSERT does reach the log, with its text."""
    from django.db import IntegrityError, transaction

    offset = server_log.stat().st_size
    message_send(youth=youth, from_youth=True, body="eerste", client_key="log-check-0001")
    with pytest.raises(IntegrityError, match="duplicate key value violates unique constraint"), transaction.atomic():
        Message.objects.create(
            organisation_id=youth.organisation_id,
            youth=youth,
            from_youth=True,
            body="Zichtbaar-in-het-log-c0de",
            client_key="log-check-0001",
        )
    logged = _new_lines(server_log, offset)
    assert "Zichtbaar-in-het-log-c0de" in logged
