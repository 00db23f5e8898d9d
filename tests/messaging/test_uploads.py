"""Attachments for secure messages: what a youth's upload turns into, and what is refused.

Every test file is made here with Pillow, pypdf or by hand; no binary fixtures.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from koers.messaging.storage import open_stored, private_storage, store
from koers.messaging.uploads import MAX_UPLOAD_BYTES, RefusalReason, UploadRefused, clean_upload

RED = (255, 0, 0)
BLUE = (0, 0, 255)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def clean(content: bytes, name: str = "bijlage"):
    return clean_upload(io.BytesIO(content), name=name)


def refusal(content: bytes, name: str = "bijlage") -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        clean(content, name)
    return caught.value


def image_bytes(image: Image.Image, format: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, format=format, **options)
    return output.getvalue()


def pdf_bytes(pages: int = 1, user_password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password is not None:
        # RC4 needs no extra crypto package; the refusal does not depend on the algorithm.
        writer.encrypt(user_password=user_password, algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def one_bit_png(width: int, height: int) -> bytes:
    """A black 1-bit PNG built by hand, so a huge one is never held in memory (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def red_left_blue_right(size=(40, 20)) -> Image.Image:
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image


# --- What is refused -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 2000, "vakantie.jpg"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000, "vakantie.jpg"),
        (b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>", "brief.pdf"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "tekening.png",
        ),
        (b"just some text that a browser might call image/jpeg", "foto.jpg"),
    ],
    ids=["elf", "windows-exe", "html", "svg", "text"],
)
def test_a_file_that_is_no_photo_or_pdf_is_refused_whatever_its_name(content, name):
    refused = refusal(content, name)

    assert refused.reason == RefusalReason.WRONG_TYPE
    assert refused.message == "Dit soort bestand kan niet mee. Stuur een foto (jpg of png) of een pdf."


def test_a_zip_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("foto.jpg", image_bytes(red_left_blue_right(), "JPEG"))

    assert refusal(archive.getvalue(), "foto.jpg").reason == RefusalReason.WRONG_TYPE


def test_a_heic_photo_is_refused_with_a_request_for_jpg_or_png():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 1000

    refused = refusal(heic, "IMG_0001.HEIC")

    assert refused.reason == RefusalReason.HEIC
    assert "HEIC" in refused.message
    assert "Stuur de foto als jpg of png." in refused.message


def test_an_empty_file_is_refused():
    assert refusal(b"").message == "Dit bestand is leeg. Kies het bestand opnieuw."


def test_a_file_one_byte_over_10_mb_is_refused_for_its_size_before_its_type_is_looked_at():
    refused = refusal(b"\x7fELF" + b"\x00" * (MAX_UPLOAD_BYTES - 3))

    assert refused.reason == RefusalReason.TOO_BIG
    assert refused.message == "Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf."


def test_an_endless_upload_is_refused_after_reading_one_byte_past_the_limit():
    class EndlessZeros(io.RawIOBase):
        bytes_read = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = bytes(len(buffer))
            self.bytes_read += len(buffer)
            return len(buffer)

    endless = EndlessZeros()

    with pytest.raises(UploadRefused, match="Dit bestand is groter dan 10 MB") as caught:
        clean_upload(endless, name="oneindig.pdf")

    assert caught.value.reason == RefusalReason.TOO_BIG
    assert endless.bytes_read == MAX_UPLOAD_BYTES + 1


def test_a_valid_pdf_of_exactly_10_mb_is_accepted():
    pdf = pdf_bytes()
    # Whitespace after %%EOF is allowed and ignored by readers.
    padded = pdf + b"\n" * (MAX_UPLOAD_BYTES - len(pdf))

    assert len(padded) == MAX_UPLOAD_BYTES
    kept = clean(padded, "groot.pdf").content
    assert len(PdfReader(io.BytesIO(kept)).pages) == 1
    assert len(kept) < 10_000  # written anew: the padding after the end is gone


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\nstartxref\n123\n%%EOF\n",
        pdf_bytes(pages=2)[:300],
    ],
    ids=["garbage", "garbage-with-eof-marker", "cut-off"],
)
def test_a_broken_pdf_is_refused(content):
    refused = refusal(content, "brief.pdf")

    assert refused.reason == RefusalReason.PDF_BROKEN
    assert refused.message.startswith("Deze pdf is beschadigd of niet te openen.")


def test_a_pdf_without_pages_is_refused():
    assert refusal(pdf_bytes(pages=0), "leeg.pdf").reason == RefusalReason.PDF_BROKEN


def test_a_pdf_with_a_password_is_refused():
    refused = refusal(pdf_bytes(user_password="geheim"), "loonstrook.pdf")

    assert refused.reason == RefusalReason.PDF_ENCRYPTED
    assert refused.message.startswith("Deze pdf is beveiligd met een wachtwoord.")


