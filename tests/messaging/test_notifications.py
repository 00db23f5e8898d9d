"""Notification mails to youths: one per burst, content-free, and only when the youth wants them."""

# ruff: noqa: F811 - the fixtures of tests/portal/conftest.py are imported here and used as parameters

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from koers.contacts.services import appointment_create
from koers.messaging.services import message_send, notifications_flush
from koers.notifications.models import NotificationKind, PendingNotification
from koers.outbox.models import OutgoingMail
from koers.outbox.services import mail_send_due
from tests.portal.conftest import (  # noqa: F401 - fixtures
    invitation,
    plan_for,
    youth_client,
)

PORTAL_LINK = "http://127.0.0.1:8000/mijn/"

# The worker's round comes minutes later (deliver), and reminders are for tomorrow: at noon both
# have the same today, also when the suite runs just before midnight.
pytestmark = pytest.mark.usefixtures("midday")


def staff_message(youth, consultant, body: str = "Hoi Sanne, lukt het met de brief van DUO?"):
    return message_send(youth=youth, from_youth=False, author=consultant, body=body)


def deliver(*, minutes_later: float = 6) -> list:
    """What the worker does a while later: turn waiting notifications into mails and send them
    (the mails queued before, such as the invitation, are sent first and left out)."""
    mail_send_due()
    mail.outbox.clear()
    notifications_flush(now=timezone.now() + dt.timedelta(minutes=minutes_later))
    mail_send_due()
    return list(mail.outbox)


def notifications_to(youth) -> list:
    return [m for m in deliver() if m.to == [youth.email]]


def test_a_message_from_the_consultant_asks_for_one_notification(invited, consultant):
    staff_message(invited, consultant)

    pending = PendingNotification.objects.get()
    assert pending.youth_id == invited.pk and pending.kind == NotificationKind.NEW_MESSAGE


def test_a_message_from_the_youth_asks_for_no_notification(invited):
    message_send(youth=invited, from_youth=True, body="Dank je!")

    assert not PendingNotification.objects.exists()


def test_three_messages_in_a_row_give_exactly_one_mail(invited, consultant):
    for n in range(3):
        staff_message(invited, consultant, f"Bericht {n}")

    sent = notifications_to(invited)

    assert len(sent) == 1
    assert sent[0].subject == "Je hebt een nieuw bericht in Koers"
    assert notifications_to(invited) == []  # the next round sends nothing again


def test_no_mail_before_the_batch_delay_has_passed(invited, consultant):
    staff_message(invited, consultant)
    mail_send_due()

    mail.outbox.clear()
    notifications_flush(now=timezone.now() + dt.timedelta(minutes=2))
    mail_send_due()

    assert mail.outbox == []
    assert len(notifications_to(invited)) == 1


def test_a_notification_mail_tells_nothing_but_that_there_is_news(invited, consultant):
    consultant.first_name, consultant.last_name = "Marieke", "Hoekstra"  # a name that is no common word
    consultant.save(update_fields=["first_name", "last_name"])
    plan_for(invited, actor=consultant, main_goal="Een baan als kok", own_step="Cv sturen", consultant_step="Bellen")
    staff_message(invited, consultant, "Je uitkering van maart is stopgezet")

    # Two mails: the plan was made (plan_save tells the youth, whoever calls it) and the message.
    mails = notifications_to(invited)
    assert sorted(m.subject for m in mails) == ["Je hebt een nieuw bericht in Koers", "Je plan in Koers is aangepast"]

    text = "\n".join(m.subject + "\n" + m.body for m in mails)
    for secret in (
        "uitkering",
        "stopgezet",
        "Marieke",
        "Hoekstra",
        invited.first_name,
        invited.last_name,
        "Een baan als kok",
        "Cv sturen",
    ):
        assert secret not in text, secret
    assert all(PORTAL_LINK in m.body for m in mails)


def test_a_youth_who_read_the_messages_before_the_mail_goes_gets_none(invited, consultant, youth_client):
    staff_message(invited, consultant)

    youth_client.get("/mijn/berichten/")

    assert notifications_to(invited) == []
    assert PendingNotification.objects.get().skipped


def test_a_youth_who_switched_new_messages_off_gets_no_mail(invited, consultant, youth_client):
    kept = [kind for kind in NotificationKind.values if kind != NotificationKind.NEW_MESSAGE]
    response = youth_client.post("/mijn/instellingen/", {"kinds": kept}, follow=True)
    assert "Je keuzes zijn bewaard." in response.content.decode()
    assert 'value="new_message" id="kind-new_message">' in response.content.decode()  # unticked

    staff_message(invited, consultant)

    assert notifications_to(invited) == []


def test_switching_off_after_the_message_still_stops_the_mail(invited, consultant, youth_client):
    staff_message(invited, consultant)

    youth_client.post("/mijn/instellingen/", {"kinds": []})

    assert notifications_to(invited) == []


def test_a_youth_without_an_email_address_asks_for_no_notification(invited, consultant):
    invited.email = ""
    invited.save(update_fields=["email"])

    staff_message(invited, consultant)

    assert not PendingNotification.objects.exists()


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def test_with_the_reminder_on_a_planned_appointment_tomorrow_gives_one_reminder(
    invited, trajectory, consultant, youth_client
):
    youth_client.post("/mijn/instellingen/", {"kinds": [NotificationKind.APPOINTMENT_REMINDER]})
    appointment_create(actor=consultant, trajectory=trajectory, date=tomorrow(), time=dt.time(10, 30))

    sent = notifications_to(invited)

    assert [m.subject for m in sent] == ["Herinnering: morgen heb je een gesprek"]
    assert "10:30" not in sent[0].body and PORTAL_LINK in sent[0].body
    assert notifications_to(invited) == []  # the next round adds none
    assert OutgoingMail.objects.filter(kind="appointment_reminder").count() == 1


def test_the_reminder_is_off_unless_the_youth_chose_it(invited, trajectory, consultant):
    appointment_create(actor=consultant, trajectory=trajectory, date=tomorrow(), time=dt.time(10, 30))

    assert notifications_to(invited) == []


def test_no_reminder_for_an_appointment_later_than_tomorrow(invited, trajectory, consultant, youth_client):
    youth_client.post("/mijn/instellingen/", {"kinds": [NotificationKind.APPOINTMENT_REMINDER]})
    appointment_create(actor=consultant, trajectory=trajectory, date=tomorrow() + dt.timedelta(days=1))

    assert notifications_to(invited) == []


def test_a_youth_never_invited_to_the_portal_gets_no_message_and_no_mail(youth, trajectory, consultant):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="heeft nog geen toegang tot het portaal"):
        staff_message(youth, consultant)

    assert not PendingNotification.objects.exists()
    assert notifications_to(youth) == []


def test_after_the_portal_access_ended_no_more_mails_come(invited, consultant):
    from koers.portal.services import portal_access_end

    staff_message(invited, consultant)
    portal_access_end(actor=consultant, youth=invited)

    assert notifications_to(invited) == []


def test_no_reminder_once_the_portal_access_ended(invited, trajectory, consultant, youth_client):
    from koers.portal.services import portal_access_end

    youth_client.post("/mijn/instellingen/", {"kinds": [NotificationKind.APPOINTMENT_REMINDER]})
    appointment_create(actor=consultant, trajectory=trajectory, date=tomorrow())
    portal_access_end(actor=consultant, youth=invited)

    assert notifications_to(invited) == []
