"""The organisation's own retention terms, where it deviates from the Selectielijst 2020
(docs/retention.md; without a row for a line, the Selectielijst's term applies), and the
destruction lists of files past their retention date."""

from django.conf import settings
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


class DestructionStatus(models.TextChoices):
    """The way of a destruction list (docs/retention.md, "Vernietigen"): the nightly job proposes it,
    a functional administrator reviews it, a team lead approves it, and after the waiting period the
    job anonymises its files."""

    PROPOSED = "proposed", _("voorgesteld")
    REVIEWED = "reviewed", _("beoordeeld, wacht op goedkeuring")
    APPROVED = "approved", _("goedgekeurd, wachttijd loopt")
    DESTROYING = "destroying", _("wordt vernietigd")
    DONE = "done", _("vernietigd")
    CANCELLED = "cancelled", _("gestopt")


class DestructionList(models.Model):
    """The files of one organisation proposed for destruction in one night. What stays after the
    destruction is its report: counts, dates and who decided, no personal data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=DestructionStatus.choices, default=DestructionStatus.PROPOSED)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True)
    # Staff text about the list (why it was refused): never about one youth by name (help text).
    decision_note = models.CharField(max_length=500, blank=True)
    destroy_after = models.DateTimeField(null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{_('Vernietigingslijst')} {self.pk}"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    POSTPONED = "postponed", _("uitgesteld")
    DESTROYED = "destroyed", _("vernietigd")


class DestructionItem(models.Model):
    """One youth's file on a list. Kept after the destruction for the report: the youth row is then
    anonymised, so the id leads back to no one."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    youth = models.ForeignKey("trajectories.Youth", on_delete=models.PROTECT, related_name="+")
    line = models.CharField(max_length=10, choices=RetentionLine.choices)
    ended_on = models.DateField()
    keep_until = models.DateField()
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    # Why the file is kept longer (e.g. an objection still running), and until when it is not proposed again.
    postponed_reason = models.CharField(max_length=300, blank=True)
    postponed_until = models.DateField(null=True)
    destroyed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("dossier op een vernietigingslijst")
        verbose_name_plural = _("dossiers op een vernietigingslijst")
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "youth"], name="one_item_per_youth_and_list"),
        ]
        indexes = [models.Index(fields=["youth", "status"]), models.Index(fields=["destruction_list", "status"])]

    def __str__(self) -> str:
        return f"{self.destruction_list_id}/{self.youth_id}"
