"""The impact timeline (effectencalculator, ADR 0014): a youth's story in episodes, what it brought
and what to watch, one or more reference scenarios ("what would have happened without"), the costs
made, and the costs possibly saved, priced from the organisation's price list.

Amounts are Decimal with cents. What is inconsistent (a breakdown that does not add up, a high
below its low, an item without a source) is stored as entered and flagged by
koers.impact.estimate, never silently corrected."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.trajectories.models import Youth

AMOUNT = {"max_digits": 12, "decimal_places": 2}


class Unit(models.TextChoices):
    ONCE = "once", _("eenmalig")
    MONTH = "month", _("per maand")
    YEAR = "year", _("per jaar")


class Payer(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente")
    HEALTH_INSURER = "health_insurer", _("zorgverzekeraar")
    NATIONAL = "national", _("Rijk")
    UWV = "uwv", _("UWV")
    OTHER = "other", _("anders")


class ActorRole(models.TextChoices):
    """Who took part, by role: reports name roles, never people."""

    YOUTH = "youth", _("jongere")
    PARENT = "parent", _("ouder")
    RELATIVE = "relative", _("familielid of naaste")
    CONSULTANT = "consultant", _("consulent")
    CHAIN_PARTNER = "chain_partner", _("ketenpartner")
    EMPLOYER = "employer", _("werkgever")
    WORK_LEARNING = "work_learning", _("leerwerkbedrijf")
    SCHOOL = "school", _("school")
    CARE = "care", _("zorgaanbieder")
    OTHER = "other", _("anders")


class CostsMode(models.TextChoices):
    TOTAL = "total", _("een totaal over de maanden")
    RATE = "rate", _("een bedrag per maand × het aantal maanden")
    ITEMISED = "itemised", _("per kostenpost")


class PointKind(models.TextChoices):
    ADDED_VALUE = "added_value", _("meerwaarde")
    ATTENTION = "attention", _("aandachtspunt")


class PriceItem(models.Model):
    """One line of the organisation's price list (maatschappelijke prijslijst): what a kind of
    support or provision costs, as a low and a high amount per unit, who pays, and the source."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=150)
    unit = models.CharField(_("eenheid"), max_length=10, choices=Unit.choices)
    low = models.DecimalField(_("laag bedrag"), **AMOUNT)
    high = models.DecimalField(_("hoog bedrag"), **AMOUNT)
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=Payer.choices)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    source_url = models.URLField(_("adres van de bron"), max_length=500, blank=True)
    source_year = models.PositiveSmallIntegerField(_("jaar van de bron"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    # Shipped with Koers from the source report (koers.impact.defaults), until someone changes it.
    shipped = models.BooleanField(_("meegeleverd"), default=False)

    class Meta:
        verbose_name = _("prijs")
        verbose_name_plural = _("prijslijst")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ImpactTimeline(models.Model):
    """One per youth: the session's result. Costs made in one of three ways (CostsMode)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.OneToOneField(Youth, on_delete=models.CASCADE, related_name="impact_timeline")
    title = models.CharField(_("titel"), max_length=150, blank=True)
    starts_on = models.DateField(_("van"), null=True, blank=True)
    ends_on = models.DateField(_("tot"), null=True, blank=True)
    # The report names the youth only when the youth chose so; otherwise "de jongere".
    name_in_report = models.BooleanField(_("naam van de jongere in het rapport"), default=False)
    costs_mode = models.CharField(_("gemaakte kosten als"), max_length=10, choices=CostsMode.choices, default="total")
    costs_total = models.DecimalField(_("totaal begeleiding"), null=True, blank=True, **AMOUNT)
    costs_rate = models.DecimalField(_("bedrag per maand"), null=True, blank=True, **AMOUNT)
    costs_months = models.PositiveSmallIntegerField(_("aantal maanden begeleiding"), null=True, blank=True)
    costs_source = models.CharField(_("bron van de kosten"), max_length=300, blank=True)
    horizon_months = models.PositiveSmallIntegerField(_("periode van de schatting (maanden)"), default=12)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("effectenlijn")
        verbose_name_plural = _("effectenlijnen")

    def __str__(self) -> str:
        return self.title or str(_("effectenlijn"))


class CostLine(models.Model):
    """A line of the itemised costs made (e.g. begeleiding, personele overhead)."""

    timeline = models.ForeignKey(ImpactTimeline, on_delete=models.CASCADE, related_name="cost_lines")
    label = models.CharField(_("kostenpost"), max_length=150)
    amount = models.DecimalField(_("bedrag"), **AMOUNT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.label)


class Episode(models.Model):
    """A part of the story with a free title (beginsituatie, start, terugval, doorstart, ...)."""

    timeline = models.ForeignKey(ImpactTimeline, on_delete=models.CASCADE, related_name="episodes")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=100)
    starts_on = models.DateField(_("van"), null=True, blank=True)
    ends_on = models.DateField(_("tot"), null=True, blank=True)
    narrative = models.TextField(_("wat er gebeurde"), max_length=4000, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.title)


class EpisodeActor(models.Model):
    """Who took part in an episode, by role, and what they did."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="actors")
    role = models.CharField(_("rol"), max_length=20, choices=ActorRole.choices)
    did = models.CharField(_("wat deed deze persoon"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_role_display())


class EpisodeQuote(models.Model):
    """Something said, attributed to a role (never a name in a report)."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="quotes")
    role = models.CharField(_("wie zei het"), max_length=20, choices=ActorRole.choices)
    text = models.CharField(_("citaat"), max_length=1000)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_role_display())


class EvaluationPoint(models.Model):
    """Added value or a point of attention, with a theme for the overview, in the professionals'
    words and, beside them, the youth's own."""

    timeline = models.ForeignKey(ImpactTimeline, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(_("soort"), max_length=20, choices=PointKind.choices)
    theme = models.CharField(_("thema"), max_length=40)
    text = models.CharField(_("wat de professionals zeggen"), max_length=1000)
    youth_view = models.CharField(_("wat de jongere zegt"), max_length=1000, blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class ReferenceScenario(models.Model):
    """What would have happened without the guidance, in both voices, and what it would have cost."""

    timeline = models.ForeignKey(ImpactTimeline, on_delete=models.CASCADE, related_name="scenarios")
    title = models.CharField(_("titel"), max_length=150)
    narrative = models.TextField(_("wat de professionals verwachten"), max_length=4000, blank=True)
    youth_view = models.TextField(_("wat de jongere verwacht"), max_length=4000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.title)


class ScenarioItem(models.Model):
    """A cost the scenario would have caused, copied from the price list when chosen (a later
    change of the list leaves a finished estimate as it was), with the condition it depends on."""

    scenario = models.ForeignKey(ReferenceScenario, on_delete=models.CASCADE, related_name="items")
    price_item = models.ForeignKey(PriceItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("naam"), max_length=150)
    unit = models.CharField(_("eenheid"), max_length=10, choices=Unit.choices)
    low = models.DecimalField(_("laag bedrag"), **AMOUNT)
    high = models.DecimalField(_("hoog bedrag"), **AMOUNT)
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=Payer.choices)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    source_url = models.URLField(_("adres van de bron"), max_length=500, blank=True)
    source_year = models.PositiveSmallIntegerField(_("jaar van de bron"), null=True, blank=True)
    condition = models.CharField(_("als"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.name)
