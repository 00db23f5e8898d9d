"""Reads of the access log."""

from koers.audit.models import AccessLogEntry


def access_log_page(youth_id: int, *, offset: int, limit: int) -> list[AccessLogEntry]:
    """Who read or changed the youth's data, newest first, with the staff user (one query)."""
    return list(AccessLogEntry.objects.filter(youth_id=youth_id).select_related("user")[offset : offset + limit])
