"""Organisations (tenants), teams and staff users with a role."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    # Four eyes: who may give someone access to youth files (see koers.accounts.roles).
    role_changes_need_approval = models.BooleanField(
        _("rolwijzigingen door een tweede persoon"),
        default=True,
        help_text=_(
            "Aan: functioneel beheer kan een rol met toegang tot dossiers aanvragen; een teamleider keurt die "
            "goed. Uit: alleen platformbeheer kent zulke rollen toe."
        ),
    )

    # On letters and in the portal: the number a youth calls with questions or when they cannot come.
    phone = models.CharField(_("telefoonnummer voor jongeren"), max_length=20, blank=True)
    # On the public registration page (koers.web.intake.public), beside the phone number: when
    # someone answers it. Blank: the page shows only the number, never made-up hours.
    opening_hours = models.CharField(
        _("bereikbaar op"),
        max_length=200,
        blank=True,
        help_text=_(
            "Staat bij het telefoonnummer op de aanmeldpagina. Bijvoorbeeld: maandag tot en met vrijdag 9.00-17.00 uur."
        ),
    )
    # The public registration form: when on, a registration with an e-mail address waits until the
    # youth opens the link in a mail (koers.intake.services.public), so a typed stranger's address
    # does not land in the queue.
    intake_email_check = models.BooleanField(
        _("e-mailadres laten bevestigen bij aanmelden"),
        default=False,
        help_text=_(
            "Aan: wie zich aanmeldt met een e-mailadres, krijgt een mail met een link. Pas na het klikken komt de "
            "aanmelding in de instroom."
        ),
    )
    # On letters: where the youth goes for an appointment "op kantoor".
    address = models.CharField(
        _("bezoekadres"),
        max_length=200,
        blank=True,
        help_text=_("Staat in brieven over een afspraak op kantoor. Bijvoorbeeld: Stationsweg 1, 8911 AA Leeuwarden."),
    )

    # "Wie heeft mijn gegevens bekeken" in the portal: role and organisation always, names only
    # when the organisation decides so.
    portal_shows_staff_names = models.BooleanField(
        _("namen van medewerkers tonen aan jongeren"),
        default=False,
        help_text=_("Aan: de jongere ziet in het portaal de naam van wie het dossier bekeek. Uit: alleen de rol."),
    )

    # The learning network (koers.insights.selectors.network): organisations that join see each
    # other's numbers, never a person's, small cells hidden.
    in_learning_network = models.BooleanField(
        _("meedoen aan het lerend netwerk"),
        default=False,
        help_text=_(
            "Aan: de cijfers van deze organisatie (geen personen, kleine aantallen verborgen) staan naast die van "
            "andere organisaties die meedoen, en uw teamleiders zien die van hen."
        ),
    )

    # Which life domains the assessment uses (koers.method.life_domains.LIFE_DOMAIN_SETS).
    life_domain_set = models.CharField(
        _("leefgebieden"),
        max_length=30,
        choices=[
            ("self_reliance", _("Zeven leefgebieden (zelfredzaamheid)")),
            ("mobility_mentoring", _("Vijf pijlers van Mobility Mentoring")),
        ],
        default="self_reliance",
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_per_org")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("consulent")
    TEAM_LEAD = "team_lead", _("teamleider")
    FUNCTIONAL_ADMIN = "functional_admin", _("functioneel beheerder")
    # Opens no youth file: only the pseudonymised export of youths who consented (koers.research).
    RESEARCHER = "researcher", _("onderzoeker")
    # Staff of a chain partner (ketenpartner): refers youths and sees only their own referrals
    # (koers.intake); opens no youth file and no staff page (koers.web.partner_area).
    CHAIN_PARTNER = "chain_partner", _("ketenpartner")


# The roles that open youth files. Only a superuser, or a team lead approving a request, grants them.
# The researcher role is not one of them, but it sees data of many youths (without names), so it
# is granted the same way (Access.wider_than, ADR 0005).
YOUTH_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD})


class ChainPartnerKind(models.TextChoices):
    RMC = "rmc", _("RMC (voortijdig schoolverlaten)")
    SCHOOL = "school", _("school")
    DISTRICT_TEAM = "district_team", _("wijkteam")
    CARE = "care", _("zorgaanbieder")
    UWV = "uwv", _("UWV")
    INTERNAL = "internal", _("eigen organisatie (intern)")


class ChainPartner(models.Model):
    """An organisation the municipality works with (ADR 0013): its staff refer youths. Here, low,
    so a user can belong to one; the referrals themselves are koers.intake."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="chain_partners", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=ChainPartnerKind.choices)

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="chain_partner_name_unique_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Superusers (platform operators) belong to no organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.CONSULTANT)
    # Only for the role chain_partner: the partner this person works for.
    chain_partner = models.ForeignKey(
        ChainPartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("ketenpartner"),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Who is setting the password now, when a caller knows (koers.accounts.services); read by save().
    password_set_by: "User | None" = None

    def save(self, *args, **kwargs):
        # Every way to change a password ends here (Koers's link, Django's admin form, the
        # changepassword command), so the change is recorded here: an approver must see it.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            AccountEvent.objects.create(
                organisation_id=self.organisation_id,
                user=self,
                kind=AccountEventKind.PASSWORD_SET,
                by=self.password_set_by,
            )
            self.password_set_by = None

    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_team_lead(self) -> bool:
        return self.role == Role.TEAM_LEAD

    @property
    def works_with_youths(self) -> bool:
        """Consultants and team leads work with youth files; administrators do not."""
        return self.is_active and self.organisation_id is not None and self.role in YOUTH_ROLES

    @property
    def is_chain_partner(self) -> bool:
        """Partner staff see their own partner's referrals only (koers.intake)."""
        return (
            self.is_active
            and self.organisation_id is not None
            and self.chain_partner_id is not None
            and self.role == Role.CHAIN_PARTNER
        )

    @property
    def is_researcher(self) -> bool:
        """Researchers open no youth file; they download the pseudonymised export (koers.research)."""
        return self.is_active and self.organisation_id is not None and self.role == Role.RESEARCHER


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text=_("De eerste tekens, om de sleutel te herkennen."))
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def new_raw_token() -> str:
        return "koers_" + secrets.token_urlsafe(32)


