"""The intake queue (instroom): referrals by chain partners, self-registrations and call-back
requests, waiting for the team lead to take them on or not (ADR 0013).

One model, `Referral`, with its `source`, so every way in lands in the same list, with the same
history, the same take-on (a youth and trajectory through youth_register) and the same refusal.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import ChainPartner, ChainPartnerKind, Organisation, Team
from koers.trajectories.models import Youth


class IntakeSource(models.TextChoices):
    PARTNER = "partner", _("verwijzing door ketenpartner")
    SELF = "self", _("aanmelding door de jongere zelf")
    CALLBACK = "callback", _("terugbelverzoek")


# The reference's prefix per source: "VW-2026-00042" is what a partner quotes on the phone.
REFERENCE_PREFIX = {IntakeSource.PARTNER: "VW", IntakeSource.SELF: "AM", IntakeSource.CALLBACK: "TB"}


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", _("ontvangen")
    TAKEN_ON = "taken_on", _("aangenomen")
    NOT_TAKEN_ON = "not_taken_on", _("niet aangenomen")
    # A self-registration or call-back request nobody took on in time: names and contact details
    # are gone, the reference and the history stay (koers.intake.services.anonymise).
    ANONYMISED = "anonymised", _("geanonimiseerd")


class Specialism(models.TextChoices):
    """What a youth needs help with and a consultant knows well: matched in the suggestion."""

    DEBT = "debt", _("schulden")
    LVB = "lvb", _("licht verstandelijke beperking (LVB)")
    MENTAL_HEALTH = "mental_health", _("psychische klachten (GGZ)")
    ADDICTION = "addiction", _("verslaving")
    HOUSING = "housing", _("wonen en dakloosheid")
    NEWCOMER = "newcomer", _("statushouders en nieuwkomers")
    SCHOOL = "school", _("terug naar school")


class ReferralBasis(models.Model):
    """A purpose and legal basis a referral may give (doelbinding): chosen from this list per
    organisation. Consent cannot stand in for a missing basis, so consent is one basis among the
    others, and a basis may need consent on top (`needs_consent`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="referral_bases", verbose_name=_("organisatie")
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("omschrijving"), max_length=200)
    needs_consent = models.BooleanField(_("toestemming van de jongere nodig"), default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("grondslag voor verwijzing")
        verbose_name_plural = _("grondslagen voor verwijzing")
        ordering = ["position", "label"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="referral_basis_code_unique")]

    def __str__(self) -> str:
        return self.label


class Referral(models.Model):
    """One item of the intake queue. The current status is kept here for the lists; every change
    of it is also a `ReferralStatusChange` row (append-only, Signalen's pattern)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("bron"), max_length=20, choices=IntakeSource.choices)
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, null=True)
    chain_partner = models.ForeignKey(
        ChainPartner, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    # Empty only for a call-back request, where the youth may not have said it yet.
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    reason = models.TextField(_("reden"), max_length=2000)
    partner_action = models.TextField(_("wat de ketenpartner al doet"), max_length=2000, blank=True)
    needs = models.JSONField(_("hulp nodig bij"), default=list, blank=True)  # Specialism codes
    basis = models.ForeignKey(
        ReferralBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("grondslag")
    )
    # Where consent is the basis or asked on top: who gave it, when and how.
    consent_given_by = models.CharField(_("toestemming gegeven door"), max_length=200, blank=True)
    consent_given_on = models.DateField(_("toestemming gegeven op"), null=True, blank=True)
    consent_how = models.CharField(_("hoe toestemming is gegeven"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED
    )
    # Set when taken on: the youth made (or the existing one chosen) and who takes them on.
    youth = models.ForeignKey(Youth, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why not taken on, in words the partner reads.
    refusal_reason = models.TextField(_("reden van niet aannemen"), max_length=1000, blank=True)
    # A call-back request: when the youth prefers to be called ("na 15 uur", "woensdag").
    callback_when = models.CharField(_("beste moment om te bellen"), max_length=200, blank=True)
    # The public form's once-key (koers.web.once): a reloaded or doubled POST saves one row.
    submission_key = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    # With the organisation's e-mail check on: the youth has not opened the mailed link yet, so
    # the item stays out of the queue (koers.intake.services.public).
    awaits_email_check = models.BooleanField(_("wacht op bevestiging van het e-mailadres"), default=False)
    email_checked_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "submitted_at"], name="referral_queue_idx"),
            models.Index(fields=["chain_partner", "submitted_at"], name="referral_partner_idx"),
            # The worker's anonymisation looks for old open items of every organisation.
            models.Index(fields=["status", "submitted_at"], name="referral_open_age_idx"),
        ]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"


class ReferralStatusChange(models.Model):
    """Append-only: a referral's status from this moment on, with who set it and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices)
    reason = models.TextField(_("toelichting"), max_length=1000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("statuswijziging van een verwijzing")
        verbose_name_plural = _("statuswijzigingen van verwijzingen")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.status} {self.at:%Y-%m-%d %H:%M}"


class ConsultantSpecialism(models.Model):
    """What a consultant knows well; the suggestion prefers a match with the referral's needs."""

    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="specialisms")
    specialism = models.CharField(_("specialisme"), max_length=20, choices=Specialism.choices)

    class Meta:
        verbose_name = _("specialisme van een consulent")
        verbose_name_plural = _("specialismen van consulenten")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "specialism"], name="consultant_specialism_unique")
        ]

    def __str__(self) -> str:
        return self.get_specialism_display()


class RoutingRule(models.Model):
    """Signalen's routing: referrals of a kind of partner (or one partner) go to a team."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    partner_kind = models.CharField(_("soort ketenpartner"), max_length=20, choices=ChainPartnerKind.choices)
    chain_partner = models.ForeignKey(
        ChainPartner,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen deze ketenpartner"),
        help_text=_("Leeg: elke ketenpartner van deze soort."),
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", verbose_name=_("naar team"))

    class Meta:
        verbose_name = _("routeringsregel")
        verbose_name_plural = _("routeringsregels")
        ordering = ["partner_kind", "id"]
        # The service says it in words (koers.intake.services.routing); these hold whatever the path.
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "partner_kind"],
                condition=models.Q(chain_partner__isnull=True),
                name="one_routing_rule_per_partner_kind",
            ),
            models.UniqueConstraint(
                fields=["organisation", "chain_partner"],
                condition=models.Q(chain_partner__isnull=False),
                name="one_routing_rule_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_partner_kind_display()} → {self.team}"
