"""Organisations (tenants), teams and staff users with a role."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
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

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_team_lead(self) -> bool:
        return self.role == Role.TEAM_LEAD

    @property
    def works_with_youths(self) -> bool:
        """Consultants and team leads work with youth files; administrators do not."""
        return self.organisation_id is not None and self.role in {Role.CONSULTANT, Role.TEAM_LEAD}


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
