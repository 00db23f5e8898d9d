"""The access log: every read or change of a youth's data (AVG, BIO)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    EXPORT = "export", _("geëxporteerd")


class AccessChannel(models.TextChoices):
    WEB = "web", _("website")
    API = "api", _("API")
    COMMAND = "command", _("beheeropdracht")


class AccessLogEntry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    # Kept as plain ids too so the log survives anonymisation of the youth later.
    youth = models.ForeignKey("trajectories.Youth", on_delete=models.SET_NULL, null=True, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    channel = models.CharField(max_length=10, choices=AccessChannel.choices)
    # What was touched, without personal data: e.g. "youth", "trajectory:12", "contact".
    subject = models.CharField(max_length=80)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["youth", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.subject} ({self.at:%Y-%m-%d %H:%M})"
