"""Files in the private folder that no message refers to are removed once they are an hour old."""

import io
import logging
import os
import time

import pytest

from koers.messaging.cleanup import attachment_missing_count, attachment_orphans_purge
from koers.messaging.models import Attachment, Message
from koers.messaging.services import message_send
from koers.messaging.storage import store
from koers.messaging.uploads import clean_upload
from tests.conftest import jpeg_bytes


def photo():
    return clean_upload(io.BytesIO(jpeg_bytes()), name="foto_sanne.jpg")


def age(path, *, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def sent_with_photo(youth, consultant) -> Attachment:
    message = message_send(youth=youth, from_youth=False, author=consultant, body="Zie de foto.", files=[photo()])
    return message.attachments.get()


@pytest.mark.django_db
def test_an_old_orphaned_file_is_removed_and_a_referenced_one_stays(invited, consultant, private_media):
    attachment = sent_with_photo(invited, consultant)
    orphan = private_media / store(photo())
    age(private_media / attachment.path, seconds=2 * 3600)
    age(orphan, seconds=2 * 3600)

    assert attachment_orphans_purge() == 1

    assert not orphan.exists()
    assert (private_media / attachment.path).is_file()


@pytest.mark.django_db
def test_a_young_orphan_stays_because_its_message_may_be_saving_right_now(private_media):
    young = private_media / store(photo())
    age(young, seconds=3600 - 60)

    assert attachment_orphans_purge() == 0

    assert young.is_file()


@pytest.mark.django_db
def test_the_file_of_a_deleted_message_is_removed_on_the_next_run(invited, consultant, private_media):
    attachment = sent_with_photo(invited, consultant)
    on_disk = private_media / attachment.path
    age(on_disk, seconds=2 * 3600)
    Message.objects.filter(pk=attachment.message_id).delete()

    assert attachment_orphans_purge() == 1
    assert attachment_orphans_purge() == 0

    assert not on_disk.exists()


@pytest.mark.django_db
def test_a_file_koers_did_not_name_is_left_alone(private_media):
    private_media.mkdir(parents=True, exist_ok=True)
    foreign = private_media / "notities van beheer.txt"
    foreign.write_text("niet van Koers")
    age(foreign, seconds=30 * 24 * 3600)

    assert attachment_orphans_purge() == 0

    assert foreign.is_file()


@pytest.mark.django_db
def test_many_files_are_checked_in_chunks(private_media):
    orphans = [private_media / store(photo()) for _ in range(5)]
    for orphan in orphans:
        age(orphan, seconds=2 * 3600)

    assert attachment_orphans_purge(chunk_size=2) == 5

    assert not any(orphan.exists() for orphan in orphans)


@pytest.mark.django_db
def test_an_attachment_without_its_file_is_counted_and_logged_without_its_name(
    invited, consultant, private_media, caplog
):
    attachment = sent_with_photo(invited, consultant)
    sent_with_photo(invited, consultant)
    (private_media / attachment.path).unlink()

    with caplog.at_level(logging.WARNING, logger="koers.messaging.cleanup"):
        assert attachment_missing_count(chunk_size=1) == 1

    assert Attachment.objects.filter(pk=attachment.pk).exists()  # reported, not repaired
    logged = caplog.text
    assert "1 message attachments have no file" in logged
    assert attachment.path not in logged and attachment.name not in logged


@pytest.mark.django_db
def test_without_a_private_folder_there_is_nothing_to_clean(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "does-not-exist"

    assert attachment_orphans_purge() == 0
    assert attachment_missing_count() == 0
