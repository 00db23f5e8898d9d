import datetime as dt
import secrets

import pytest
from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.idempotency.models import IdempotencyKey
from koers.outbox.models import MailStatus, OutgoingMail
from koers.portal.models import SignInCode


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def mail(*, status=MailStatus.SENT, sent_at=None, created_at=None) -> OutgoingMail:
    created_at = created_at or sent_at or timezone.now()
    return OutgoingMail.objects.create(
        to="sanne@example.org",
        subject="Nieuw bericht",
        body="Er staat een bericht voor je klaar.",
        kind="new_message",
        status=status,
        created_at=created_at,
        sent_at=sent_at if status == MailStatus.SENT else None,
    )


def sign_in_code(youth, *, expires_at: dt.datetime) -> SignInCode:
    return SignInCode.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        link_hash=secrets.token_hex(32),
        code_hash=secrets.token_hex(32),
        created_at=expires_at - dt.timedelta(minutes=15),
        expires_at=expires_at,
    )


def idempotency_key(user, *, created_at: dt.datetime) -> IdempotencyKey:
    row = IdempotencyKey.objects.create(user=user, key=secrets.token_hex(8), scope="web:/test/")
    IdempotencyKey.objects.filter(pk=row.pk).update(created_at=created_at)  # auto_now_add ignores a value
    return row


def sign_in_attempt(*, at: dt.datetime) -> SignInAttempt:
    return SignInAttempt.objects.create(scope="user", key=secrets.token_hex(32), at=at)
