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
    PORTAL = "portal", _("portaal van de jongere")


class AccessLogEntry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    # A plain id, not a foreign key: the log belongs below the youth files (audit < trajectories)
    # and must outlive the youth's data (anonymisation, deletion after the retention period).
    youth_id = models.BigIntegerField(null=True, db_index=True)
    # Empty when the youth read their own data in the portal (channel "portal").
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    channel = models.CharField(max_length=10, choices=AccessChannel.choices)
    # What was touched, without personal data: e.g. "youth", "trajectory:12", "contact".
    subject = models.CharField(max_length=80)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["youth_id", "at"], name="audit_acces_youth_i_ac8d10_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.subject} ({self.at:%Y-%m-%d %H:%M})"
