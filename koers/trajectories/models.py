"""Youth, their trajectories along the flow chart, their milestones and their consultants.

History is append-only: milestones are never edited; a correction adds a row that replaces or
withdraws an earlier one, so the file shows what was recorded and what was corrected.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.lib.names import sort_name
from koers.method.models import BarrierKind


class TargetGroup(models.TextChoices):
    AUTISM = "autism", _("autisme")
    MILD_INTELLECTUAL_DISABILITY = "mild_intellectual_disability", _("licht verstandelijke beperking")
    REFUGEE_RESIDENCE_PERMIT = "refugee_residence_permit", _("statushouder")


class Youth(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="youths")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    # Surname first, tussenvoegsel after ("van Dijk" under D): the order of every list of youths.
    sort_name = models.CharField(max_length=300, default="", editable=False)
    birth_date = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    has_start_qualification = models.BooleanField(_("startkwalificatie"), default=False)
    # Sensitive data (AVG art. 9 adjacent): shown only inside the file, never in lists or logs.
    target_groups = models.JSONField(_("doelgroepkenmerken"), default=list, blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("consulent"),
    )
    contact_interval_days = models.PositiveSmallIntegerField(
        _("eigen contactnorm (dagen)"),
        null=True,
        blank=True,
        help_text=_("Leeg laten voor de standaard: 30 dagen, of 90 dagen bij zorg elders."),
    )
    face_to_face_norm = models.BooleanField(_("contactnorm: persoonlijk contact"), default=False)
    treatment_elsewhere = models.BooleanField(_("behandeling loopt bij een andere organisatie"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the file was destroyed after its retention date (koers.retention): the row stays,
    # without names, contact details or free text, for the counts of insights; no page opens it.
    destroyed_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        indexes = [
            models.Index(fields=["organisation", "consultant"]),
            # The caseload in name order, a page at a time, without sorting the whole organisation.
            models.Index(fields=["organisation", "sort_name", "id"], name="youth_organisation_sort_idx"),
            models.Index(fields=["consultant", "sort_name", "id"], name="youth_consultant_sort_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.sort_name = sort_name(self.first_name, self.last_name)
        if kwargs.get("update_fields") is not None and {"first_name", "last_name"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ConsultantAssignment(models.Model):
    """Who was the youth's consultant from when: a change is a recorded hand-over."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="assignments")
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    previous_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField()
    # A warm hand-over: what the new consultant needs to know, and the youth was told who comes.
    note = models.TextField(_("overdrachtsnotitie"), blank=True)
    youth_informed = models.BooleanField(_("jongere geïnformeerd"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"consulent vanaf {self.starts_on}"

    @property
    def is_handover(self) -> bool:
        return self.previous_consultant_id is not None


class Phase(models.TextChoices):
    REGISTRATION = "registration", _("Melding")
    INVITED = "invited", _("Uitgenodigd")
    SEARCH_PERIOD = "search_period", _("Zoekperiode")
    FOLLOW_UP = "follow_up", _("Verloop")
    AFTERCARE = "aftercare", _("Nazorg")
    CLOSED = "closed", _("Afgesloten")


class Source(models.TextChoices):
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("gemeente")
    REFERRAL = "referral", _("aanmelding door ketenpartner")
    SELF = "self", _("jongere zelf")


class Route(models.TextChoices):
    WORK = "work", _("werk")
    SCHOOL = "school", _("school")
    CARE = "care", _("zorg")
    NO_ENTITLEMENT = "no_entitlement", _("geen recht op begeleiding")


class Destination(models.TextChoices):
    WORK = "work", _("werk")
    SCHOOL = "school", _("school")
    OTHER = "other", _("anders")


class ClosingReason(models.TextChoices):
    COMPLETED = "completed", _("afgerond")
    HANDED_OVER = "handed_over", _("overgedragen")
    MOVED = "moved", _("verhuisd")
    NO_ENTITLEMENT = "no_entitlement", _("geen recht")
    STOPPED = "stopped", _("gestopt")


class MilestoneKind(models.TextChoices):
    REGISTRATION = "registration", _("Melding")
    INVITATION = "invitation", _("Uitnodiging 1e gesprek")
    FIRST_CONVERSATION = "first_conversation", _("1e gesprek")
    PLAN_CONVERSATION = "plan_conversation", _("2e gesprek (plan)")
    OUTFLOW = "outflow", _("Uitstroom")
    AFTERCARE_EXTENSION = "aftercare_extension", _("Nazorg verlengd")
    CLOSED = "closed", _("Afgesloten")


# The extra field each milestone kind needs (one list for services, pages, API and history).
MILESTONE_EXTRA_FIELDS = {
    MilestoneKind.REGISTRATION: "source",
    MilestoneKind.PLAN_CONVERSATION: "route",
    MilestoneKind.OUTFLOW: "destination",
    MilestoneKind.CLOSED: "reason",
}


class Trajectory(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="trajectories")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="trajectories")
    # Derived from the milestones by the services; stored so lists can filter on it.
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.REGISTRATION)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        indexes = [models.Index(fields=["organisation", "phase"])]

    def __str__(self) -> str:
        return f"traject {self.pk}"


