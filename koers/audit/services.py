"""Writing the access log. Called only by the access helpers and list selectors."""

from collections.abc import Iterable

from koers.audit.models import AccessAction, AccessLogEntry


def access_log_write(*, user, organisation_id: int, youth_id: int, action: str, channel: str, subject: str) -> None:
    AccessLogEntry.objects.create(
        user=user,
        organisation_id=organisation_id,
        youth_id=youth_id,
        action=action,
        channel=channel,
        subject=subject,
    )


def access_log_write_many(*, user, organisation_id: int, youth_ids: Iterable[int], channel: str, subject: str) -> None:
    """One insert for a list page: each youth shown gets its own 'view' entry."""
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            organisation_id=organisation_id,
            youth_id=youth_id,
            action=AccessAction.VIEW,
            channel=channel,
            subject=subject,
        )
        for youth_id in dict.fromkeys(youth_ids)
    )
