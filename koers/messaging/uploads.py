"""Attachments for secure messages: photos and PDFs, mostly sent from a youth's phone.

The bytes decide what a file is, never its name or the browser's content type. A photo is decoded
and encoded again into new bytes, so only its pixels survive: no EXIF (a phone photo carries GPS and
the time it was taken), no XMP, no comments, nothing hidden behind the image data. A PDF is written
anew from its pages (pypdf): what it shows stays, but scripts, actions that run on opening,
embedded files, form fields and anything appended after its end do not come along.

Nothing here touches the database or the disk; `storage.store` saves the result.
"""

import contextlib
import io
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

import filetype
from django.utils.translation import gettext
from PIL import Image, ImageFile, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 40 MP image takes 160 MB as RGBA once decoded; phone cameras stay below 50 MP and share less.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 2560
JPEG_QUALITY = 85
MAX_NAME_LENGTH = 100

_READ_CHUNK_BYTES = 1024 * 1024
# APNG is a PNG with extra frames; Pillow's PNG decoder reads its first frame.
_PILLOW_FORMAT_BY_MIME = {"image/jpeg": "JPEG", "image/png": "PNG", "image/apng": "PNG", "image/webp": "WEBP"}
# filetype only knows the "heic" major brand; iPhones and Samsungs also write these.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
_NAME_CHARACTERS_REMOVED = set('/\\<>:"|?*')


class UploadKind(StrEnum):
    IMAGE = "image"
    PDF = "pdf"


class RefusalReason(StrEnum):
    EMPTY = "empty"
    TOO_BIG = "too_big"
    WRONG_TYPE = "wrong_type"
    HEIC = "heic"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_BROKEN = "image_broken"
    PDF_BROKEN = "pdf_broken"
    PDF_ENCRYPTED = "pdf_encrypted"


