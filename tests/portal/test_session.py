"""The portal session: it ends after 15 minutes without activity, and it is the youth's alone."""

import datetime as dt

import time_machine
from django.utils import timezone

from tests.conftest import signed_in_client
from tests.portal.conftest import code_in, page_text, sign_in_with_code

EXPIRED = "/mijn/inloggen/?verlopen=1"


def later(minutes: float) -> time_machine.travel:
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False)


def test_after_fifteen_minutes_without_activity_the_youth_is_signed_out_and_told_why(youth_client):
    with later(15.5):
        response = youth_client.get("/mijn/plan/")
        assert response.status_code == 302 and response["Location"] == EXPIRED
        page = youth_client.get(response["Location"])

    assert "Je was 15 minuten niet actief. Daarom ben je uitgelogd." in page_text(page)
    # The session is gone, not just refused once: coming back later is still signed out.
    assert youth_client.get("/mijn/").status_code == 302


def test_activity_keeps_the_session_open(youth_client):
    with later(10):
        assert youth_client.get("/mijn/plan/").status_code == 200
    with later(20):
        assert youth_client.get("/mijn/").status_code == 200


def test_polling_for_new_messages_does_not_keep_the_session_open(youth_client):
    with later(10):
        assert youth_client.get("/mijn/berichten/lijst/").status_code == 200
    with later(15.5):
        response = youth_client.get("/mijn/")

    assert response.status_code == 302 and response["Location"] == EXPIRED


def test_polling_after_the_session_ended_sends_htmx_to_the_sign_in_page(youth_client):
    with later(15.5):
        response = youth_client.get("/mijn/berichten/lijst/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == EXPIRED


def test_doorgaan_keeps_the_session_open(youth_client):
    with later(13):
        response = youth_client.post("/mijn/doorgaan/")
        assert response.status_code == 200
        assert response.json()["seconds_left"] == 15 * 60
    with later(25):
        assert youth_client.get("/mijn/").status_code == 200


def test_doorgaan_after_the_session_ended_does_not_bring_it_back(youth_client):
    with later(16):
        response = youth_client.post("/mijn/doorgaan/")
        assert response.status_code == 401
        assert youth_client.get("/mijn/").status_code == 302


def test_signing_in_as_a_youth_ends_a_staff_session_in_the_same_browser(invited, invitation, consultant):
    browser = signed_in_client(consultant)
    assert browser.get(f"/jongeren/{invited.pk}/").status_code == 200
    staff_session = browser.cookies["sessionid"].value

    response = sign_in_with_code(browser, invited.email, code_in(invitation))

    assert response.status_code == 302
    assert browser.cookies["sessionid"].value != staff_session
    staff_page = browser.get(f"/jongeren/{invited.pk}/")
    assert staff_page.status_code == 302 and staff_page["Location"].startswith("/inloggen/")
    assert "Hoi Sanne" in page_text(browser.get("/mijn/"))


def test_portal_pages_are_not_kept_by_the_browser(youth_client):
    # On a shared computer the back button after signing out must not show the plan or messages.
    for path in ("/mijn/", "/mijn/plan/", "/mijn/berichten/", "/mijn/mijn-gegevens/gegevens.json"):
        response = youth_client.get(path)
        assert "no-store" in response.get("Cache-Control", ""), path
