"""Writes: the youth's choice of notification mails, and asking for a notification.

A notification is content-free: "something changed, sign in to see it". The service that makes
the change calls `notification_request` in its own transaction, so the request is committed with
the change or not at all; the worker (`koers.messaging.services.notifications_flush`) mails it
after a short wait, or skips it when the youth has seen the change already.
"""

from django.db import transaction
from django.utils import timezone

from koers.db.inserts import insert_if_absent
from koers.notifications.models import NotificationKind, NotificationSetting, PendingNotification
from koers.notifications.selectors import notification_enabled
from koers.trajectories.models import Youth


@transaction.atomic
def notification_settings_save(*, youth: Youth, enabled: dict[str, bool]) -> None:
    for kind in NotificationKind.values:
        wanted = bool(enabled.get(kind))
        row = NotificationSetting(organisation_id=youth.organisation_id, youth=youth, kind=kind, enabled=wanted)
        if not insert_if_absent(row):
            NotificationSetting.objects.filter(youth=youth, kind=kind).update(enabled=wanted)


def notification_request(*, youth: Youth, kind: str) -> None:
    """Note that the youth should hear of something; at most one open request per youth and kind."""
    if not youth.email or not notification_enabled(youth, kind):
        return
    # When one is already waiting, this event joins it.
    insert_if_absent(
        PendingNotification(organisation_id=youth.organisation_id, youth=youth, kind=kind, created_at=timezone.now())
    )
