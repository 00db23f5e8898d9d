"""The worker's job (`notifications_flush`): turn waiting notifications into content-free mails,
batched per youth and kind, skipped when the youth has seen it already or switched it off; and
queue the reminders the day before an appointment and the aftercare check-in invitations."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.contacts.models import Appointment, AppointmentStatus
from koers.lib.due_rules import CHECK_IN_KINDS
from koers.messaging.models import Message
from koers.notifications.models import NotificationKind, NotificationSetting, PendingNotification
from koers.notifications.selectors import notification_enabled
from koers.outbox.services import mail_queue
from koers.trajectories.models import Youth

# Wait this long after the first unsent notification before mailing: a burst gives one mail, and
# a youth who reads the message in the meantime gets none.
BATCH_DELAY = dt.timedelta(minutes=5)
NOTIFICATION_TEXT = {
    NotificationKind.NEW_MESSAGE: (
        "Je hebt een nieuw bericht in Koers",
        "Je hebt een nieuw bericht van je consulent. Log in om het te lezen:",
    ),
    NotificationKind.PLAN_CHANGED: (
        "Je plan in Koers is aangepast",
        "Er is iets veranderd in je plan. Log in om het te zien:",
    ),
    NotificationKind.APPOINTMENT_REMINDER: (
        "Herinnering: morgen heb je een gesprek",
        "Morgen heb je een gesprek met je consulent. Log in om te zien wanneer en waar:",
    ),
    NotificationKind.CHECK_IN: (
        "Hoe gaat het met je?",
        "Je consulent wil graag weten hoe het met je gaat. Log in om een paar korte vragen te beantwoorden:",
    ),
}


def notification_mail(kind: str) -> tuple[str, str]:
    """Subject and body of a notification: no content, no names, no plan details; a link only."""
    subject, line = NOTIFICATION_TEXT[kind]
    link = settings.KOERS_BASE_URL.rstrip("/") + reverse("portal_home")
    body = "\n\n".join(
        [
            _("Hallo,"),
            f"{_(line)}\n{link}",
            _("Wil je deze mails niet meer? Zet ze uit bij 'Over mij' in Koers."),
            _("Groet,\nKoers"),
        ]
    )
    return _(subject), body


def notifications_flush(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """The worker's job: turn waiting notifications into mails, and queue tomorrow's reminders."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        rows = list(
            PendingNotification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True, created_at__lte=now - BATCH_DELAY)
            .select_related("youth")[:limit]
        )
        for row in rows:
            row.sent_at = now
            youth = row.youth
            unread = Message.objects.filter(youth=youth, from_youth=False, read_at__isnull=True).exists()
            # "Log in to read it" is no use to a youth who cannot sign in (never invited, or ended).
            can_sign_in = Youth.objects.filter(pk=youth.pk, portal_access__active=True).exists()
            if (
                not can_sign_in
                or not notification_enabled(youth, row.kind)
                or (row.kind == NotificationKind.NEW_MESSAGE and not unread)
            ):
                row.skipped = True
            else:
                subject, body = notification_mail(row.kind)
                mail_queue(to=youth.email, subject=subject, body=body, kind=row.kind, dedupe_key=f"notify:{row.pk}")
                sent += 1
            row.save(update_fields=["sent_at", "skipped"])
    return sent + appointment_reminders_queue(now=now) + check_in_invitations_queue(now=now)


def appointment_reminders_queue(*, now: dt.datetime) -> int:
    """A reminder the day before each planned appointment, for youths who chose it; once each."""
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    wanted = NotificationSetting.objects.filter(kind=NotificationKind.APPOINTMENT_REMINDER, enabled=True)
    candidates = list(
        Appointment.objects.filter(
            date=tomorrow,
            status=AppointmentStatus.PLANNED,
            trajectory__youth_id__in=wanted.values("youth_id"),
            trajectory__youth__portal_access__active=True,
        )
        .exclude(trajectory__youth__email="")
        .order_by("pk")
        .values_list("pk", "trajectory__youth__email")
    )
    # Each round only the ones not queued yet: the worker runs every few seconds.
    queued = _queued_keys([f"reminder:{pk}" for pk, _email in candidates])
    todo = [(pk, email) for pk, email in candidates if f"reminder:{pk}" not in queued][:500]
    subject, body = notification_mail(NotificationKind.APPOINTMENT_REMINDER)
    with transaction.atomic():
        for pk, email in todo:
            mail_queue(
                to=email,
                subject=subject,
                body=body,
                kind=NotificationKind.APPOINTMENT_REMINDER,
                dedupe_key=f"reminder:{pk}",
            )
    return len(todo)


def _queued_keys(keys: list[str]) -> set[str]:
    from koers.outbox.models import OutgoingMail

    return set(OutgoingMail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))


def check_in_invitations_queue(*, now: dt.datetime) -> int:
    """A mail when an aftercare check-in (or the follow-up) is due, for youths with portal access
    who did not switch it off; once per item."""
    from koers.agenda.models import DueItem

    today = timezone.localtime(now).date()
    items = list(
        DueItem.objects.filter(
            kind__in=CHECK_IN_KINDS,
            due__lte=today,
            due__gte=today - dt.timedelta(days=7),
            youth__portal_access__active=True,
        )
        .exclude(youth__email="")
        .order_by("pk")
        .select_related("youth")
    )
    done = _queued_keys([f"check_in:{item.trajectory_id}:{item.ref}" for item in items])
    items = [item for item in items if f"check_in:{item.trajectory_id}:{item.ref}" not in done][:500]
    subject, body = notification_mail(NotificationKind.CHECK_IN)
    queued = 0
    with transaction.atomic():
        for item in items:
            if notification_enabled(item.youth, NotificationKind.CHECK_IN):
                mail_queue(
                    to=item.youth.email,
                    subject=subject,
                    body=body,
                    kind=NotificationKind.CHECK_IN,
                    dedupe_key=f"check_in:{item.trajectory_id}:{item.ref}",
                )
                queued += 1
    return queued
