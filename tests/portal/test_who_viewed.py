""" "Wie heeft mijn gegevens bekeken?" tells the truth: a name in a list is not an opened file,
repeats are one line per person, day and kind, the own consultant is named, and no stored code
shows on the page; in a fixed number of queries however long the log is."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.audit.subjects import LIST_SUBJECTS, PARTS
from koers.portal.selectors import WHO_VIEWED_LINES
from tests.conftest import signed_in_client
from tests.portal.test_transparency import WHO_VIEWED, rows

# Codes that are Dutch words too, so finding them says nothing.
DUTCH_TOO = {"contact", "plan", "agenda"}


@pytest.fixture
def named(consultant, colleague, team_lead):
    for user, first, last in (
        (consultant, "Marieke", "Hoekstra"),
        (colleague, "Pieter", "Visser"),
        (team_lead, "Anouk", "de Boer"),
    ):
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])


def visible(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])
    return " ".join(text.split())


def log_on(at: dt.datetime, entries: list[AccessLogEntry]) -> None:
    """Entries of an earlier moment (the log sets `at` itself when it writes)."""
    created = AccessLogEntry.objects.bulk_create(entries)
    AccessLogEntry.objects.filter(pk__in=[entry.pk for entry in created]).update(at=at)


def lines_of(youth_client) -> list[str]:
    return [visible("<main>" + row) for row in rows(youth_client.get(WHO_VIEWED).content.decode())]


def test_six_vandaag_lists_in_a_minute_are_one_line_that_says_the_name_stood_in_a_list(
    invited, team_lead, named, youth_client
):
    lead = signed_in_client(team_lead)
    for _ in range(6):
        assert lead.get("/", {"view": "caseload"}).status_code == 200
    assert AccessLogEntry.objects.filter(youth_id=invited.pk, user=team_lead).count() == 6

    lead_lines = [line for line in lines_of(youth_client) if "Teamleider" in line]

    assert len(lead_lines) == 1
    assert "Je naam stond in een lijst: in het overzicht Vandaag van een medewerker" in lead_lines[0]
    assert "6 keer" in lead_lines[0]
    assert "Je dossier is geopend" not in lead_lines[0] and "Bekeken" not in lead_lines[0]


def test_an_opened_file_is_told_apart_from_a_search_result(invited, consultant, team_lead, named, youth_client):
    assert signed_in_client(consultant).get(f"/jongeren/{invited.pk}/").status_code == 200
    assert signed_in_client(team_lead).post("/zoeken/", {"zoek": "Sanne"}).status_code == 200

    lines = lines_of(youth_client)

    assert any("jouw consulent" in line and "Je dossier is geopend" in line for line in lines)
    assert any(
        "Teamleider" in line and "Je naam stond in een lijst: bij het zoeken naar een jongere" in line for line in lines
    )


def test_the_youths_own_consultant_is_named_even_when_the_organisation_shows_no_names(
    invited, consultant, named, youth_client, org
):
    assert not org.portal_shows_staff_names
    signed_in_client(consultant).get(f"/jongeren/{invited.pk}/")

    page = visible(youth_client.get(WHO_VIEWED).content.decode())

    assert "Marieke Hoekstra, jouw consulent — Gemeente Leeuwarden" in page


def test_another_consultant_is_shown_by_role_unless_the_organisation_shows_names(
    invited, colleague, named, youth_client, org
):
    signed_in_client(colleague).get(f"/jongeren/{invited.pk}/")

    hidden = visible(youth_client.get(WHO_VIEWED).content.decode())
    org.portal_shows_staff_names = True
    org.save(update_fields=["portal_shows_staff_names"])
    shown = visible(youth_client.get(WHO_VIEWED).content.decode())

    assert "Een andere consulent — Gemeente Leeuwarden" in hidden and "Visser" not in hidden
    assert "Pieter Visser, consulent — Gemeente Leeuwarden" in shown


def test_the_same_person_on_another_day_is_another_line(invited, consultant, named, youth_client):
    client = signed_in_client(consultant)
    client.get(f"/jongeren/{invited.pk}/")
    AccessLogEntry.objects.filter(youth_id=invited.pk).update(at=timezone.now() - dt.timedelta(days=2))
    client.get(f"/jongeren/{invited.pk}/")
    client.get(f"/jongeren/{invited.pk}/")

    opened = [line for line in lines_of(youth_client) if "Je dossier is geopend" in line]

    assert len(opened) == 2
    assert "2 keer, het laatst om" in opened[0]
    assert "om " in opened[1] and "keer" not in opened[1]


def test_changes_say_which_part_of_the_file(invited, consultant, named, youth_client):
    for subject in ("contact", "plan", "contact"):
        AccessLogEntry.objects.create(
            organisation_id=invited.organisation_id,
            youth_id=invited.pk,
            user=consultant,
            action=AccessAction.CHANGE,
            channel=AccessChannel.API,
            subject=subject,
        )

    [changed] = [line for line in lines_of(youth_client) if "veranderd" in line]

    assert "Iets veranderd of vastgelegd: een contact, je plan, via een koppeling met een ander computersysteem" in (
        changed
    )
    assert "3 keer" in changed


def test_no_stored_code_shows_on_the_page(invited, consultant, team_lead, youth_client):
    subjects = [*LIST_SUBJECTS, *PARTS, "something_new"]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            organisation_id=invited.organisation_id,
            youth_id=invited.pk,
            user=user,
            action=action,
            channel=channel,
            subject=subject,
        )
        for subject in subjects
        for user in (consultant, team_lead)
        for action in AccessAction.values
        for channel in (AccessChannel.WEB, AccessChannel.API, AccessChannel.COMMAND)
    )

    page = visible(youth_client.get(WHO_VIEWED).content.decode())

    codes = {*subjects, *AccessAction.values, *AccessChannel.values, "team_lead", "consultant"} - DUTCH_TOO
    found = {code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", page)}
    assert found == set()
    assert "API" not in page and "(website)" not in page


def test_the_page_runs_as_many_queries_with_a_long_log(invited, consultant, colleague, team_lead, youth_client):
    signed_in_client(consultant).get(f"/jongeren/{invited.pk}/")
    youth_client.get(WHO_VIEWED)
    with CaptureQueriesContext(connection) as short:
        assert youth_client.get(WHO_VIEWED).status_code == 200

    for day in range(60):
        log_on(
            timezone.now() - dt.timedelta(days=day + 1),
            [
                AccessLogEntry(
                    organisation_id=invited.organisation_id,
                    youth_id=invited.pk,
                    user=user,
                    action=AccessAction.VIEW if subject in LIST_SUBJECTS else AccessAction.CHANGE,
                    channel=AccessChannel.WEB,
                    subject=subject,
                )
                for user in (consultant, colleague, team_lead)
                for subject in ("today", "search", "contact", "plan", "network")
            ],
        )
    with CaptureQueriesContext(connection) as long:
        response = youth_client.get(WHO_VIEWED)

    assert len(long.captured_queries) == len(short.captured_queries)
    assert len(rows(response.content.decode())) == WHO_VIEWED_LINES
