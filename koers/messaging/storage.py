"""Where message attachments live: a folder outside the web root, under names that say nothing.

The name on disk is random, so a leaked path or directory listing tells nothing about the youth or
the file. The display name stays with the message (`CleanFile.name`), never on disk.
"""

import secrets

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from koers.messaging.uploads import CleanFile


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that only a view checking access may hand out, so they have no URL.

    Plain FileSystemStorage falls back to MEDIA_URL when base_url is None; that would point at a
    public place that must never serve these files.
    """

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage() -> FileSystemStorage:
    # Read at call time, so a test (or a management command) can point it elsewhere.
    return PrivateFileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def store(clean: CleanFile) -> str:
    """Save the checked file under a random name in a year/month folder; return the storage path."""
    name = f"{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}.{clean.extension}"
    return private_storage().save(name, ContentFile(clean.content))


def remove_stored(path: str) -> None:
    """Remove a stored file whose message was not saved after all."""
    private_storage().delete(path)


def open_stored(path: str) -> File:
    """Open a stored attachment for reading. A path outside the private folder raises SuspiciousFileOperation."""
    return private_storage().open(path, "rb")


def attachment_response(attachment, *, inline: bool) -> FileResponse:
    """A stored file, never sniffed as something else, never cached by a shared machine."""
    response = FileResponse(
        open_stored(attachment.path),
        content_type=attachment.content_type,
        as_attachment=not (inline and attachment.kind == "image"),  # a PDF is always a download
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


def download_response(content: bytes, *, filename: str, content_type: str = "application/pdf") -> HttpResponse:
    """A file Koers made (a letter, a plan, the youth's data) as a download, never shown inline:
    a browser's PDF viewer runs scripts and opens links, and a download is what ADR 0010 promises.
    `filename` is a fixed ASCII name without personal data."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
