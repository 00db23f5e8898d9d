"""The access log as the national standard's processing log (Logboek Dataverwerkingen 1.0, Logius),
and its tamper evidence.

- Each row of `AccessLogEntry` is one action about one data subject (a youth), with the
  request's trace, its own span and the partner system's trace (koers.audit.trace).
- `record_of(row)` gives it in the standard's shape: trace_id, span_id, parent_span_id, name,
  start_time and end_time (ms), status_code, foreign_operation, resource and the `dpl.core.*`
  attributes. The youth is a pseudonym (HMAC of the id with a key derived from the secret key),
  never the name or id. Staff identities stay in the access log itself: the export has none.
- The processing activity of a row follows from what it touched (`activity_of`); the register
  with each activity's purpose and legal basis is docs/processing-activities.md.
- Tamper evidence: the worker seals rows a minute after they were written, each with SHA-256 over
  the previous seal and the row (`access_log_seal`); `access_log_verify` recomputes the chain and
  names the first row that no longer matches. Removing rows at the end of their retention
  (`access_log_purge`) leaves an anchor, so the chain still verifies from there.
"""

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from koers.audit.models import AccessChannel, AccessLogChainAnchor, AccessLogEntry

# Processing activities (verwerkingsactiviteiten): key -> subjects that belong to it. Every other
# subject is guidance; the youth's own use of the portal is its own activity.
ACTIVITY_SUBJECTS = {
    "onderzoek": {"research_export", "insights_n1_research", "research_consent"},
    "effectenlijn": {"impact", "impact_report"},
    "instroom": {"duplicate_check"},
    "inzicht": {"insights", "insights_n1"},
    "archief": {"destruction"},
}
GUIDANCE, PORTAL = "begeleiding", "portaal"
ACTIVITIES = (GUIDANCE, PORTAL, *ACTIVITY_SUBJECTS)
DATA_SUBJECT_ID_TYPE = "urn:koers:betrokkene:jongere-pseudoniem"
SETTLE = dt.timedelta(seconds=60)  # a row is sealed this long after it was written
SEAL_BATCH = 2000
GENESIS = "0" * 64
_SEAL_LOCK = 7_140_001  # PostgreSQL advisory lock: one sealer at a time, whatever the workers


def activity_of(subject: str, channel: str) -> str:
    base = subject.split(":", 1)[0]
    for activity, subjects in ACTIVITY_SUBJECTS.items():
        if base in subjects:
            return activity
    return PORTAL if channel == AccessChannel.PORTAL else GUIDANCE


def activity_uri(activity: str) -> str:
    return f"{settings.KOERS_PROCESSING_REGISTER_URI}{activity}"


def data_subject_id(youth_id: int) -> str:
    """A pseudonym: the same youth gives the same code, and the code gives no way back without
    the secret key."""
    return salted_hmac("koers.audit.processing_log", f"youth:{youth_id}").hexdigest()