class Milestone(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=30, choices=MilestoneKind.choices)
    date = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    route = models.CharField(max_length=20, choices=Route.choices, blank=True)
    destination = models.CharField(max_length=20, choices=Destination.choices, blank=True)
    reason = models.CharField(max_length=20, choices=ClosingReason.choices, blank=True)
    # A correction points at the row it replaces; a withdrawal replaces it with nothing.
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    withdrawn = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["trajectory", "kind"]),
            # The organisation's outflows (or closures) in a period: the team page's aftercare.
            models.Index(fields=["organisation", "kind", "date"], name="milestone_org_kind_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    @property
    def extra_value(self) -> str:
        """The value of this kind's extra field ("" for kinds without one)."""
        name = MILESTONE_EXTRA_FIELDS.get(self.kind)
        return getattr(self, name) if name else ""

    @property
    def extra_label(self) -> str:
        name = MILESTONE_EXTRA_FIELDS.get(self.kind)
        return str(getattr(self, f"get_{name}_display")()) if name and getattr(self, name) else ""


class BarrierSource(models.TextChoices):
    YOUTH = "youth", _("de jongere zelf")
    CONSULTANT = "consultant", _("eigen waarneming")
    NETWORK = "network", _("iemand uit het netwerk")
    CHAIN_PARTNER = "chain_partner", _("ketenpartner (met toestemming)")


class Barrier(models.Model):
    """Something that stands in the way of school or work, with when and from whom it was heard.
    Open barriers lead to toolbox suggestions; a resolved one stays as history."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField(_("belemmering"), max_length=40, choices=BarrierKind.choices)
    noted_on = models.DateField(_("gesignaleerd op"))
    source = models.CharField(_("bron"), max_length=20, choices=BarrierSource.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    resolved_on = models.DateField(_("opgelost op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("belemmering")
        verbose_name_plural = _("belemmeringen")
        ordering = ["-noted_on", "-id"]
        indexes = [models.Index(fields=["youth", "resolved_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "kind"], condition=models.Q(resolved_on__isnull=True), name="one_open_barrier_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class NetworkRelation(models.TextChoices):
    PARENT = "parent", _("ouder")
    FAMILY = "family", _("familie")
    FRIEND = "friend", _("vriend of vriendin")
    PEER = "peer", _("leeftijdgenoot of buddy")
    MENTOR = "mentor", _("mentor of rolmodel")
    PROFESSIONAL = "professional", _("hulpverlener of professional")


class NetworkInfluence(models.TextChoices):
    SUPPORTIVE = "supportive", _("steunend")
    HINDERING = "hindering", _("belemmerend")
    UNKNOWN = "unknown", _("nog onbekend")


class NetworkMember(models.Model):
    """Someone around the youth (circle of support). Involving them needs the youth's consent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("naam"), max_length=150)
    relation = models.CharField(_("relatie"), max_length=20, choices=NetworkRelation.choices)
    influence = models.CharField(
        _("steunend of belemmerend"), max_length=20, choices=NetworkInfluence.choices, default=NetworkInfluence.UNKNOWN
    )
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persoon uit het netwerk")
        verbose_name_plural = _("netwerk")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class NetworkConsent(models.Model):
    """The youth's consent to involve one network member: who gave it, when, for what; revocable."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("waarvoor"), max_length=300)
    given_by = models.CharField(_("gegeven door"), max_length=150)
    given_on = models.DateField(_("gegeven op"))
    revoked_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(revoked_on__isnull=True), name="one_open_consent_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.given_on})"

    def valid_on(self, day) -> bool:
        return self.given_on <= day and (self.revoked_on is None or self.revoked_on > day)

    @property
    def withdrawn_by_youth(self) -> bool:
        return self.revoked_on is not None and self.revoked_by_id is None


class ResearchPurpose(models.TextChoices):
    """What a youth may agree to, one consent each."""

    RESEARCH = "research", _("wetenschappelijk onderzoek naar de werkwijze")
    # The impact timeline (koers.impact): the youth's story with costs, discussed in a session.
    IMPACT = "impact", _("het verhaal en de kosten van het traject (effectencalculator)")


class ResearchConsent(models.Model):
    """The youth's consent that their data, without name (pseudonymised), is used for one purpose:
    who recorded it and when; revocable. An open consent (not revoked) per youth and purpose; a
    new one after a revocation is a new row, so the history stays."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="research_consents")
    purpose = models.CharField(_("waarvoor"), max_length=30, choices=ResearchPurpose.choices)
    given_on = models.DateField(_("gegeven op"))
    revoked_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Who recorded the revocation, and when: the youth asked someone, and that is accountable too.
    # Empty with a `revoked_on` when the youth withdrew it themselves in the portal.
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("toestemming voor onderzoek")
        verbose_name_plural = _("toestemmingen voor onderzoek")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["organisation", "purpose", "youth"], name="research_consent_org_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "purpose"],
                condition=models.Q(revoked_on__isnull=True),
                name="one_open_research_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    def valid_on(self, day) -> bool:
        return self.given_on <= day and (self.revoked_on is None or self.revoked_on > day)

    @property
    def withdrawn_by_youth(self) -> bool:
        return self.revoked_on is not None and self.revoked_by_id is None
