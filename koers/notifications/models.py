"""Portal access and notification settings of a youth, and notifications waiting to be mailed.

The tables keep the names they had in the portal and messaging apps, where these models lived
before they moved down a layer (migration 0001 only moves them in Django's state).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.trajectories.models import Youth


class PortalAccess(models.Model):
    """The consultant invited the youth to the portal; without an active row nobody signs in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.OneToOneField(Youth, on_delete=models.CASCADE, related_name="portal_access")
    active = models.BooleanField(default=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "portal_portalaccess"
        verbose_name = _("toegang tot het portaal")
        verbose_name_plural = _("toegang tot het portaal")

    def __str__(self) -> str:
        return f"portaaltoegang {self.pk}"


class NotificationKind(models.TextChoices):
    NEW_MESSAGE = "new_message", _("nieuw bericht van je consulent")
    PLAN_CHANGED = "plan_changed", _("je plan is aangepast")
    APPOINTMENT_REMINDER = "appointment_reminder", _("herinnering de dag voor een gesprek")
    CHECK_IN = "check_in", _("nazorgvragen")


# What a youth gets unless they switch it off (the reminder only when they choose it).
DEFAULT_ON = {NotificationKind.NEW_MESSAGE, NotificationKind.PLAN_CHANGED, NotificationKind.CHECK_IN}


class NotificationSetting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="notification_settings")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    enabled = models.BooleanField()

    class Meta:
        db_table = "messaging_notificationsetting"
        constraints = [models.UniqueConstraint(fields=["youth", "kind"], name="notification_setting_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.enabled}"


class PendingNotification(models.Model):
    """A mail to send soon. One open row per youth and kind, so a burst of messages gives one mail."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)  # the youth had already seen it, or switched it off

    class Meta:
        db_table = "messaging_pendingnotification"
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "kind"], condition=models.Q(sent_at__isnull=True), name="pending_notification_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at}"
