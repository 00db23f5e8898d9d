"""The youth portal: the one-time sign-in codes and requests, and each organisation's catalogue
of options and information pages. Who may sign in (PortalAccess) is in koers.notifications."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.trajectories.models import Youth


class SignInCode(models.Model):
    """A one-time link and a 6-digit code, mailed together; either signs in once, within 15
    minutes, as this youth only. Only hashes are stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    link_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["youth", "expires_at"], name="signincode_youth_expires_idx")]

    def __str__(self) -> str:
        return f"inlogcode {self.pk}"


class PortalMailKind(models.TextChoices):
    """What a portal mail is for (OutgoingMail.kind); notifications use NotificationKind."""

    SIGN_IN = "sign_in", _("code om in te loggen")


class SignInRequest(models.Model):
    """Someone asked for a sign-in mail on the portal's first page. The request only stores it;
    the worker looks the address up and mails a code (`sign_in_requests_process`), so a known and
    an unknown address cost the request the same work and answer in the same time. Deleted as
    soon as it is handled: the table holds addresses for seconds, not longer."""

    email = models.CharField(max_length=254)
    requested_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"aanvraag {self.pk}"


class OptionKind(models.TextChoices):
    TRAJECT = "traject", _("traject")
    TRAINING = "training", _("training of cursus")
    WORK_PLACEMENT = "work_placement", _("werkplek")
    VOLUNTEERING = "volunteering", _("vrijwilligerswerk")
    EDUCATION = "education", _("opleiding")


class Option(models.Model):
    """Something a youth can do or join, in plain words: the organisation's own catalogue."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="portal_options")
    key = models.SlugField(max_length=60)
    kind = models.CharField(_("soort"), max_length=20, choices=OptionKind.choices)
    title = models.CharField(_("titel"), max_length=120)
    summary = models.CharField(_("in één zin"), max_length=300)
    for_whom = models.TextField(_("voor wie"), blank=True)
    what_you_do = models.TextField(_("wat doe je"), blank=True)
    how_long = models.CharField(_("hoe lang"), max_length=200, blank=True)
    active = models.BooleanField(_("zichtbaar"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("mogelijkheid")
        verbose_name_plural = _("mogelijkheden")
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="option_key_unique")]

    def __str__(self) -> str:
        return self.title


class InformationPage(models.Model):
    """A short practical page (study finance, benefit and part-time work, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="information_pages")
    slug = models.SlugField(max_length=60)
    title = models.CharField(_("titel"), max_length=120)
    summary = models.CharField(_("in één zin"), max_length=300)
    # Plain text, no HTML (so nothing unsafe): a blank line between paragraphs, "## " starts a
    # heading, "- " a list item (koers.portal.text.blocks_of).
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Laat een lege regel tussen alinea's. Een regel met ## ervoor is een kopje, met - ervoor een opsomming."
        ),
    )
    active = models.BooleanField(_("zichtbaar"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="information_slug_unique")]

    def __str__(self) -> str:
        return self.title


class InformationLink(models.Model):
    """A link under an information page ("Meer weten"): to a public website, over https only."""

    page = models.ForeignKey(InformationPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("tekst van de link"), max_length=120)
    url = models.URLField(
        _("webadres"),
        max_length=300,
        validators=[URLValidator(schemes=["https"])],
        help_text=_("Begint met https://, bijvoorbeeld https://duo.nl"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label
