"""The research export holds the youths with a research consent, under pseudonyms that are stable
for one researcher and differ for another; no name, contact detail, note or birth date; every
export in the access log; a fixed number of queries however many youths there are."""

import csv
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from koers.accounts.models import Role
from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.lib.pseudonyms import pseudonym
from koers.research.models import ExportKey
from koers.trajectories.services import research_consent_record, research_consent_revoke
from tests.conftest import days_ago, make_user, signed_in_client
from tests.research.conftest import (
    CONTACT_NOTE,
    MILESTONE_NOTE,
    NETWORK_NAME,
    NETWORK_PHONE,
    SCORE_NOTE,
    youth_with_history,
)

CSV = "/onderzoek/download.zip"
XLSX = "/onderzoek/download.xlsx"
TABLES = [
    "trajectories",
    "milestones",
    "contacts",
    "interventions",
    "steps",
    "life_domains",
    "self_ratings",
    "codebook",
]


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def csv_tables(content: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
        }


def xlsx_tables(content: bytes) -> dict[str, list[dict]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    tables = {}
    for sheet in workbook.worksheets:
        header, *rows = list(sheet.iter_rows(values_only=True))
        tables[sheet.title] = [dict(zip(header, row, strict=True)) for row in rows]
    return tables


def every_text_in(content: bytes) -> str:
    """Everything inside the zip (the CSV files, or the workbook's XML parts), as text."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def exported_youths(client) -> set[str]:
    return {row["youth"] for row in csv_tables(body(client.get(CSV)))["trajectories"]}


def pseudonyms_of(researcher, youths) -> set[str]:
    key = bytes.fromhex(ExportKey.objects.get(researcher=researcher).secret)
    return {pseudonym(key, "youth", youth.pk) for youth in youths}


def test_the_export_holds_every_table_for_the_consenting_youths(researcher, consenting):
    tables = csv_tables(body(signed_in_client(researcher).get(CSV)))

    assert list(tables) == TABLES
    assert {row["youth"] for row in tables["trajectories"]} == pseudonyms_of(researcher, consenting)
    assert {row["birth_year"] for row in tables["trajectories"]} == {str(consenting[0].birth_date.year)}
    contact = tables["contacts"][0]
    assert (contact["channel"], contact["purpose"], contact["evaluation_asked"]) == ("walk", "agreements", "1")
    assert len(tables["contacts"]) == len(tables["steps"]) == 5
    contacts = {row["contact"] for row in tables["contacts"]}
    coded = [row for row in tables["interventions"] if row["intervention_source"] == "coded"]
    assert {row["contact"] for row in coded} == contacts  # and the step's own elements besides
    assert {row["contact"] for row in tables["steps"]} == contacts
    assert {row["milestone"] for row in tables["milestones"]} == {"registration", "first_conversation"}
    assert len(tables["life_domains"]) == 5 * 7
    assert {(r["stress"], r["confidence"], r["mark"]) for r in tables["self_ratings"]} == {("6", "7", "8")}
    assert {"walk", "agreements", "finances"} <= {row["code"] for row in tables["codebook"]}


def test_the_excel_file_holds_the_same_tables(researcher, consenting):
    response = signed_in_client(researcher).get(XLSX)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment")
    tables = xlsx_tables(body(response))

    assert list(tables) == TABLES
    assert {row["youth"] for row in tables["trajectories"]} == pseudonyms_of(researcher, consenting)
    assert tables["contacts"][0]["date"].date() == days_ago(20)


def test_a_youth_is_in_the_export_only_while_their_consent_holds(researcher, consultant, consenting):
    client = signed_in_client(researcher)
    newcomer = youth_with_history(consultant, 7, consent=False)
    before = exported_youths(client)
    assert pseudonyms_of(researcher, [newcomer]).isdisjoint(before)

    research_consent_record(actor=consultant, youth=newcomer, given_on=days_ago(0))
    assert exported_youths(client) == before | pseudonyms_of(researcher, [newcomer])

    research_consent_revoke(actor=consultant, youth=consenting[0], on=days_ago(0))
    assert exported_youths(client) == before - pseudonyms_of(researcher, consenting[:1]) | pseudonyms_of(
        researcher, [newcomer]
    )


def test_fewer_than_five_youths_give_no_export_and_no_log(researcher, consultant, consenting):
    research_consent_revoke(actor=consultant, youth=consenting[0], on=days_ago(0))
    client = signed_in_client(researcher)

    response = client.get(CSV)
    assert response.status_code == 302 and response["Location"] == "/onderzoek/"
    page = client.get("/onderzoek/").content.decode()
    assert "te weinig jongeren" in page and "&lt; 5" in page
    assert not AccessLogEntry.objects.filter(subject="research_export").exists()


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_no_name_contact_detail_note_or_birth_date_leaves_koers(path, researcher, consultant, consenting):
    text = every_text_in(body(signed_in_client(researcher).get(path)))

    youth = consenting[0]
    birth = youth.birth_date
    for value in [
        youth.first_name,
        youth.last_name,
        youth.email,
        youth.phone,
        consultant.get_full_name(),
        NETWORK_NAME,
        NETWORK_PHONE,
        CONTACT_NOTE,
        MILESTONE_NOTE,
        SCORE_NOTE,
        birth.isoformat(),
        f"{birth:%d-%m-%Y}",
    ]:
        assert value not in text, value


def test_the_same_researcher_gets_the_same_pseudonyms_another_researcher_others(
    researcher, second_researcher, consenting
):
    first = exported_youths(signed_in_client(researcher))
    again = exported_youths(signed_in_client(researcher))
    other = exported_youths(signed_in_client(second_researcher))

    assert first == again and len(first) == 5
    assert other.isdisjoint(first) and len(other) == 5
    assert ExportKey.objects.count() == 2


def test_another_organisations_youths_never_appear(researcher, outside_researcher, consenting, other_org):
    their_consultant = make_user("buitenconsulent", other_org, Role.CONSULTANT)
    theirs = [youth_with_history(their_consultant, number) for number in range(10, 15)]

    ours = exported_youths(signed_in_client(researcher))
    assert ours == pseudonyms_of(researcher, consenting)
    tables = csv_tables(body(signed_in_client(outside_researcher).get(CSV)))
    assert {row["youth"] for row in tables["trajectories"]} == pseudonyms_of(outside_researcher, theirs)
    assert len(tables["contacts"]) == 5
    # The other organisation's export never holds a pseudonym of ours under its own key either.
    assert pseudonyms_of(outside_researcher, consenting).isdisjoint(
        {row["youth"] for table in TABLES[:-1] for row in tables[table]}
    )


def test_every_export_logs_each_youth_it_holds(researcher, consultant, consenting):
    outside_the_export = youth_with_history(consultant, 9, consent=False)
    body(signed_in_client(researcher).get(XLSX))

    entries = AccessLogEntry.objects.filter(subject="research_export")
    assert sorted(entries.values_list("youth_id", flat=True)) == sorted(youth.pk for youth in consenting)
    assert {(e.user_id, e.action, e.channel, e.organisation_id) for e in entries} == {
        (researcher.pk, AccessAction.EXPORT, AccessChannel.WEB, researcher.organisation_id)
    }
    assert not AccessLogEntry.objects.filter(youth_id=outside_the_export.pk, user=researcher).exists()


def test_the_youth_sees_in_the_portal_that_their_data_went_to_research(researcher, consenting):
    from koers.portal.selectors import who_viewed

    body(signed_in_client(researcher).get(CSV))
    line = who_viewed(consenting[0])[0]  # newest first
    assert (line.who, line.what) == ("onderzoeker", "Gedownload")
    assert any("voor onderzoek" in detail for detail in line.details), line.details


def _queries_of_export(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(client.get(path))
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_the_export_runs_as_many_queries_for_more_youths(
    path, researcher, consultant, consenting, django_assert_max_num_queries
):
    client = signed_in_client(researcher)
    body(client.get(path))  # the first export makes the researcher's key
    with django_assert_max_num_queries(20):
        small = _queries_of_export(client, path)
    for number in range(20, 30):
        youth_with_history(consultant, number)
    with django_assert_max_num_queries(20):
        large = _queries_of_export(client, path)
    assert large == small


def test_youths_read_in_batches_give_the_same_export(researcher, consenting, monkeypatch):
    from koers.research import selectors

    client = signed_in_client(researcher)
    whole = csv_tables(body(client.get(CSV)))
    monkeypatch.setattr(selectors, "BATCH", 2)
    in_batches = csv_tables(body(client.get(CSV)))

    assert in_batches == whole
