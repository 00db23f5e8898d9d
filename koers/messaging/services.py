"""Writes of the secure conversation: sending, read receipts, and content-free notification
mails, batched per youth and kind and switchable by the youth."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.contacts.models import Appointment, AppointmentStatus
from koers.db.inserts import insert_if_absent
from koers.lib.due_rules import CHECK_IN_KINDS, DueKind
from koers.messaging.models import Attachment, Message, MessageKind
from koers.messaging.storage import remove_stored, store
from koers.messaging.uploads import CleanFile
from koers.notifications.models import NotificationKind, NotificationSetting, PendingNotification
from koers.notifications.selectors import has_portal_access, notification_enabled
from koers.notifications.services import notification_request
from koers.outbox.services import mail_queue
from koers.trajectories.models import Youth

MAX_BODY = 5000
MAX_FILES = 3
# Wait this long after the first unsent notification before mailing: a burst gives one mail, and
# a youth who reads the message in the meantime gets none.
BATCH_DELAY = dt.timedelta(minutes=5)


def _check_message(body: str, files: Sequence[CleanFile]) -> str:
    body = body.strip()
    if not body and not files:
        raise ValidationError({"body": _("Schrijf een bericht of kies een bestand.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("Je bericht is te lang: hoogstens %(max)s tekens.") % {"max": MAX_BODY}})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Stuur hoogstens %(max)s bestanden per bericht.") % {"max": MAX_FILES}})
    return body


def message_send(
    *,
    youth: Youth,
    from_youth: bool,
    body: str,
    author: User | None = None,
    files: Sequence[CleanFile] = (),
    kind: str = MessageKind.TEXT,
    client_key: str = "",
) -> Message:
    """Add a message to the youth's conversation. The same `client_key` twice gives one message.

    A staff message is read in the portal, so it needs the youth's portal access; a letter is the
    exception (it goes by mail, and is kept in the conversation for later)."""
    body = _check_message(body, files)
    if not from_youth and author is None:
        raise ValueError("a staff message needs its author")
    if not from_youth and kind != MessageKind.LETTER and not has_portal_access(youth):
        raise ValidationError(
            {"body": _("Deze jongere heeft nog geen toegang tot het portaal. Nodig de jongere eerst uit.")}
        )
    client_key = client_key[:100]
    if client_key:
        earlier = Message.objects.filter(youth=youth, client_key=client_key).first()
        if earlier is not None:
            return earlier
    with transaction.atomic():
        message = Message(
            organisation_id=youth.organisation_id,
            youth=youth,
            from_youth=from_youth,
            author=None if from_youth else author,
            kind=kind,
            body=body,
            client_key=client_key,
        )
        # The key is claimed before any file is written: a second request with the same key
        # waits here until the first has committed, then takes its message and writes nothing.
        if not insert_if_absent(message):
            return Message.objects.get(youth=youth, client_key=client_key)
        _attach(message, files)
        if not from_youth:
            notification_request(youth=youth, kind=NotificationKind.NEW_MESSAGE)
    return message


def _attach(message: Message, files: Sequence[CleanFile]) -> None:
    """Store the files and their rows; a failure removes the files it wrote (the rows roll back)."""
    paths: list[str] = []
    try:
        for file in files:
            paths.append(store(file))
        Attachment.objects.bulk_create(
            Attachment(
                organisation_id=message.organisation_id,
                message=message,
                path=path,
                name=file.name,
                content_type=file.content_type,
                kind=file.kind,
                size=len(file.content),
            )
            for file, path in zip(files, paths, strict=True)
        )
    except BaseException:
        for path in paths:
            remove_stored(path)
        raise


def conversation_read(*, youth: Youth, reader: User | None) -> int:
    """Someone opened the conversation (a page, never a poll: a tab left open must not tell the
    other side, or skip the youth's notification mail). Returns how many messages it marked read.

    The youth (`reader` None) reads the staff messages. Of the staff only the youth's own
    consultant reads the youth's messages (anyone who may open the file, when the youth has no
    consultant): a colleague or team lead looking in leaves them unread for the consultant."""
    if reader is None:
        unread = Message.objects.filter(youth=youth, from_youth=False, read_at__isnull=True)
        return unread.update(read_at=timezone.now(), read_by=None)
    if youth.consultant_id not in (None, reader.pk):
        return 0
    unread = Message.objects.filter(youth=youth, from_youth=True, read_at__isnull=True)
    return unread.update(read_at=timezone.now(), read_by=reader)


# Notification mails (the worker)


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
        "Herinnering: morgen heb je een afspraak",
        "Morgen heb je een afspraak met je consulent. Log in om te zien wanneer en waar:",
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
            mail_queue(to=email, subject=subject, body=body, kind="appointment_reminder", dedupe_key=f"reminder:{pk}")
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
                    kind="check_in",
                    dedupe_key=f"check_in:{item.trajectory_id}:{item.ref}",
                )
                queued += 1
    return queued


# Aftercare check-ins answered in the portal


class CheckInAnswered(Exception):
    """The form was for a check-in that is answered already (a double tap, a reload)."""


@transaction.atomic
def check_in_answer(*, youth: Youth, ref: str, answers: dict[str, str], mark: int | None) -> Message:
    """The youth answered the aftercare questions: a contact by message that settles the check-in
    (the agenda rules count any contact after the previous check-in), and the answers as a
    message for the consultant. The service finds the open check-in and its purpose itself; `ref`
    is the check-in the form was for, so an old form never answers the next one. The same
    check-in answered twice counts once."""
    from koers.agenda.selectors import open_check_in
    from koers.contacts.models import Channel, Participant, Purpose
    from koers.contacts.services import contact_record
    from koers.trajectories.models import Trajectory
    from koers.trajectories.selectors import current_trajectory

    # One answer at a time per youth: two taps at once settle one check-in, not two.
    trajectory = current_trajectory(youth)
    if trajectory is not None:
        Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    item = open_check_in(youth_id=youth.pk, today=timezone.localdate())
    if item is None or item.ref != ref:
        if (
            trajectory is not None
            and Message.objects.filter(youth=youth, client_key=_check_in_key(trajectory.pk, ref)).exists()
        ):
            raise CheckInAnswered()
        raise ValidationError(_("Deze vragen staan niet meer open. Er is niets verstuurd."))
    key = _check_in_key(item.trajectory_id, item.ref)
    if mark is not None and not 1 <= mark <= 10:
        raise ValidationError({"mark": _("Kies een cijfer van 1 tot en met 10.")})
    lines = [f"{label}\n{text.strip() or '-'}" for label, text in answers.items()]
    if mark is not None:
        lines.append(_("Cijfer: %(mark)s") % {"mark": mark})
    body = "\n\n".join(lines)
    purpose = Purpose.AFTERCARE_FOLLOW_UP if item.kind == DueKind.AFTERCARE_FOLLOW_UP else Purpose.AFTERCARE_CHECK_IN
    # Recorded as the youth's own contact when no consultant is assigned: the check-in is settled.
    contact_record(
        actor=youth.consultant,
        trajectory=item.trajectory,
        date=timezone.localdate(),
        channel=Channel.MESSAGE,
        purpose=purpose,
        participants=[Participant.YOUTH],
        ratings={"mark": mark},
        notes=_("Antwoord in het portaal:") + "\n" + body[:1800],
    )
    return message_send(youth=youth, from_youth=True, kind=MessageKind.CHECK_IN, body=body, client_key=key)


def _check_in_key(trajectory_id: int, ref: str) -> str:
    return f"server:check_in:{trajectory_id}:{ref}"


@transaction.atomic
def sub_goal_done_by_youth(*, youth: Youth, sub_goal, note: str = ""):
    """The youth ticked an own sub-goal off in the portal: the tick, and in the same transaction a
    message that tells the consultant (once; nothing when it was done already)."""
    from koers.plans.models import SubGoalStatus
    from koers.plans.services import sub_goal_mark_done

    was_open = sub_goal.status == SubGoalStatus.OPEN
    done = sub_goal_mark_done(sub_goal=sub_goal, by_youth=True, note=note)
    if was_open and done.status == SubGoalStatus.DONE and done.done_by_youth:
        body = _("Gedaan: %(text)s") % {"text": done.text} + (f"\n{done.youth_note}" if note.strip() else "")
        message_send(
            youth=youth,
            from_youth=True,
            kind=MessageKind.SUB_GOAL_DONE,
            body=body,
            client_key=f"server:sub_goal_done:{done.pk}:{done.done_on.isoformat()}",
        )
    return done
