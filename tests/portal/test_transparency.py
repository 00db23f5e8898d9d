"""What the youth can see about their own data: who looked at it, and all of it to download."""

import io
import json
import re

import pytest
from pypdf import PdfReader

from koers.audit.models import AccessChannel, AccessLogEntry
from koers.messaging.services import message_send
from tests.conftest import signed_in_client
from tests.portal.conftest import page_text

WHO_VIEWED = "/mijn/wie-bekeek-mijn-gegevens/"


@pytest.fixture
def named_consultant(consultant):
    consultant.first_name, consultant.last_name = "Marieke", "Hoekstra"
    consultant.save(update_fields=["first_name", "last_name"])
    return consultant


@pytest.fixture
def file_opened(invited, named_consultant):
    """The consultant opened the youth's file in Koers."""
    response = signed_in_client(named_consultant).get(f"/jongeren/{invited.pk}/")
    assert response.status_code == 200
    return response


def rows(html: str) -> list[str]:
    body = html.split('<tbody class="utrecht-table__body">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr.*?</tr>", body, flags=re.S)


def test_the_youth_sees_that_their_own_consultant_opened_the_file(file_opened, youth_client):
    page = page_text(youth_client.get(WHO_VIEWED))

    # The youth knows their own consultant: named even when the organisation shows no names.
    assert "Marieke Hoekstra, jouw consulent — Gemeente Leeuwarden" in page
    assert "Je dossier is geopend" in page
    assert "(website)" not in page


def test_the_name_of_another_consultant_is_shown_when_the_organisation_chose_so(
    file_opened, youth_client, org, colleague, invited
):
    colleague.first_name, colleague.last_name = "Pieter", "Visser"
    colleague.save(update_fields=["first_name", "last_name"])
    signed_in_client(colleague).get(f"/jongeren/{invited.pk}/")
    assert "Visser" not in page_text(youth_client.get(WHO_VIEWED))

    org.portal_shows_staff_names = True
    org.save(update_fields=["portal_shows_staff_names"])
    page = page_text(youth_client.get(WHO_VIEWED))

    assert "Pieter Visser, consulent — Gemeente Leeuwarden" in page


def test_the_youths_own_visits_are_not_listed(file_opened, youth_client, invited):
    for path in ("/mijn/", "/mijn/plan/", "/mijn/berichten/", WHO_VIEWED):
        youth_client.get(path)
    assert AccessLogEntry.objects.filter(youth_id=invited.pk, channel=AccessChannel.PORTAL).count() >= 4

    page = page_text(youth_client.get(WHO_VIEWED))

    # The staff's two: the file was made, and opened; none of the youth's own visits.
    assert len(rows(page)) == 2
    assert "portaal van de jongere" not in page and "door jou" not in page


def test_before_anyone_opened_the_file_only_its_creation_is_listed(youth_client):
    page = page_text(youth_client.get(WHO_VIEWED))

    assert len(rows(page)) == 1
    assert "Aangemaakt" in page


def test_a_consultant_of_another_organisation_cannot_open_the_file_so_nothing_is_listed(
    invited, outsider, youth_client
):
    assert signed_in_client(outsider).get(f"/jongeren/{invited.pk}/").status_code in (403, 404)

    page = page_text(youth_client.get(WHO_VIEWED))

    assert "Gemeente De Fryske Marren" not in page


def test_the_data_download_holds_the_youths_name_and_messages_and_nobody_elses(
    invited, named_consultant, youth_b, youth_client
):
    message_send(youth=invited, from_youth=False, author=named_consultant, body="Hoi Sanne, hoe ging het gesprek?")
    message_send(youth=invited, from_youth=True, body="Goed! Ik mag terugkomen.")
    message_send(youth=youth_b, from_youth=False, author=named_consultant, body="Hoi Bram, vergeet je cv niet.")

    response = youth_client.get("/mijn/mijn-gegevens/gegevens.json")

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["gegevens"]["voornaam"] == "Sanne" and data["gegevens"]["achternaam"] == "de Vries"
    assert [m["tekst"] for m in data["berichten"]] == ["Hoi Sanne, hoe ging het gesprek?", "Goed! Ik mag terugkomen."]
    text = response.content.decode()
    for other in ("Bram", "Bakker", "bram@example.org", "vergeet je cv niet", "Marieke", "Hoekstra"):
        assert other not in text, other


def test_the_data_download_as_pdf_opens_and_holds_the_youths_data(invited, named_consultant, youth_client):
    message_send(youth=invited, from_youth=True, body="Mijn eerste bericht")

    response = youth_client.get("/mijn/mijn-gegevens/gegevens.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Gegevens van Sanne" in text
    assert "Mijn eerste bericht" in text
    assert "Hoekstra" not in text
