"""A refused message says so where the youth is looking: the error summary is at the top of the
page with the focus, on a phone and on a laptop, and what the youth typed is still there.

The conversation is long (40 messages), so the form sits far down the page: before, the page
reloaded at the top and the error sat thousands of pixels lower, where nobody looked."""

import pytest
from django.conf import settings

from koers.messaging.models import Message
from koers.messaging.services import message_send
from tests.browser.test_consultant_flow import shot
from tests.portal.conftest import portal_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Hoi, hierbij mijn rooster voor volgende week."


@pytest.fixture
def long_conversation(invited, consultant):
    for number in range(20):
        message_send(youth=invited, from_youth=True, body=f"Vraag {number}: hoe zit het met de reiskosten?")
        message_send(youth=invited, from_youth=False, author=consultant, body=f"Antwoord {number}: dat regel ik.")
    return invited


def _open_messages(page, base: str, youth, width: int) -> None:
    cookie = portal_client(youth).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])
    page.set_viewport_size({"width": width, "height": 740 if width < 500 else 800})
    page.goto(base + "/mijn/berichten/")


def _assert_error_in_view(page, text: str) -> None:
    focused = page.evaluate("document.activeElement && document.activeElement.id")
    assert focused == "fouten-boven"
    box = page.locator("#fouten-boven").bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] < viewport["height"], box  # seen without scrolling
    assert text in page.locator("#fouten-boven").inner_text()


@pytest.mark.parametrize("width", [1280, 360])
def test_a_disguised_program_is_refused_at_the_top_and_the_text_stays(
    live_server, page, long_conversation, width, tmp_path
):
    _open_messages(page, live_server.url, long_conversation, width)
    program = tmp_path / "rooster.jpg"
    program.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 2000)  # an .exe with a photo's name
    page.get_by_label("Je bericht").fill(TYPED)
    page.get_by_label("Foto of pdf toevoegen (mag leeg)").set_input_files(str(program))
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()

    _assert_error_in_view(page, "Dit soort bestand kan niet mee.")
    assert "Kies je foto of pdf opnieuw" in page.locator("#fouten-boven").inner_text()
    assert page.get_by_label("Je bericht").input_value() == TYPED
    assert page.title().startswith("Fout:")
    shot(page, f"62-portaal-geweigerd-{width}")
    assert not Message.objects.filter(body=TYPED).exists()

    page.locator("#fouten-boven a", has_text="Dit soort bestand").click()  # the link goes to the field
    assert page.evaluate("document.activeElement.id") == "id_files"


def test_an_empty_message_and_a_fourth_file_are_refused_at_the_top(live_server, page, long_conversation, tmp_path):
    _open_messages(page, live_server.url, long_conversation, 360)
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()
    _assert_error_in_view(page, "Schrijf een bericht of kies een bestand.")

    files = []
    for number in range(4):
        path = tmp_path / f"leeg{number}.pdf"
        path.write_bytes(b"%PDF-1.4\n")
        files.append(str(path))
    page.get_by_label("Je bericht").fill(TYPED)
    page.get_by_label("Foto of pdf toevoegen (mag leeg)").set_input_files(files)
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state()
    _assert_error_in_view(page, "Stuur hoogstens 3 bestanden per bericht.")
    assert page.get_by_label("Je bericht").input_value() == TYPED


def test_the_youth_sees_how_many_characters_are_left(live_server, page, long_conversation):
    _open_messages(page, live_server.url, long_conversation, 360)
    page.get_by_label("Je bericht").fill("x" * 4990)
    assert page.locator('[data-chars-left-for="id_body"]').inner_text() == "Nog 10 tekens over."
