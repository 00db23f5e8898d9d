"""The method as data. For now: the taxonomy of working elements used to code interventions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingElementTheme(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema van werkzame elementen")
        verbose_name_plural = _("thema's van werkzame elementen")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class WorkingElement(models.Model):
    """A working element (werkzaam element) from the Movisie dossier and the N=1 codebook."""

    theme = models.ForeignKey(
        WorkingElementTheme, on_delete=models.PROTECT, related_name="elements", verbose_name=_("thema")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("werkzaam element")
        verbose_name_plural = _("werkzame elementen")
        ordering = ["theme__position", "position"]

    def __str__(self) -> str:
        return self.name
