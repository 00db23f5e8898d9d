"""Writing the access log. Called only by the access helpers and list selectors."""

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from koers.audit.models import AccessAction, AccessLogEntry

# One statement for a list page on PostgreSQL: the ids go in as one array, so a page of 100 youths
# costs no 100 model instances (the API list spent a third of its time building them).
_INSERT_MANY = (
    "INSERT INTO audit_accesslogentry (organisation_id, youth_id, user_id, action, channel, subject, at) "
    "SELECT %s, youth_id, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS youth_id"
)


def access_log_write(*, user, organisation_id: int, youth_id: int, action: str, channel: str, subject: str) -> None:
    AccessLogEntry.objects.create(
        user=user,
        organisation_id=organisation_id,
        youth_id=youth_id,
        action=action,
        channel=channel,
        subject=subject,
    )


def access_log_write_many(
    *,
    user,
    organisation_id: int,
    youth_ids: Iterable[int],
    channel: str,
    subject: str,
    action: str = AccessAction.VIEW,
) -> None:
    """One insert for a list page: each youth shown gets its own entry ('view' unless `action`
    says otherwise, as for the research export)."""
    ids = list(dict.fromkeys(youth_ids))
    if not ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_INSERT_MANY, [organisation_id, user.pk, action, channel, subject, timezone.now(), ids])
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            organisation_id=organisation_id,
            youth_id=youth_id,
            action=action,
            channel=channel,
            subject=subject,
        )
        for youth_id in ids
    )
