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
    # The Logboek Dataverwerkingen's fields (koers.audit.trace, koers.audit.processing_log): the
    # request's trace, this row's own span under the request's span, the partner system's
    # trace when it sent one, when the request started (`at` is when this action ended), and the
    # status (0 unset, 2 error: the request failed on the server).
    trace_id = models.CharField(max_length=32, blank=True)
    span_id = models.CharField(max_length=16, blank=True)
    parent_span_id = models.CharField(max_length=16, blank=True)
    foreign_trace_id = models.CharField(max_length=32, blank=True)
    foreign_span_id = models.CharField(max_length=16, blank=True)
    started_at = models.DateTimeField(null=True)
    status_code = models.PositiveSmallIntegerField(default=0)
    # Tamper evidence: SHA-256 over the previous row's hash and this row, set by the worker a
    # little after the row was written (koers.audit.chain); empty until then.
    chain_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["youth_id", "at"], name="audit_acces_youth_i_ac8d10_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.subject} ({self.at:%Y-%m-%d %H:%M})"


class AccessLogChainAnchor(models.Model):
    """Where the hash chain continues after old rows were removed at the end of their retention
    (koers.audit.chain.access_log_purge): the last removed row's id and hash."""

    last_removed_id = models.BigIntegerField()
    chain_hash = models.CharField(max_length=64)
    removed = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_removed_id"]

    def __str__(self) -> str:
        return f"anchor after {self.last_removed_id}"