def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded():
    bomb = one_bit_png(20_000, 20_000)  # 400 megapixels
    assert len(bomb) < 1024 * 1024

    refused = refusal(bomb, "bom.png")

    assert refused.reason == RefusalReason.IMAGE_TOO_LARGE
    assert refused.message == "Deze foto is te groot om te openen. Stuur een kleinere foto."


def test_a_photo_over_40_megapixels_is_refused_even_below_pillows_own_limit():
    assert refusal(one_bit_png(8_000, 6_000), "groot.png").reason == RefusalReason.IMAGE_TOO_LARGE


def test_a_cut_off_photo_is_refused():
    photo = image_bytes(Image.effect_noise((400, 300), 64).convert("RGB"), "JPEG")

    refused = refusal(photo[: len(photo) // 2], "foto.jpg")

    assert refused.reason == RefusalReason.IMAGE_BROKEN
    assert refused.message.startswith("Deze foto is niet te openen.")


# --- What a photo turns into -----------------------------------------------------------------------


def test_a_photo_with_gps_comes_back_as_a_jpeg_without_any_metadata():
    exif = Image.Exif()
    exif[0x0110] = "Pixel 8"  # camera model
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 12.0, 6.0), 3: "E", 4: (5.0, 47.0, 30.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>53,12.1N</exif:GPSLatitude></x:xmpmeta>'
    photo = image_bytes(red_left_blue_right((64, 48)), "JPEG", exif=exif, xmp=xmp, comment=b"Kanaalweg 12", quality=95)
    with Image.open(io.BytesIO(photo)) as original:
        assert original.getexif().get_ifd(GPS_IFD)[2] == (53.0, 12.0, 6.0)
    assert b"GPSLatitude" in photo and b"Kanaalweg" in photo

    cleaned = clean(photo, "IMG_20250102.jpg")

    assert cleaned.content_type == "image/jpeg"
    assert cleaned.kind == "image"
    assert b"Exif" not in cleaned.content
    assert b"GPSLatitude" not in cleaned.content
    assert b"Kanaalweg" not in cleaned.content
    assert b"Pixel 8" not in cleaned.content
    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert result.format == "JPEG"
        assert dict(result.getexif()) == {}
        assert "xmp" not in result.info and "comment" not in result.info
        assert result.size == (64, 48)


def test_a_photo_taken_with_the_phone_turned_comes_out_upright():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: show it turned 90 degrees clockwise
    photo = image_bytes(red_left_blue_right((40, 20)), "JPEG", exif=exif, quality=95)

    cleaned = clean(photo, "foto.jpg")

    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert result.size == (20, 40)
        assert ORIENTATION not in result.getexif()
        top, bottom = result.getpixel((10, 5)), result.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # red, the stored left side, is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_a_png_with_transparency_stays_a_png_and_keeps_it():
    image = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (10, 10, 20, 20))

    cleaned = clean(image_bytes(image, "PNG"), "sticker.png")

    assert (cleaned.content_type, cleaned.extension, cleaned.name) == ("image/png", "png", "sticker.png")
    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert result.format == "PNG"
        assert result.convert("RGBA").getpixel((0, 0))[3] == 0
        assert result.convert("RGBA").getpixel((15, 15)) == (0, 128, 0, 255)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"], ids=["no-alpha", "opaque-alpha"])
def test_a_png_without_transparency_becomes_a_jpeg_named_jpg(mode):
    cleaned = clean(image_bytes(red_left_blue_right().convert(mode), "PNG"), "foto.png")

    assert (cleaned.content_type, cleaned.name) == ("image/jpeg", "foto.jpg")
    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert result.format == "JPEG"


def test_a_png_text_chunk_does_not_survive():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "Kanaalweg 12")
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))

    cleaned = clean(image_bytes(image, "PNG", pnginfo=info), "a.png")

    assert b"Kanaalweg" not in cleaned.content


def test_a_webp_photo_becomes_a_jpeg():
    cleaned = clean(image_bytes(red_left_blue_right(), "WEBP", quality=95), "foto.webp")

    assert (cleaned.content_type, cleaned.name) == ("image/jpeg", "foto.jpg")
    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert (result.format, result.size) == ("JPEG", (40, 20))


def test_a_webp_with_transparency_becomes_a_png():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))

    cleaned = clean(image_bytes(image, "WEBP", lossless=True), "sticker.webp")

    assert (cleaned.content_type, cleaned.name) == ("image/png", "sticker.png")


def test_a_very_large_photo_is_scaled_down_to_2560_pixels_on_its_long_side():
    cleaned = clean(image_bytes(Image.new("RGB", (6000, 3000), RED), "JPEG"), "panorama.jpg")

    with Image.open(io.BytesIO(cleaned.content)) as result:
        assert result.size == (2560, 1280)


def test_a_django_upload_is_read_from_its_start():
    photo = image_bytes(red_left_blue_right(), "JPEG")
    upload = SimpleUploadedFile("foto.jpg", photo, content_type="text/html")
    upload.read()  # as a form's validation may have done

    cleaned = clean_upload(upload, name=upload.name)

    assert cleaned.content_type == "image/jpeg"


