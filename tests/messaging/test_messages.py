"""Sending messages with photos and PDFs through the portal's messages page, and downloading them."""

# ruff: noqa: F811 - the fixtures of tests/portal/conftest.py are imported here and used as parameters

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from koers.messaging.models import Attachment, Message
from koers.messaging.uploads import MAX_UPLOAD_BYTES
from tests.conftest import jpeg_bytes
from tests.portal.conftest import (  # noqa: F401 - fixtures
    invitation,
    other_org_consultant,
    page_text,
    portal_client,
    youth_b,
    youth_c,
    youth_client,
)

MESSAGES = "/mijn/berichten/"
GPS_IFD = 0x8825
WRONG_TYPE = "Dit soort bestand kan niet mee. Stuur een foto (jpg of png) of een pdf."
TOO_BIG = "Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf."


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Pixel 8"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 12.0, 6.0), 3: "E", 4: (5.0, 47.0, 30.0)})
    return jpeg_bytes((64, 48), (10, 120, 200), exif=exif, quality=95)


def send(client: Client, *, body: str = "", files=(), client_key: str = "sleutel-1"):
    return client.post(MESSAGES, {"body": body, "client_key": client_key, "files": list(files)})


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, b"\x7fELF\x02\x01\x01" + b"\x00" * 200],
    ids=["windows-program", "linux-program"],
)
def test_a_program_renamed_to_jpg_is_refused_with_a_dutch_message_and_nothing_is_saved(
    youth_client, private_media, content
):
    upload = SimpleUploadedFile("vakantiefoto.jpg", content, content_type="image/jpeg")

    response = send(youth_client, body="Kijk eens naar mijn foto", files=[upload])

    assert response.status_code == 400
    assert WRONG_TYPE in page_text(response)
    assert "Kijk eens naar mijn foto" in page_text(response)  # what the youth typed is kept
    assert Message.objects.count() == 0 and Attachment.objects.count() == 0
    assert stored_files(private_media) == []


def test_a_photo_with_gps_is_stored_without_any_of_its_metadata(youth_client, private_media):
    original = photo_with_gps()
    assert b"Pixel 8" in original

    response = send(youth_client, body="Mijn foto", files=[SimpleUploadedFile("thuis.jpg", original)])

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = (private_media / attachment.path).read_bytes()
    assert b"Exif" not in stored and b"Pixel 8" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (64, 48)
    downloaded = youth_client.get(f"/mijn/bijlagen/{attachment.pk}/")
    assert b"".join(downloaded.streaming_content) == stored


def test_a_file_of_10_mb_and_one_byte_is_refused(youth_client, private_media):
    too_big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (MAX_UPLOAD_BYTES + 1 - 9))

    response = send(youth_client, body="Mijn scan", files=[too_big])

    assert response.status_code == 400
    assert TOO_BIG in page_text(response)
    assert Message.objects.count() == 0
    assert stored_files(private_media) == []


def test_a_stored_file_lies_in_the_private_folder_under_a_random_name(youth_client, private_media, settings):
    send(youth_client, files=[SimpleUploadedFile("sanne-de-vries-paspoort.jpg", photo_with_gps())])

    attachment = Attachment.objects.get()
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.jpg", attachment.path)
    assert "sanne" not in attachment.path and "paspoort" not in attachment.path
    assert attachment.name == "sanne-de-vries-paspoort.jpg"  # the name shown, never on disk
    assert stored_files(private_media) == [private_media / attachment.path]
    static_root = settings.STATIC_ROOT.resolve()
    assert not (private_media / attachment.path).resolve().is_relative_to(static_root)
    assert not (static_root / attachment.path).exists()


def test_the_message_shows_with_its_photo_in_the_conversation(youth_client):
    send(youth_client, body="Hier is de foto", files=[SimpleUploadedFile("thuis.jpg", photo_with_gps())])

    page = page_text(youth_client.get(MESSAGES))

    attachment = Attachment.objects.get()
    assert "Hier is de foto" in page
    assert f'href="/mijn/bijlagen/{attachment.pk}/?bekijk=1"' in page


