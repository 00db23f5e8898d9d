"""The messages section of the youth file: inviting the youth to the portal, replying (with
files), read receipts, the attachment download and the polled conversation."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from koers.messaging.models import Attachment, Message
from koers.messaging.services import conversation_read, message_send, notifications_flush
from koers.messaging.uploads import clean_upload
from koers.notifications.models import PortalAccess
from koers.outbox.models import OutgoingMail
from koers.outbox.services import mail_send_due
from koers.portal.services import portal_invite
from koers.trajectories.services import youth_create
from tests.conftest import ALLOWED, YOUTH_ACCESS, born_years_ago, jpeg_bytes

ACCESS = YOUTH_ACCESS
NO_EMAIL = "Vul eerst het e-mailadres van de jongere in. De uitnodiging gaat per e-mail."
WRONG_TYPE = "Dit soort bestand kan niet mee. Stuur een foto (jpg of png) of een pdf."
NEW_MESSAGE_SUBJECT = "Je hebt een nieuw bericht in Koers"
REPLY_FORM = 'name="reply-body"'


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


def photo_message(youth, *, body="Mijn rooster"):
    photo = clean_upload(io.BytesIO(jpeg_bytes((40, 30))), name="rooster.jpg")
    return message_send(youth=youth, from_youth=True, body=body, files=[photo])


def file_page(client, youth, **params):
    return client.get(reverse("youth_file", args=[youth.pk]), params)


def conversation_page(client, youth):
    """The messages section as opening it loads it (htmx: "Toon berichten")."""
    return client.get(reverse("youth_section", args=[youth.pk, "messages"]))


def sent_mails() -> list:
    mail.outbox.clear()
    mail_send_due()
    return list(mail.outbox)


@pytest.fixture
def youth_without_email(consultant):
    return youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Mo",
        last_name="Zonder Mail",
        birth_date=born_years_ago(22, month=2, day=2),
    )


# Inviting to the portal


def test_an_invitation_without_an_e_mail_address_is_refused(youth_without_email, consultant, as_user):
    response = as_user(consultant).post(reverse("portal_invite", args=[youth_without_email.pk]), follow=True)

    assert NO_EMAIL in response.content.decode()
    assert not PortalAccess.objects.exists() and not OutgoingMail.objects.exists()


def test_an_invitation_mails_a_six_digit_code_and_a_sign_in_link(youth, trajectory, consultant, as_user):
    response = as_user(consultant).post(reverse("portal_invite", args=[youth.pk]), follow=True)

    assert "Uitnodiging verstuurd." in response.content.decode()
    (message,) = sent_mails()
    assert message.to == ["sanne@example.org"]
    assert re.search(r"Je code is: \d{6}\b", message.body)
    assert "/mijn/inloggen/link/" in message.body
    assert PortalAccess.objects.get(youth=youth).active


def test_a_double_click_on_invite_sends_one_mail(youth, trajectory, consultant, as_user):
    client = as_user(consultant)
    client.post(reverse("portal_invite", args=[youth.pk]))
    client.post(reverse("portal_invite", args=[youth.pk]))

    assert len(sent_mails()) == 1


def test_the_reply_form_shows_only_when_the_youth_has_portal_access(youth, trajectory, consultant, as_user):
    client = as_user(consultant)
    page = conversation_page(client, youth).content.decode()
    assert REPLY_FORM not in page
    assert "Uitnodigen voor het portaal" in page

    portal_invite(actor=consultant, youth=youth)

    page = conversation_page(client, youth).content.decode()
    assert REPLY_FORM in page
    assert "Nieuwe inloglink sturen" in page


# Replying


def test_a_reply_is_saved_and_the_youth_gets_one_mail_without_its_content_after_five_minutes(
    invited, consultant, as_user
):
    client = as_user(consultant)
    sent_mails()  # the invitation
    for key in ("een", "twee"):
        response = client.post(
            reverse("message_reply", args=[invited.pk]),
            {"reply-body": f"Goed gedaan met je cv ({key})", "reply-client_key": key},
            follow=True,
        )
        assert "Bericht verstuurd." in response.content.decode()

    replies = Message.objects.filter(youth=invited, from_youth=False)
    assert replies.count() == 2 and {m.author for m in replies} == {consultant}
    assert notifications_flush() == 0  # not yet: a burst waits five minutes and gives one mail
    assert notifications_flush(now=timezone.now() + dt.timedelta(minutes=6)) == 1

    (notice,) = sent_mails()
    assert notice.subject == NEW_MESSAGE_SUBJECT and notice.to == [invited.email]
    assert "cv" not in notice.body and "Sanne" not in notice.body


def test_a_reply_sent_twice_with_the_same_key_is_one_message(invited, consultant, as_user):
    client = as_user(consultant)
    data = {"reply-body": "Tot dinsdag", "reply-client_key": "dubbel"}
    client.post(reverse("message_reply", args=[invited.pk]), data)
    client.post(reverse("message_reply", args=[invited.pk]), data)
    assert Message.objects.filter(youth=invited).count() == 1


def test_a_reply_with_a_photo_keeps_the_photo_in_the_conversation(invited, consultant, as_user, private_media):
    upload = SimpleUploadedFile("werkplek.jpg", jpeg_bytes((40, 30)), content_type="image/jpeg")
    response = as_user(consultant).post(
        reverse("message_reply", args=[invited.pk]),
        {"reply-body": "Hier is de werkplek", "reply-client_key": "foto", "reply-files": [upload]},
        follow=True,
    )

    attachment = Attachment.objects.get()
    assert attachment.message.from_youth is False
    assert "Foto: werkplek.jpg" in response.content.decode()
    assert len(stored_files(private_media)) == 1


def test_a_reply_with_a_renamed_program_is_refused_and_nothing_is_saved(invited, consultant, as_user, private_media):
    program = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200)
    response = as_user(consultant).post(
        reverse("message_reply", args=[invited.pk]),
        {"reply-body": "Kijk eens", "reply-client_key": "exe", "reply-files": [program]},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert WRONG_TYPE in page
    assert "Kijk eens" in page  # what was typed is kept
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert stored_files(private_media) == []


# Read receipts


def test_opening_the_file_without_its_conversation_marks_nothing_read(youth, trajectory, consultant, as_user):
    message_send(youth=youth, from_youth=True, body="Ik heb een baan!")

    page = file_page(as_user(consultant), youth).content.decode()

    assert "Ik heb een baan!" not in page and "Toon berichten" in page  # the conversation is folded
    message = Message.objects.get()
    assert message.read_at is None and message.read_by is None


@pytest.mark.parametrize("opened", ["in_place", "without_javascript"])
def test_the_youths_own_consultant_opening_the_conversation_marks_the_messages_read(
    youth, trajectory, consultant, as_user, opened
):
    message_send(youth=youth, from_youth=True, body="Ik heb een baan!")
    client = as_user(consultant)

    shown = conversation_page(client, youth) if opened == "in_place" else file_page(client, youth, open="messages")

    assert "Ik heb een baan!" in shown.content.decode()
    message = Message.objects.get()
    assert message.read_at is not None and message.read_by == consultant


@pytest.mark.parametrize("reader", ["team_lead", "colleague"])
def test_a_team_lead_or_colleague_looking_in_leaves_the_messages_unread(youth, trajectory, as_user, request, reader):
    message_send(youth=youth, from_youth=True, body="Ik heb een baan!")

    shown = conversation_page(as_user(request.getfixturevalue(reader)), youth)
    assert shown.status_code == 200 and "Ik heb een baan!" in shown.content.decode()

    message = Message.objects.get()
    assert message.read_at is None and message.read_by is None


def test_the_file_shows_whether_the_youth_read_a_reply(invited, consultant, as_user):
    message_send(youth=invited, from_youth=False, author=consultant, body="Hoe ging het gesprek?")
    client = as_user(consultant)
    assert "Nog niet gelezen door de jongere" in conversation_page(client, invited).content.decode()

    conversation_read(youth=invited, reader=None)

    page = conversation_page(client, invited).content.decode()
    assert "Gelezen door de jongere op" in page and "Nog niet gelezen door de jongere" not in page


# Attachments and polling


def test_the_staff_attachment_download_is_not_sniffed_and_is_a_download(youth, trajectory, consultant, as_user):
    attachment = photo_message(youth).attachments.get()
    client = as_user(consultant)

    response = client.get(reverse("youth_attachment", args=[youth.pk, attachment.pk]))

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "rooster.jpg" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"

    shown = client.get(reverse("youth_attachment", args=[youth.pk, attachment.pk]), {"bekijk": "1"})
    assert shown["Content-Disposition"].startswith("inline;")
    assert shown["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_of_another_youth_is_not_found_under_this_youth(youth, trajectory, consultant, as_user):
    other = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Bram",
        last_name="Bakker",
        birth_date=born_years_ago(23, month=3, day=2),
    )
    attachment = photo_message(other).attachments.get()
    client = as_user(consultant)

    assert client.get(reverse("youth_attachment", args=[youth.pk, attachment.pk])).status_code == 404
    assert client.get(reverse("youth_attachment", args=[other.pk, attachment.pk])).status_code == 200


def test_the_poll_returns_the_conversation_only(youth, trajectory, consultant, as_user):
    message_send(youth=youth, from_youth=True, body="Ik ben er om 10 uur")

    response = as_user(consultant).get(reverse("youth_messages_poll", args=[youth.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ik ben er om 10 uur" in page
    assert "koers-conversation" in page
    assert "<html" not in page and "Te doen" not in page  # a fragment, not the file
    # A tab left open must not mark anything read: only opening the conversation does.
    assert Message.objects.get().read_at is None


def test_the_poll_without_messages_says_so(youth, trajectory, consultant, as_user):
    response = as_user(consultant).get(reverse("youth_messages_poll", args=[youth.pk]))
    assert "Nog geen berichten." in response.content.decode()


# Who may do what


@pytest.fixture
def conversation(invited, consultant):
    return photo_message(invited).attachments.get()


def _requests(youth, attachment):
    return {
        "message_reply": (
            "post",
            reverse("message_reply", args=[youth.pk]),
            {"reply-body": "Hallo", "reply-client_key": "rechten"},
        ),
        "youth_messages_poll": ("get", reverse("youth_messages_poll", args=[youth.pk]), {}),
        "portal_invite": ("post", reverse("portal_invite", args=[youth.pk]), {}),
        "youth_attachment": ("get", reverse("youth_attachment", args=[youth.pk, attachment.pk]), {}),
    }


ENDPOINTS = ["message_reply", "youth_messages_poll", "portal_invite", "youth_attachment"]


@pytest.mark.parametrize("persona", list(ACCESS))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_message_endpoints_per_persona(invited, conversation, personas, as_user, persona, endpoint):
    method, url, data = _requests(invited, conversation)[endpoint]
    messages_before, mails_before = Message.objects.count(), OutgoingMail.objects.count()

    response = getattr(as_user(personas[persona]), method)(url, data)

    if ACCESS[persona] == ALLOWED:
        assert response.status_code in (200, 302)
        if endpoint == "message_reply":
            assert Message.objects.get(client_key="form:rechten").author == personas[persona]
    else:
        assert response.status_code == ACCESS[persona]
        assert Message.objects.count() == messages_before
        assert OutgoingMail.objects.count() == mails_before
        assert Message.objects.filter(from_youth=True, read_at__isnull=False).count() == 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_message_endpoints_send_anonymous_to_login(invited, conversation, client, endpoint):
    method, url, data = _requests(invited, conversation)[endpoint]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
