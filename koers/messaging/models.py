"""Secure messages between a youth and their consultant, their attachments, and letter templates.
Notification settings and pending notifications are in koers.notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.trajectories.models import Youth


class MessageKind(models.TextChoices):
    TEXT = "text", _("bericht")
    OPTION_INTEREST = "option_interest", _("wil meer weten over een mogelijkheid")
    CHECK_IN = "check_in", _("antwoord op de nazorgvragen")
    SUB_GOAL_DONE = "sub_goal_done", _("subdoel gedaan")
    LETTER = "letter", _("brief")


# One limit for a message, on both sides (the youth's portal and the consultant's file) and the API.
MESSAGE_MAX_LENGTH = 5000


class Message(models.Model):
    """One message in the youth's conversation with their consultant(s).

    `read_at` is the read receipt of the other side: set when the consultant (for a youth's
    message) or the youth (for a staff message) first sees it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="messages")
    from_youth = models.BooleanField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=20, choices=MessageKind.choices, default=MessageKind.TEXT)
    body = models.TextField(_("bericht"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    # The form's one-time key: a repeated send (double tap, reload, retry) gives one message.
    client_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "client_key"], condition=~models.Q(client_key=""), name="message_client_key_unique"
            )
        ]
        indexes = [
            models.Index(fields=["youth", "created_at"], name="message_youth_created_idx"),
            # Vandaag: unread messages from youths, per organisation.
            models.Index(
                fields=["organisation", "youth"],
                name="message_unread_from_youth_idx",
                condition=models.Q(from_youth=True, read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"bericht {self.pk}"


class Attachment(models.Model):
    """A checked file of a message, stored outside the web root under a random name."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    path = models.CharField(max_length=200)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    kind = models.CharField(max_length=10)  # image / pdf
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class LetterTemplate(models.Model):
    """An organisation's letter (invitation, follow-up), friendly and with a phone number.
    Placeholders: {voornaam} {datum} {tijd} {plaats} {consulent} {telefoon} {organisatie}."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="letter_templates")
    key = models.SlugField(max_length=60)
    title = models.CharField(_("naam"), max_length=120)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_("Gebruik {voornaam}, {datum}, {tijd}, {plaats}, {consulent}, {telefoon} en {organisatie}."),
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="letter_template_key_unique")]

    def __str__(self) -> str:
        return self.title
