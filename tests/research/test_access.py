"""The researcher sees nothing but the export: no youth file, no list of youths, no admin; and
the export page is for researchers only (allowed, forbidden, other organisation)."""

import pytest
from django.test import Client

from koers.accounts.services import api_token_create
from koers.audit.models import AccessLogEntry
from tests.conftest import signed_in_client

RESEARCH = "/onderzoek/"
DOWNLOADS = ["/onderzoek/download.zip", "/onderzoek/download.xlsx"]


def test_the_researcher_opens_the_research_page(researcher, consenting):
    response = signed_in_client(researcher).get(RESEARCH)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jongeren met toestemming op dit moment: 5." in page
    assert "Wat er niet in staat" in page and "alleen het geboortejaar" in page
    assert 'href="/onderzoek/download.zip"' in page and 'href="/onderzoek/download.xlsx"' in page
    assert ">Onderzoek</a>" in page and ">Vandaag</a>" not in page


def test_a_small_number_of_consents_shows_as_less_than_five_and_offers_no_download(researcher, consultant):
    from tests.research.conftest import youth_with_history

    youth_with_history(consultant, 1)
    page = signed_in_client(researcher).get(RESEARCH).content.decode()
    assert "Jongeren met toestemming op dit moment: &lt; 5." in page
    assert "download.zip" not in page


@pytest.mark.parametrize("persona", ["consultant", "team_lead", "admin", "outsider"])
def test_other_roles_get_no_research_page_and_no_export(persona, request, consenting):
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get(RESEARCH).status_code == 403
    for path in DOWNLOADS:
        assert client.get(path).status_code == 403
    assert not AccessLogEntry.objects.filter(subject="research_export").exists()


def test_signed_out_goes_to_the_sign_in_page(consenting):
    response = Client().get(DOWNLOADS[0])
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_an_inactive_researcher_gets_nothing(researcher, consenting):
    client = signed_in_client(researcher)
    researcher.is_active = False
    researcher.save(update_fields=["is_active"])
    assert client.get(DOWNLOADS[0]).status_code in (302, 403)


@pytest.mark.parametrize("path", ["/", "/zoeken/", "/rollen/", "/inzicht/", "/jongeren/nieuw/", "/inzicht/mijn-werk/"])
def test_the_researcher_opens_no_page_of_the_youth_workers(path, researcher):
    assert signed_in_client(researcher).get(path).status_code == 403


def test_the_researcher_reads_the_method_the_codes_come_from(researcher):
    # The booklet holds no youth data; it explains the steps and working elements of the export.
    assert signed_in_client(researcher).get("/werkwijze/").status_code == 200


def test_the_researcher_opens_no_youth_file_page_nor_api(researcher, consenting):
    youth = consenting[0]
    client = signed_in_client(researcher)
    for path in [
        f"/jongeren/{youth.pk}/",
        f"/jongeren/{youth.pk}/geschiedenis/",
        f"/trajecten/{youth.trajectories.get().pk}/plan/pdf/",
    ]:
        assert client.get(path).status_code == 403, path
    assert client.post("/zoeken/", {"zoek": youth.first_name}).status_code == 403
    api = Client(headers={"Authorization": f"Bearer {api_token_create(user=researcher)}"})
    assert api.get("/api/v1/youths").status_code == 403
    assert api.get(f"/api/v1/youths/{youth.pk}").status_code == 403
    assert not AccessLogEntry.objects.filter(user=researcher).exists()


def test_the_researcher_does_not_get_into_the_admin(researcher):
    client = signed_in_client(researcher)
    for path in ["/admin/", "/admin/accounts/user/", "/admin/research/exportkey/"]:
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
        assert response.status_code != 200