def _ms(moment: dt.datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


def record_of(row: AccessLogEntry) -> dict:
    attributes = {"dpl.core.processing_activity_id": activity_uri(activity_of(row.subject, row.channel))}
    if row.youth_id is not None:
        attributes["dpl.core.data_subject_id"] = data_subject_id(row.youth_id)
        attributes["dpl.core.data_subject_id_type"] = DATA_SUBJECT_ID_TYPE
    return {
        "trace_id": row.trace_id,
        "span_id": row.span_id,
        "parent_span_id": row.parent_span_id or None,
        "name": f"{row.action} {row.subject}",
        "start_time": _ms(row.started_at or row.at),
        "end_time": _ms(row.at),
        "status_code": row.status_code,
        "foreign_operation": (
            {"trace_id": row.foreign_trace_id, "span_id": row.foreign_span_id, "entity": "urn:koers:partner-system"}
            if row.foreign_trace_id
            else None
        ),
        "resource": {"attributes": {"service.name": "koers", "koers.channel": row.channel}},
        "attributes": attributes,
    }


def records(*, since: dt.datetime | None = None, until: dt.datetime | None = None) -> Iterator[dict]:
    """Every row in the standard's shape, oldest first, streamed."""
    rows = AccessLogEntry.objects.exclude(trace_id="").order_by("pk")
    if since:
        rows = rows.filter(at__gte=since)
    if until:
        rows = rows.filter(at__lt=until)
    for row in rows.iterator(chunk_size=2000):
        yield record_of(row)


# --- Tamper evidence -----------------------------------------------------------------------


def _canonical(row: AccessLogEntry) -> str:
    values = (
        row.pk,
        row.organisation_id,
        row.youth_id,
        row.user_id,
        row.action,
        row.channel,
        row.subject,
        row.at.isoformat(),
        row.trace_id,
        row.span_id,
        row.parent_span_id,
        row.foreign_trace_id,
        row.foreign_span_id,
        row.started_at.isoformat() if row.started_at else "",
        row.status_code,
    )
    return "|".join("" if value is None else str(value) for value in values)


def chain_next(previous: str, row: AccessLogEntry) -> str:
    return hashlib.sha256(f"{previous}\n{_canonical(row)}".encode()).hexdigest()


def _start() -> tuple[int, str]:
    """(the id the chain starts after, the hash it starts from)."""
    anchor = AccessLogChainAnchor.objects.order_by("-last_removed_id").first()
    return (anchor.last_removed_id, anchor.chain_hash) if anchor else (0, GENESIS)


def access_log_seal(*, now: dt.datetime | None = None) -> int:
    """Seal the settled rows after the last sealed one, in id order; returns how many. One sealer
    at a time (an advisory lock on PostgreSQL); a second worker finds nothing to do."""
    before = (now or timezone.now()) - SETTLE
    sealed = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_SEAL_LOCK])
                if not cursor.fetchone()[0]:
                    return 0
        last = AccessLogEntry.objects.exclude(chain_hash="").order_by("-pk").only("pk", "chain_hash").first()
        after, previous = (last.pk, last.chain_hash) if last else _start()
        rows = list(
            AccessLogEntry.objects.filter(pk__gt=after, chain_hash="", at__lt=before).order_by("pk")[:SEAL_BATCH]
        )
        for row in rows:
            previous = chain_next(previous, row)
            row.chain_hash = previous
        AccessLogEntry.objects.bulk_update(rows, ["chain_hash"], batch_size=500)
        sealed = len(rows)
    return sealed


@dataclass(frozen=True)
class Verification:
    checked: int
    first_broken_id: int | None
    unsealed: int  # written in the last minute, or before a sealed row by a late commit

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def access_log_verify() -> Verification:
    """Recompute the chain from its start (or the latest anchor). A changed row, a removed row or
    a changed hash breaks it at that row; the first such row is named."""
    after, previous = _start()
    checked = 0
    rows = AccessLogEntry.objects.filter(pk__gt=after).exclude(chain_hash="").order_by("pk")
    for row in rows.iterator(chunk_size=2000):
        expected = chain_next(previous, row)
        if row.chain_hash != expected:
            return Verification(checked=checked, first_broken_id=row.pk, unsealed=0)
        previous = row.chain_hash
        checked += 1
    unsealed = AccessLogEntry.objects.filter(chain_hash="", pk__gt=after).count()
    return Verification(checked=checked, first_broken_id=None, unsealed=unsealed)


def access_log_purge(*, now: dt.datetime | None = None, batch: int = 5000) -> int:
    """Remove sealed rows older than KOERS_ACCESS_LOG_RETENTION_DAYS, oldest first, in batches
    (each its own transaction, so it can stop and resume); an anchor keeps the chain verifiable.
    Returns how many were removed."""
    before = (now or timezone.now()) - dt.timedelta(days=settings.KOERS_ACCESS_LOG_RETENTION_DAYS)
    removed = 0
    while True:
        with transaction.atomic():
            after, _previous = _start()
            rows = list(
                AccessLogEntry.objects.filter(pk__gt=after, at__lt=before)
                .exclude(chain_hash="")
                .order_by("pk")
                .values_list("pk", "chain_hash")[:batch]
            )
            if not rows:
                return removed
            last_id, last_hash = rows[-1]
            # Only a run of rows directly after the chain's start: the chain stays one line.
            AccessLogEntry.objects.filter(pk__gt=after, pk__lte=last_id).delete()
            AccessLogChainAnchor.objects.create(last_removed_id=last_id, chain_hash=last_hash, removed=len(rows))
            removed += len(rows)