class SignInAttempt(models.Model):
    """One counted sign-in attempt (koers.accounts.throttle); shared by all server processes."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)  # a hash: the table holds no usernames or addresses
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"


class RoleRequestStatus(models.TextChoices):
    PENDING = "pending", _("wacht op goedkeuring")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")
    OUTDATED = "outdated", _("vervallen")


class RoleRequest(models.Model):
    """A change that gives someone (more) access to youth files, waiting for a second person."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_requests", verbose_name=_("medewerker"))
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    from_role = models.CharField(_("oude rol"), max_length=20, choices=Role.choices)
    from_active = models.BooleanField(_("was actief"))
    to_role = models.CharField(_("nieuwe rol"), max_length=20, choices=Role.choices)
    to_active = models.BooleanField(_("wordt actief"))
    # A consultant sees their team's youths, so another team is more access too.
    from_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("oud team")
    )
    to_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("nieuw team")
    )
    # How the account signed in when the request was made (koers.accounts.services.account_state):
    # a request lapses when its password, e-mail address, second factor, team or organisation
    # changed before the approval.
    account_state = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoleRequestStatus.choices, default=RoleRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("besloten door")
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolaanvraag")
        verbose_name_plural = _("rolaanvragen")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="one_pending_role_request_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_from_role_display()} → {self.get_to_role_display()}"


class RoleChange(models.Model):
    """Append-only: every change of a staff member's role or active state, with who did it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes", verbose_name=_("medewerker"))
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("gewijzigd door"))
    approved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("goedgekeurd door")
    )
    from_role = models.CharField(_("oude rol"), max_length=20, choices=Role.choices, blank=True)  # blank: new account
    from_active = models.BooleanField(_("was actief"))
    to_role = models.CharField(_("nieuwe rol"), max_length=20, choices=Role.choices)
    to_active = models.BooleanField(_("wordt actief"))
    # Names, not keys: the record keeps saying which team, also after a team is renamed or removed.
    from_team_name = models.CharField(_("oud team"), max_length=200, blank=True)
    to_team_name = models.CharField(_("nieuw team"), max_length=200, blank=True)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "at"])]

    def __str__(self) -> str:
        return f"{self.from_role or '-'} → {self.to_role}"


class StaffMailKind(models.TextChoices):
    """What a mail to a staff member is for (OutgoingMail.kind)."""

    PASSWORD_LINK = "password_link", _("link om een wachtwoord te kiezen")
    EMAIL_CHANGED = "email_changed", _("e-mailadres gewijzigd")
    SECOND_FACTOR_RESET = "second_factor_reset", _("tweede stap opnieuw ingesteld")


class AccountEventKind(models.TextChoices):
    PASSWORD_SET = "password_set", _("wachtwoord ingesteld")
    PASSWORD_LINK_SENT = "password_link_sent", _("link gestuurd om een wachtwoord in te stellen")
    EMAIL_CHANGED = "email_changed", _("e-mailadres gewijzigd")
    SECOND_FACTOR_RESET = "second_factor_reset", _("tweede stap opnieuw ingesteld")
    SECOND_FACTOR_SET = "second_factor_set", _("nieuwe tweede stap ingesteld")


class AccountEvent(models.Model):
    """Append-only: a change to how a staff member signs in (password, e-mail address, second
    factor), with who did it. Rollen shows an approver those of the last 30 days; role, active
    and team changes are RoleChange rows."""

    # Empty for a platform operator (a superuser belongs to no organisation).
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_events", verbose_name=_("medewerker")
    )
    kind = models.CharField(_("wat"), max_length=30, choices=AccountEventKind.choices)
    # Who did it: the staff member themselves (a link, their own app), an administrator, or empty
    # when it was done outside Koers's pages (a command on the server).
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gedaan door")
    )
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging van de inlog")
        verbose_name_plural = _("wijzigingen van de inlog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"