def test_a_download_is_an_attachment_that_the_browser_must_not_sniff(youth_client):
    send(youth_client, files=[SimpleUploadedFile("thuis.jpg", photo_with_gps())])
    attachment = Attachment.objects.get()

    response = youth_client.get(f"/mijn/bijlagen/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="thuis.jpg"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_another_youth_gets_404_for_the_attachment(youth_client, youth_b, youth_c):
    send(youth_client, files=[SimpleUploadedFile("thuis.jpg", photo_with_gps())])
    path = f"/mijn/bijlagen/{Attachment.objects.get().pk}/"

    for other in (youth_b, youth_c):
        response = portal_client(other).get(path)
        assert response.status_code == 404, other


def test_a_stranger_is_sent_to_sign_in_for_the_attachment(youth_client):
    send(youth_client, files=[SimpleUploadedFile("thuis.jpg", photo_with_gps())])

    response = Client().get(f"/mijn/bijlagen/{Attachment.objects.get().pk}/")

    assert response.status_code == 302 and response["Location"] == "/mijn/inloggen/"


def test_sending_the_same_form_twice_gives_one_message(youth_client):
    upload = photo_with_gps()
    for _ in range(2):
        response = send(
            youth_client, body="Dubbel getikt", files=[SimpleUploadedFile("a.jpg", upload)], client_key="k-42"
        )
        assert response.status_code == 302

    assert Message.objects.filter(body="Dubbel getikt").count() == 1
    assert Attachment.objects.count() == 1


def test_two_forms_with_their_own_keys_give_two_messages(youth_client):
    send(youth_client, body="Eerste", client_key="k-1")
    send(youth_client, body="Tweede", client_key="k-2")

    assert list(Message.objects.values_list("body", flat=True)) == ["Eerste", "Tweede"]


def test_an_empty_message_is_refused_with_what_to_do(youth_client):
    response = send(youth_client, body="   ")

    assert response.status_code == 400
    assert "Schrijf een bericht of kies een bestand." in page_text(response)
    assert Message.objects.count() == 0


def test_four_files_are_refused_and_nothing_is_saved(youth_client, private_media):
    files = [SimpleUploadedFile(f"{n}.jpg", photo_with_gps()) for n in range(4)]

    response = send(youth_client, body="Veel foto's", files=files)

    assert response.status_code == 400
    assert "Stuur hoogstens 3 bestanden per bericht." in page_text(response)
    assert Message.objects.count() == 0
    assert stored_files(private_media) == []


def test_opening_the_messages_marks_the_consultants_messages_read(youth_client, invited, consultant):
    from koers.messaging.services import message_send

    message = message_send(youth=invited, from_youth=False, author=consultant, body="Hoe gaat het?")
    assert "1 nieuw bericht" in page_text(youth_client.get("/mijn/"))

    youth_client.get(MESSAGES)

    message.refresh_from_db()
    assert message.read_at is not None
    assert "Geen nieuwe berichten." in page_text(youth_client.get("/mijn/"))


def test_a_cut_off_photo_is_refused_also_once_the_pdf_renderer_is_loaded(youth_client, private_media):
    # WeasyPrint, which the portal loads for its PDFs, tells Pillow to accept cut-off images.
    from PIL import ImageFile

    import koers.lib.pdf  # noqa: F401

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    noise = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(noise, format="JPEG")
    cut_off = noise.getvalue()[: len(noise.getvalue()) // 2]

    response = send(youth_client, body="Half verstuurd", files=[SimpleUploadedFile("foto.jpg", cut_off)])

    assert response.status_code == 400
    assert "Deze foto is niet te openen. Maak de foto opnieuw of stuur een andere." in page_text(response)
    assert Message.objects.count() == 0
    assert stored_files(private_media) == []
