"""Writing the access log. Called only by the access helpers and list selectors."""

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from koers.audit.models import AccessAction, AccessLogEntry
from koers.audit.trace import Trace, current_trace, new_span_id

# One statement for a list page on PostgreSQL: the ids go in as one array, so a page of 100 youths
# costs no 100 model instances (the API list spent a third of its time building them).
_INSERT_MANY = (
    "INSERT INTO audit_accesslogentry (organisation_id, youth_id, user_id, action, channel, subject, at, "
    "trace_id, span_id, parent_span_id, foreign_trace_id, foreign_span_id, started_at, status_code, chain_hash) "
    "SELECT %s, row.youth_id, %s, %s, %s, %s, %s, %s, row.span_id, %s, %s, %s, %s, 0, '' "
    "FROM unnest(%s::bigint[], %s::varchar[]) AS row(youth_id, span_id)"
)


def _trace_fields(trace: Trace) -> dict:
    """Each row its own span under the request's (one row per data subject, as the standard asks)."""
    return {
        "trace_id": trace.trace_id,
        "parent_span_id": trace.span_id,
        "foreign_trace_id": trace.foreign_trace_id,
        "foreign_span_id": trace.foreign_span_id,
        "started_at": trace.started_at,
    }


def access_log_write(*, user, organisation_id: int, youth_id: int, action: str, channel: str, subject: str) -> None:
    trace = current_trace()
    trace.rows_written += 1
    AccessLogEntry.objects.create(
        user=user,
        organisation_id=organisation_id,
        youth_id=youth_id,
        action=action,
        channel=channel,
        subject=subject,
        span_id=new_span_id(),
        **_trace_fields(trace),
    )


def access_log_mark_failed(trace: Trace) -> None:
    """The request failed on the server after it logged: the standard's status ERROR (2). Rows
    that a rolled-back transaction took with it are gone already."""
    AccessLogEntry.objects.filter(trace_id=trace.trace_id, chain_hash="").update(status_code=2)


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
    trace = current_trace()
    trace.rows_written += len(ids)
    spans = [new_span_id() for _ in ids]
    fields = _trace_fields(trace)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _INSERT_MANY,
                [
                    organisation_id,
                    user.pk,
                    action,
                    channel,
                    subject,
                    timezone.now(),
                    fields["trace_id"],
                    fields["parent_span_id"],
                    fields["foreign_trace_id"],
                    fields["foreign_span_id"],
                    fields["started_at"],
                    ids,
                    spans,
                ],
            )
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            organisation_id=organisation_id,
            youth_id=youth_id,
            action=action,
            channel=channel,
            subject=subject,
            span_id=span_id,
            **fields,
        )
        for youth_id, span_id in zip(ids, spans, strict=True)
    )
