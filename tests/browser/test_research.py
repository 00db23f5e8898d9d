"""The researcher in a real browser: signing in lands on Onderzoek, the page is accessible, and the
CSV download arrives as a zip."""

import re
import zipfile

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import Role
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.conftest import PASSWORD, make_user
from tests.research.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_researcher_signs_in_on_onderzoek_and_downloads(live_server, page, taxonomy, org, consultant):
    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    for number in range(5):
        youth_with_history(consultant, number)
    page.goto(live_server.url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(researcher.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/tweede-stap/"))
    device = TOTPDevice.objects.get(user=researcher, confirmed=True)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()

    page.wait_for_url(live_server.url + "/onderzoek/")
    assert page.get_by_role("heading", level=1, name="Onderzoek").is_visible()
    assert page.get_by_text("Jongeren met toestemming op dit moment: 5.").is_visible()
    assert page.get_by_role("link", name="Vandaag").count() == 0
    assert_no_serious_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV-bestanden (zip)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "contacts.csv" in archive.namelist()
    assert download.value.suggested_filename.startswith("koers-onderzoek-")