class UploadRefused(Exception):
    """The file cannot be accepted. `message` is Dutch (B1) for the person who sent it; `reason` is for code."""

    def __init__(self, reason: RefusalReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str  # "image/jpeg", "image/png" or "application/pdf"
    extension: str  # without the dot: "jpg", "png" or "pdf"
    kind: UploadKind  # a str: "image" or "pdf"
    name: str  # safe to show and to offer as download name; ends in .extension


def clean_upload(file: IO[bytes], *, name: str) -> CleanFile:
    """Check an uploaded file and return what may be stored, or raise UploadRefused.

    `file` is a Django UploadedFile or any binary file-like; it is read from the start if it can seek,
    and never further than one byte past MAX_UPLOAD_BYTES. `name` is only used for the display name.
    """
    data = _read_at_most(file, MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            RefusalReason.TOO_BIG, gettext("Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf.")
        )
    if not data:
        raise UploadRefused(RefusalReason.EMPTY, gettext("Dit bestand is leeg. Kies het bestand opnieuw."))

    guess = filetype.guess(data)
    mime = guess.mime if guess else None
    if mime == "application/pdf":
        content = _rewrite_pdf(data)
        return CleanFile(content, "application/pdf", "pdf", UploadKind.PDF, safe_display_name(name, "pdf"))
    if mime in _PILLOW_FORMAT_BY_MIME:
        content, has_transparency = _redraw_image(data, _PILLOW_FORMAT_BY_MIME[mime])
        content_type, extension = ("image/png", "png") if has_transparency else ("image/jpeg", "jpg")
        return CleanFile(content, content_type, extension, UploadKind.IMAGE, safe_display_name(name, extension))
    if mime in ("image/heic", "image/heif") or (mime is None and _is_heif(data)):
        raise UploadRefused(
            RefusalReason.HEIC,
            gettext(
                "Deze foto is een HEIC-bestand. Dat kan niet mee. Stuur de foto als jpg of png. "
                "Op de telefoon kan dat meestal bij Delen."
            ),
        )
    raise UploadRefused(
        RefusalReason.WRONG_TYPE, gettext("Dit soort bestand kan niet mee. Stuur een foto (jpg of png) of een pdf.")
    )


def safe_display_name(name: str, extension: str) -> str:
    """The last part of `name`, without control characters or separators, at most 100 characters,
    ending in `.extension` (the real type's, whatever the name said)."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Category C includes format characters such as U+202E, which can make "gpj.exe" read as "exe.jpg".
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" and ch not in _NAME_CHARACTERS_REMOVED)
    base = " ".join(base.split())
    stem, dot, suffix = base.rpartition(".")
    if dot and _looks_like_extension(suffix):
        base = stem
    base = base.strip(" .")[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .")
    return f"{base or gettext('bijlage')}.{extension}"


def _looks_like_extension(suffix: str) -> bool:
    # "verslag 2.0" keeps its "0"; "scan.jpeg" loses its ".jpeg".
    return 1 <= len(suffix) <= 5 and suffix.isascii() and suffix.isalnum() and not suffix.isdigit()


def _read_at_most(file: IO[bytes], limit: int) -> bytes:
    seekable = getattr(file, "seekable", None)
    if seekable is not None and seekable():
        file.seek(0)
    chunks = []
    remaining = limit
    while remaining > 0:
        chunk = file.read(min(remaining, _READ_CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


_STRICT_DECODING = threading.Lock()


@contextlib.contextmanager
def _cut_off_images_refused():
    """WeasyPrint (koers.lib.pdf) sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when it is
    imported, which would let a cut-off photo through as a half-grey picture. While an upload is
    decoded the flag is off; at worst a PDF rendered at that moment leaves a broken image out."""
    with _STRICT_DECODING:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _redraw_image(data: bytes, pillow_format: str) -> tuple[bytes, bool]:
    """New JPEG bytes (or PNG when some pixels are transparent), upright and without any metadata."""
    too_large = UploadRefused(
        RefusalReason.IMAGE_TOO_LARGE, gettext("Deze foto is te groot om te openen. Stuur een kleinere foto.")
    )
    try:
        # Pillow warns from 89 MP and refuses from 179 MP; the warning must refuse too. Our own,
        # lower limit is checked on the header, before any pixel is decoded.
        with warnings.catch_warnings(), _cut_off_images_refused():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # `formats` keeps Pillow to the decoder of the type we detected, whatever else the bytes resemble.
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                if image.format == "JPEG":
                    # Decode at 1/2, 1/4 or 1/8 scale when the photo is far above what we keep, so a
                    # 50 MP phone photo never takes its full size in memory.
                    image.draft(image.mode, (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise too_large
                image.load()
                upright = ImageOps.exif_transpose(image)
                pixels, has_transparency = _pixels_only(upright)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_large from error
    # Decoders raise many kinds of errors on hostile input (OSError, SyntaxError, struct.error, ...).
    except Exception as error:
        raise UploadRefused(
            RefusalReason.IMAGE_BROKEN,
            gettext("Deze foto is niet te openen. Maak de foto opnieuw of stuur een andere."),
        ) from error

    output = io.BytesIO()
    if has_transparency:
        pixels.save(output, format="PNG")
    else:
        pixels.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue(), has_transparency


def _pixels_only(image: Image.Image) -> tuple[Image.Image, bool]:
    """A fresh image with the same pixels and an empty `info`, since Pillow's savers copy a comment or
    ICC profile from `info` by themselves. Dropping ICC may shift colours slightly; it holds no location."""
    has_transparency = False
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        converted = image.convert("RGBA")
        has_transparency = converted.getchannel("A").getextrema()[0] < 255
        if not has_transparency:
            converted = converted.convert("RGB")
    elif image.mode in ("L", "RGB"):
        converted = image.copy()
    elif image.mode == "1":
        converted = image.convert("L")
    else:
        converted = image.convert("RGB")
    converted.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes(converted.mode, converted.size, converted.tobytes()), has_transparency


# Annotations that play, run or carry something (media, 3D, attached files, form fields); the rest
# (links, highlights, notes) only show.
_ACTIVE_ANNOTATIONS = ("/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D", "/Widget")
# The only actions a link keeps: go to a page in this file, or open a web address.
_HARMLESS_ACTIONS = ("/GoTo", "/URI")


def _rewrite_pdf(data: bytes) -> bytes:
    """The PDF's pages in a new file, without active content; raises UploadRefused when it cannot
    be opened. A new file has a new catalogue (no OpenAction, JavaScript, embedded files, AcroForm
    or XFA), and pypdf writes only objects it reached from the pages (no trailing bytes)."""
    broken = UploadRefused(
        RefusalReason.PDF_BROKEN,
        gettext("Deze pdf is beschadigd of niet te openen. Sla de pdf opnieuw op, of stuur een foto van de pagina's."),
    )
    try:
        # Not strict: phones and scanner apps often write a slightly wrong xref offset that every viewer
        # forgives. Garbage still fails, because it has no trailer or root to recover.
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(
                RefusalReason.PDF_ENCRYPTED,
                gettext(
                    "Deze pdf is beveiligd met een wachtwoord. "
                    "Stuur de pdf zonder beveiliging, of stuur een foto van de pagina's."
                ),
            )
        if len(reader.pages) == 0:
            raise broken
        writer = PdfWriter()
        for page in reader.pages:
            _ = page.mediabox
            writer.add_page(page)
        writer.remove_annotations(subtypes=_ACTIVE_ANNOTATIONS)
        for page in writer.pages:
            _quiet_page(page)
        output = io.BytesIO()
        writer.write(output)
        content = output.getvalue()
        PdfReader(io.BytesIO(content), strict=False).pages[0].mediabox  # noqa: B018 - the new file opens
    except UploadRefused:
        raise
    # pypdf raises many kinds of errors on hostile input (PdfReadError, KeyError, RecursionError, ...).
    except Exception as error:
        raise broken from error
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            RefusalReason.TOO_BIG, gettext("Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf.")
        )
    return content


def _quiet_page(page) -> None:
    """No actions when the page opens or closes; links keep only a jump or a web address."""
    page.pop(NameObject("/AA"), None)
    for reference in page.get("/Annots", None) or []:
        annotation = reference.get_object()
        annotation.pop(NameObject("/AA"), None)
        action = annotation.get("/A")
        if action is None:
            continue
        action = action.get_object()
        kind = action.get("/S")
        if kind not in _HARMLESS_ACTIONS:
            del annotation[NameObject("/A")]
            continue
        kept = DictionaryObject({NameObject("/S"): kind})
        target = "/D" if kind == "/GoTo" else "/URI"
        if target in action:
            kept[NameObject(target)] = action[target]
        annotation[NameObject("/A")] = kept
