"""The method as data: the taxonomy of working elements that codes interventions, and the
organisation's versioned working method (phases, steps, basic methods, toolbox, target groups)."""

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


# The working method (handelingswijze) as versioned data, per organisation. A version is never
# changed once made: an edit makes a new version (who, when, why) with its own rows, so a contact
# keeps pointing at the step text it was recorded with. `key` is stable across versions.


class MethodPhase(models.TextChoices):
    BEFORE = "before", _("Vooraf")
    FIRST_CONVERSATION = "first_conversation", _("1e gesprek")
    SEARCH_PERIOD = "search_period", _("Zoekperiode")
    PLAN_CONVERSATION = "plan_conversation", _("2e gesprek (plan)")
    FOLLOW_UP = "follow_up", _("Verloop")
    AFTERCARE = "aftercare", _("Nazorg")


class StepKind(models.TextChoices):
    DISCUSS = "discuss", _("Bespreken")
    DO = "do", _("Doen")
    HOW = "how", _("Hoe")
    ATTITUDE = "attitude", _("Houding")


class BarrierKind(models.TextChoices):
    """What stands in the way; the toolbox items that fit a barrier kind are suggested for it."""

    PSYCHOSOCIAL = "psychosocial", _("psychosociale problemen")
    FINANCIAL = "financial", _("geldproblemen")
    HEALTH = "health", _("gezondheidsklachten")
    ADDICTION = "addiction", _("verslaving")
    AUTISM_SUSPECTED = "autism_suspected", _("vermoeden van autisme")
    MILD_ID_SUSPECTED = "mild_id_suspected", _("vermoeden van een licht verstandelijke beperking")
    LANGUAGE = "language", _("taalachterstand")
    SMALL_NETWORK = "small_network", _("klein netwerk")
    APPLICATION_SKILLS = "application_skills", _("sollicitatievaardigheden")
    EDUCATION_UNCLEAR = "education_unclear", _("opleidingsniveau of talenten onduidelijk")


class MethodVersion(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="method_versions", verbose_name=_("organisatie")
    )
    number = models.PositiveIntegerField(_("versie"))
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gebaseerd op")
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    # Empty for the version Koers ships.
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    reason = models.CharField(_("waarom"), max_length=300)

    class Meta:
        verbose_name = _("versie van de werkwijze")
        verbose_name_plural = _("versies van de werkwijze")
        ordering = ["organisation", "-number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="one_method_version_number")]

    def __str__(self) -> str:
        return f"{self.organisation} v{self.number}"


class MethodStep(models.Model):
    version = models.ForeignKey(MethodVersion, on_delete=models.PROTECT, related_name="steps")
    key = models.CharField(_("sleutel"), max_length=80)
    phase = models.CharField(_("fase"), max_length=30, choices=MethodPhase.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=StepKind.choices)
    text = models.CharField(_("stap"), max_length=200)
    later = models.BooleanField(_("ook in latere fasen"), default=False)
    earlier = models.BooleanField(_("ook in eerdere fasen"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    working_elements = models.ManyToManyField(WorkingElement, blank=True, related_name="+")

    class Meta:
        verbose_name = _("stap van de werkwijze")
        verbose_name_plural = _("stappen van de werkwijze")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_step_key_per_version")]

    def __str__(self) -> str:
        return self.text


class BasicMethod(models.Model):
    """A basic method (motivational interviewing, solution-focused, stress-sensitive) as prompts."""

    version = models.ForeignKey(MethodVersion, on_delete=models.PROTECT, related_name="basic_methods")
    key = models.CharField(_("sleutel"), max_length=80)
    name = models.CharField(_("naam"), max_length=200)
    when = models.CharField(_("wanneer"), max_length=300)
    phases = models.JSONField(_("fasen"), default=list)
    prompts = models.JSONField(_("vragen en tips"), default=list)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("basismethode")
        verbose_name_plural = _("basismethoden")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_basic_method_key_per_version")]

    def __str__(self) -> str:
        return self.name


class ToolboxItem(models.Model):
    version = models.ForeignKey(MethodVersion, on_delete=models.PROTECT, related_name="toolbox")
    key = models.CharField(_("sleutel"), max_length=80)
    category = models.CharField(_("categorie"), max_length=30)
    situation = models.CharField(_("wanneer"), max_length=300)
    action = models.CharField(_("wat"), max_length=300)
    referral = models.BooleanField(_("verwijzing"), default=False)
    barrier = models.CharField(_("belemmering"), max_length=40, blank=True)
    partners = models.JSONField(_("partners"), default=list)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    working_elements = models.ManyToManyField(WorkingElement, blank=True, related_name="+")

    class Meta:
        verbose_name = _("onderdeel van de gereedschapskist")
        verbose_name_plural = _("gereedschapskist")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_toolbox_key_per_version")]

    def __str__(self) -> str:
        return self.action


class TargetGroupGuidance(models.Model):
    """Tips for a target group (autism, mild intellectual disability, refugees); staff only."""

    version = models.ForeignKey(MethodVersion, on_delete=models.PROTECT, related_name="target_groups")
    marker = models.CharField(_("doelgroepkenmerk"), max_length=40)
    tips = models.JSONField(_("tips"), default=list)

    class Meta:
        verbose_name = _("tips per doelgroep")
        verbose_name_plural = _("tips per doelgroep")
        constraints = [models.UniqueConstraint(fields=["version", "marker"], name="one_guidance_per_marker")]

    def __str__(self) -> str:
        return self.marker