# --- The name shown ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("..\\..\\Windows\\win.ini", "win.jpg"),
        ("vakantie.PNG", "vakantie.jpg"),
        ("foto\u202egpj.exe", "fotogpj.jpg"),
        ("re\x00k\nening.jpg", "rekening.jpg"),
        ("", "bijlage.jpg"),
        ("...", "bijlage.jpg"),
        ('huur <mei>: "def".jpg', "huur mei def.jpg"),
    ],
)
def test_the_name_shown_for_a_photo_is_safe_and_ends_in_jpg(name, shown):
    assert clean(image_bytes(red_left_blue_right(), "JPEG"), name).name == shown


def test_a_pdf_named_without_extension_gets_pdf():
    cleaned = clean(pdf_bytes(), "cv")

    assert cleaned.name == "cv.pdf"


def test_a_valid_pdf_keeps_its_pages():
    pdf = pdf_bytes(pages=3)

    cleaned = clean(pdf, "verslag 2.0")

    assert (cleaned.content_type, cleaned.kind) == ("application/pdf", "pdf")
    pages = PdfReader(io.BytesIO(cleaned.content)).pages
    assert [(page.mediabox.width, page.mediabox.height) for page in pages] == [(595, 842)] * 3
    assert cleaned.name == "verslag 2.0.pdf"


def test_a_long_name_is_cut_to_100_characters_and_keeps_its_extension():
    name = clean(pdf_bytes(), "a" * 300 + ".pdf").name

    assert len(name) == 100
    assert name.endswith("a.pdf")


# --- Storage -----------------------------------------------------------------------------------------


def test_a_stored_file_gets_a_random_name_in_the_private_folder_and_reads_back_the_same(private_media):
    cleaned = clean(pdf_bytes(), "cv_jan_de_vries.pdf")

    path = store(cleaned)

    on_disk = private_media / path
    assert on_disk.is_file()
    assert on_disk.resolve().is_relative_to(private_media.resolve())
    assert "jan" not in path and "cv" not in path
    assert path.endswith(".pdf")
    with open_stored(path) as stored:
        assert stored.read() == cleaned.content


def test_two_stored_copies_of_one_file_get_different_names():
    cleaned = clean(pdf_bytes(), "cv.pdf")

    assert store(cleaned) != store(cleaned)


def test_a_private_file_has_no_url():
    path = store(clean(pdf_bytes(), "cv.pdf"))

    with pytest.raises(ValueError, match="Private files have no URL"):
        private_storage().url(path)


# PDFs with active content: written anew from their pages, without it (ADR 0010).


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = TextStringObject(value)
    return action


def _link(writer: PdfWriter, action: DictionaryObject):
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
            NameObject("/A"): action,
        }
    )
    return writer._add_object(link)


def hostile_pdf() -> bytes:
    """A page with a script on opening, a script in the name tree, an embedded program, a page
    action, a link that launches a program, a harmless web link, and HTML and a ZIP after the end."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('naamboom');"))
    writer._root_object[NameObject("/OpenAction")] = _action("/JavaScript", JS="app.alert('bij openen');")
    writer.add_attachment("factuur.exe", b"MZ\x90\x00 verborgen-programma")
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _action("/JavaScript", JS="app.alert(1);")})
    page[NameObject("/Annots")] = ArrayObject(
        [
            _link(writer, _action("/Launch", F="cmd.exe")),
            _link(writer, _action("/URI", URI="https://www.werk.nl/")),
        ]
    )
    output = io.BytesIO()
    writer.write(output)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("setup.exe", b"MZ\x90\x00 nog-een-programma")
    return output.getvalue() + b"<html><script>alert(document.cookie)</script></html>" + archive.getvalue()


ACTIVE_CONTENT = [
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/EmbeddedFile",
    b"/Launch",
    b"/AA",
    b"verborgen-programma",
    b"<script>",
    b"PK\x03\x04",
    b"nog-een-programma",
]


def test_a_pdf_with_scripts_embedded_files_and_appended_bytes_is_kept_without_them():
    hostile = hostile_pdf()
    assert all(marker in hostile for marker in ACTIVE_CONTENT)  # the test file really has them

    cleaned = clean(hostile, "brief.pdf")

    assert [marker for marker in ACTIVE_CONTENT if marker in cleaned.content] == []
    reader = PdfReader(io.BytesIO(cleaned.content))
    assert len(reader.pages) == 1 and reader.attachments == {}
    assert cleaned.content.rstrip().endswith(b"%%EOF")


def test_a_web_link_in_a_pdf_still_works_after_cleaning():
    cleaned = clean(hostile_pdf(), "brief.pdf")

    annotations = [a.get_object() for a in PdfReader(io.BytesIO(cleaned.content)).pages[0]["/Annots"]]
    actions = [a["/A"] for a in annotations if "/A" in a]
    assert actions == [{"/S": "/URI", "/URI": "https://www.werk.nl/"}]
