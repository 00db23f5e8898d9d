"""The organisation's own retention terms, where it deviates from the Selectielijst 2020
(docs/retention.md). Without a row for a line, the Selectielijst's term applies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation


class RetentionLine(models.TextChoices):
    """The lines of the Selectielijst 2020 a youth's file falls under (docs/research/selectielijst-2020.md)."""

    # Procestype 8 "Voorzieningen verstrekken", result 8.1 (research notes, line 27).
    PROVIDED = "8.1", _("8.1 Verstrekt")
    # Result 8.4.1 "Afgebroken", omschrijving "Voorziening in Sociale domein" (research notes, line 42).
    ABORTED = "8.4.1", _("8.4.1 Afgebroken")


class RetentionPolicy(models.Model):
    """A term the organisation decided itself for one line (e.g. longer, for a pending objection)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    line = models.CharField(
        _("regel van de Selectielijst"),
        max_length=10,
        choices=RetentionLine.choices,
        help_text=_("Zonder eigen termijn geldt de Selectielijst 2020: 8.1 10 jaar, 8.4.1 6 weken."),
    )
    years = models.PositiveSmallIntegerField(_("jaren"), default=0)
    weeks = models.PositiveSmallIntegerField(_("weken"), default=0, help_text=_("Opgeteld bij de jaren."))
    note = models.CharField(
        _("reden"), max_length=300, help_text=_("Waarom de gemeente afwijkt van de Selectielijst, met het besluit.")
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        constraints = [models.UniqueConstraint(fields=["organisation", "line"], name="one_retention_policy_per_line")]

    def __str__(self) -> str:
        return self.get_line_display()

    def clean(self) -> None:
        if not self.years and not self.weeks:
            raise ValidationError({"years": _("Vul een bewaartermijn in van minstens één week.")})
