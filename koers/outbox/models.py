"""Mail waiting to be sent: the database is the queue (ADR 0008)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")


class OutgoingMail(models.Model):
    """One mail to one address. Queued in the transaction of the change that causes it."""

    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    # Never logged or shown in the admin: a sign-in mail carries a code and a link.
    body = models.TextField(_("tekst"))
    # What the mail is for ("new_message", "sign_in", "letter" ...): the sending app's own words, so
    # the outbox, below those apps, does not list them.
    kind = models.CharField(_("soort"), max_length=30)
    attachment_name = models.CharField(_("naam van de bijlage"), max_length=200, blank=True)
    attachment_content = models.BinaryField(_("bijlage"), blank=True, default=b"")
    attachment_type = models.CharField(_("soort bijlage"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    # The same key queues the mail once, however often the caller retries (unique, so also
    # between two transactions at the same moment).
    dedupe_key = models.CharField(_("sleutel tegen dubbel versturen"), max_length=200, unique=True, null=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        # Shown in the admin and in error messages: the id and kind, not the address.
        return f"{self.kind} #{self.pk}"


class WorkerHeartbeat(models.Model):
    """When a worker last finished a round (one row for all workers), written at most once a
    minute: the readiness check (/gezond/klaar/) reports its age. No personal data."""

    seen_at = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("teken van leven van de worker")
        verbose_name_plural = _("tekens van leven van de worker")

    def __str__(self) -> str:
        return f"worker gezien {self.seen_at:%Y-%m-%d %H:%M}"
