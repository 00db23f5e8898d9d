"""The export key: what makes a researcher's pseudonyms theirs (koers.lib.pseudonyms)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation


class ExportKey(models.Model):
    """The secret one researcher's exports of one organisation are pseudonymised with, made at
    their first export: the same researcher finds the same youth under the same pseudonym in every
    later export (to follow a trajectory over time), another researcher under an unrelated one (two
    researchers cannot join their files). It never leaves Koers: with it, the small ids behind the
    pseudonyms could be tried one by one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    researcher = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    secret = models.CharField(max_length=64)  # 32 random bytes, hexadecimal
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("exportsleutel")
        verbose_name_plural = _("exportsleutels")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "researcher"], name="one_export_key_per_researcher")
        ]

    def __str__(self) -> str:
        return f"exportsleutel {self.pk}"
