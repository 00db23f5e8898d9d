"""Reads: may the youth sign in to the portal, and which notification mails do they want."""

from koers.notifications.models import DEFAULT_ON, NotificationKind, NotificationSetting, PortalAccess
from koers.trajectories.models import Youth


def has_portal_access(youth: Youth) -> bool:
    return PortalAccess.objects.filter(youth=youth, active=True).exists()


def portal_access_of(youth: Youth) -> PortalAccess | None:
    return PortalAccess.objects.filter(youth=youth).first()


def notification_enabled(youth: Youth, kind: str) -> bool:
    row = NotificationSetting.objects.filter(youth=youth, kind=kind).first()
    return row.enabled if row is not None else kind in DEFAULT_ON


def notification_settings_of(youth: Youth) -> dict[str, bool]:
    stored = dict(NotificationSetting.objects.filter(youth=youth).values_list("kind", "enabled"))
    return {kind: stored.get(kind, kind in DEFAULT_ON) for kind in NotificationKind.values}
