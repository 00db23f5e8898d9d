"""The access log as the Logboek Dataverwerkingen: a trace per request (W3C Trace Context), a span
per data subject, the processing activity, a pseudonym instead of the youth, a status; the export
in the standard's shape; and the hash chain that shows a changed or removed row."""

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from koers.audit.models import AccessLogChainAnchor, AccessLogEntry
from koers.audit.processing_log import (
    access_log_purge,
    access_log_seal,
    access_log_verify,
    data_subject_id,
    record_of,
)
from koers.web.search import QUERY_FIELD as QUERY
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db
REQUIRED = {"trace_id", "span_id", "name", "start_time", "end_time", "status_code", "attributes"}
PARTNER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


def _later(minutes: int = 2) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_a_request_is_a_trace_with_a_span_per_youth_and_the_partners_trace_kept(consultant, youth, trajectory):
    client = signed_in_client(consultant)
    response = client.get(f"/jongeren/{youth.pk}/", HTTP_TRACEPARENT=f"00-{PARTNER_TRACE}-00f067aa0ba902b7-01")
    assert response.status_code == 200
    ours = re.fullmatch(r"00-([0-9a-f]{32})-([0-9a-f]{16})-01", response["traceparent"])
    assert ours and ours.group(1) != PARTNER_TRACE  # a new trace of our own, the partner's kept beside it
    rows = list(AccessLogEntry.objects.filter(trace_id=ours.group(1)))
    assert rows and all(row.parent_span_id == ours.group(2) for row in rows)
    assert len({row.span_id for row in rows}) == len(rows)
    assert all((row.foreign_trace_id, row.foreign_span_id) == (PARTNER_TRACE, "00f067aa0ba902b7") for row in rows)


def test_a_list_page_writes_one_row_per_youth_each_with_its_own_span(consultant, youth, trajectory, colleague):
    from koers.trajectories.services import trajectory_create, youth_create
    from tests.conftest import born_years_ago

    other = youth_create(
        actor=consultant, consultant=consultant, first_name="Noor", last_name="de Vries", birth_date=born_years_ago(20)
    )
    trajectory_create(actor=consultant, youth=other, registered_on=dt.date(2026, 3, 2), source="uwv")
    response = signed_in_client(consultant).post("/zoeken/", {QUERY: "de Vries"})
    trace_id = response["traceparent"].split("-")[1]
    rows = AccessLogEntry.objects.filter(trace_id=trace_id, subject="search")
    assert {row.youth_id for row in rows} >= {youth.pk, other.pk}
    assert len({row.span_id for row in rows}) == rows.count()


def test_the_export_has_the_standards_fields_and_no_name_or_staff(consultant, youth, trajectory):
    signed_in_client(consultant).get(f"/jongeren/{youth.pk}/")
    out = StringIO()
    call_command("processing_log_export", stdout=out, stderr=StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line]
    assert lines
    for record in lines:
        assert REQUIRED <= set(record)
        assert re.fullmatch(r"[0-9a-f]{32}", record["trace_id"]) and re.fullmatch(r"[0-9a-f]{16}", record["span_id"])
        assert record["start_time"] <= record["end_time"] and record["status_code"] in (0, 1, 2)
        assert record["attributes"]["dpl.core.processing_activity_id"].startswith("urn:koers:verwerkingsactiviteit:")
    about = [r for r in lines if r["attributes"].get("dpl.core.data_subject_id") == data_subject_id(youth.pk)]
    assert about and about[0]["attributes"]["dpl.core.data_subject_id_type"]
    text = out.getvalue()
    assert youth.first_name not in text and youth.last_name not in text and consultant.username not in text
    assert f'"{youth.pk}"' not in text


def test_processing_activities_follow_what_was_touched(consultant, youth):
    from koers.audit.models import AccessLogEntry as Row

    def activity(subject, channel="web"):
        row = Row(youth_id=youth.pk, action="view", channel=channel, subject=subject, at=timezone.now())
        return record_of(row)["attributes"]["dpl.core.processing_activity_id"].rsplit(":", 1)[1]

    assert activity("youth") == "begeleiding"
    assert activity("research_export") == "onderzoek"
    assert activity("impact_report") == "effectenlijn"
    assert activity("plan", channel="portal") == "portaal"


def test_a_server_error_marks_the_requests_rows_as_error(consultant, youth, trajectory, settings):
    from koers.audit.services import access_log_mark_failed
    from koers.audit.trace import current_trace, end_trace

    end_trace()
    from koers.audit.services import access_log_write

    access_log_write(
        user=consultant,
        organisation_id=youth.organisation_id,
        youth_id=youth.pk,
        action="view",
        channel="web",
        subject="youth",
    )
    access_log_mark_failed(current_trace())
    assert AccessLogEntry.objects.get(trace_id=current_trace().trace_id).status_code == 2
    end_trace()


def test_the_chain_is_sealed_once_and_verifies(consultant, youth, trajectory):
    client = signed_in_client(consultant)
    for _ in range(3):
        client.get(f"/jongeren/{youth.pk}/")
    assert access_log_seal() == 0  # nothing settled yet: rows are sealed a minute later
    total = AccessLogEntry.objects.count()
    assert access_log_seal(now=_later()) == total
    assert access_log_seal(now=_later()) == 0
    result = access_log_verify()
    assert result.intact and result.checked == total


@pytest.mark.parametrize("tamper", ["change", "delete", "rehash"])
def test_a_changed_or_removed_row_breaks_the_chain_at_that_row(consultant, youth, trajectory, tamper):
    client = signed_in_client(consultant)
    for _ in range(3):
        client.get(f"/jongeren/{youth.pk}/")
    access_log_seal(now=_later())
    rows = list(AccessLogEntry.objects.order_by("pk"))
    victim = rows[len(rows) // 2]
    if tamper == "change":
        AccessLogEntry.objects.filter(pk=victim.pk).update(subject="history")
        expected = victim.pk
    elif tamper == "delete":
        AccessLogEntry.objects.filter(pk=victim.pk).delete()
        expected = rows[len(rows) // 2 + 1].pk
    else:
        AccessLogEntry.objects.filter(pk=victim.pk).update(chain_hash="f" * 64)
        expected = victim.pk
    result = access_log_verify()
    assert not result.intact and result.first_broken_id == expected
    with pytest.raises(CommandError, match=str(expected)):
        call_command("processing_log_verify", stdout=StringIO())


def test_rows_past_their_retention_go_and_the_chain_still_verifies(consultant, youth, trajectory, settings):
    client = signed_in_client(consultant)
    for _ in range(2):
        client.get(f"/jongeren/{youth.pk}/")
    old = list(AccessLogEntry.objects.order_by("pk").values_list("pk", flat=True))
    AccessLogEntry.objects.filter(pk__in=old).update(at=timezone.now() - dt.timedelta(days=2000))
    client.get(f"/jongeren/{youth.pk}/")
    access_log_seal(now=_later())
    removed = access_log_purge(batch=2)
    assert removed == len(old) and not AccessLogEntry.objects.filter(pk__in=old).exists()
    assert AccessLogChainAnchor.objects.exists()
    result = access_log_verify()
    assert result.intact and result.checked == AccessLogEntry.objects.count() > 0
    assert access_log_purge() == 0
