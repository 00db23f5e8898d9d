"""Contacts with coded interventions, agreements, and appointments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation, Team
from koers.method.models import MethodStep, ToolboxItem, WorkingElement
from koers.trajectories.models import NetworkMember, Trajectory


class Channel(models.TextChoices):
    OFFICE = "office", _("op kantoor")
    HOME_VISIT = "home_visit", _("huisbezoek")
    WALK = "walk", _("wandelend gesprek")
    PHONE = "phone", _("telefoon")
    VIDEO = "video", _("beeldbellen")
    MESSAGE = "message", _("bericht")
    MAIL = "mail", _("e-mail of brief")


class Participant(models.TextChoices):
    YOUTH = "youth", _("jongere")
    PARENT = "parent", _("ouder")
    NETWORK = "network", _("netwerk")
    CHAIN_PARTNER = "chain_partner", _("ketenpartner")
    ENFORCEMENT = "enforcement", _("handhaving")


class Purpose(models.TextChoices):
    INTAKE = "intake", _("kennismaking / intake")
    STATUS_CHECK = "status_check", _("stand van zaken")
    AGREEMENTS = "agreements", _("afspraken bespreken")
    PLAN_EVALUATION = "plan_evaluation", _("plan evalueren")
    CONTINUE_APPLICATION = "continue_application", _("herinneren: aanvraag doorzetten")
    NO_SHOW_FOLLOW_UP = "no_show_follow_up", _("contact na niet verschijnen")
    INTRODUCTION = "introduction", _("kennismaking nieuwe consulent")
    AFTERCARE_CHECK_IN = "aftercare_check_in", _("nazorg: hoe gaat het?")
    PREPARE_AFTERCARE_END = "prepare_aftercare_end", _("nazorg: einde voorbereiden")
    AFTERCARE_FOLLOW_UP = "aftercare_follow_up", _("nazorg: bericht na zes maanden")
    ENFORCEMENT_CONVERSATION = "enforcement_conversation", _("gesprek over handhaving")
    OTHER = "other", _("anders")


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("datum"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    purpose = models.CharField(_("doel"), max_length=30, choices=Purpose.choices, default=Purpose.STATUS_CHECK)
    # The trajectory's phase on the contact's date, kept for counting (koers.insights).
    phase = models.CharField(_("fase"), max_length=20, blank=True)
    # Each coded working element is an Intervention row with what counting needs (koers.insights).
    interventions = models.ManyToManyField(WorkingElement, through="Intervention", blank=True, related_name="+")
    # The steps of the method ticked at this contact, in the version then current (never changed).
    steps = models.ManyToManyField(MethodStep, blank=True, related_name="+", verbose_name=_("stappen"))
    # People from the youth's network who took part (each with the youth's consent on that day).
    network_members = models.ManyToManyField(
        NetworkMember, blank=True, related_name="+", verbose_name=_("uit het netwerk")
    )
    toolbox_items = models.ManyToManyField(
        ToolboxItem, blank=True, related_name="+", verbose_name=_("uit de gereedschapskist")
    )
    evaluation_question_asked = models.BooleanField(_("evaluatievraag gesteld"), default=False)
    notes = models.TextField(_("notities"), blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["trajectory", "date"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.date}"

    @property
    def participants(self) -> list[str]:
        """Who took part, as participant codes (prefetch `participant_rows` when reading many)."""
        return [row.kind for row in sorted(self.participant_rows.all(), key=lambda row: row.pk)]


class InterventionSource(models.TextChoices):
    """How a working element came on a contact: ticked itself, or through a method step or a
    toolbox item it belongs to."""

    CODED = "coded", _("aangevinkt")
    STEP = "step", _("via een stap uit de werkwijze")
    TOOLBOX = "toolbox", _("via de gereedschapskist")


class Intervention(models.Model):
    """One working element applied at one contact, with what counting needs, as it was then: the
    organisation, the contact's date, the youth and trajectory, the consultant who recorded it,
    their team and the trajectory's phase on that date. Reports count these rows (koers.insights);
    a later hand-over or team move does not change whose practice a past contact was."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey("Contact", on_delete=models.CASCADE, related_name="intervention_rows")
    element = models.ForeignKey(WorkingElement, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=InterventionSource.choices, default=InterventionSource.CODED)
    date = models.DateField()
    youth = models.ForeignKey("trajectories.Youth", on_delete=models.CASCADE, related_name="+")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="+")
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    phase = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "element"], name="one_intervention_per_element")]
        indexes = [
            models.Index(fields=["organisation", "date"], name="intervention_org_date_idx"),
            models.Index(fields=["consultant", "date"], name="intervention_consultant_idx"),
            models.Index(fields=["team", "date"], name="intervention_team_date_idx"),
            models.Index(fields=["youth", "date"], name="intervention_youth_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.element_id} {self.date}"


class ContactParticipant(models.Model):
    """Who took part in a contact (the youth, a parent, someone of the network, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey("Contact", on_delete=models.CASCADE, related_name="participant_rows")
    kind = models.CharField(max_length=20, choices=Participant.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "kind"], name="one_participant_kind_per_contact")]
        indexes = [models.Index(fields=["kind", "contact"], name="participant_kind_contact_idx")]

    def __str__(self) -> str:
        return self.get_kind_display()


class AgreementOwner(models.TextChoices):
    YOUTH = "youth", _("jongere")
    CONSULTANT = "consultant", _("consulent")


class Agreement(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="agreements")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="agreements")
    owner = models.CharField(_("voor wie"), max_length=20, choices=AgreementOwner.choices)
    description = models.CharField(_("afspraak"), max_length=300)
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    HELD = "held", _("gehouden")
    NO_SHOW = "no_show", _("niet verschenen")
    CANCELLED = "cancelled", _("afgezegd")


class Appointment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="appointments")
    date = models.DateField(_("datum"))
    time = models.TimeField(_("tijd"), null=True, blank=True)
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, default=Channel.OFFICE)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "time", "id"]

    def __str__(self) -> str:
        return f"gesprek {self.date}"


class AppointmentStatusChange(models.Model):
    """Append-only history of an appointment's status."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=AppointmentStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.get_status_display()


class EnforcementProposal(models.Model):
    """The consultant proposes enforcement (a benefit cut) to the income department. Young people
    asked that this is first discussed with them in person: `conversation` is that contact."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="enforcement_proposals")
    proposed_on = models.DateField(_("voorgesteld op"))
    reason = models.CharField(_("reden"), max_length=300)
    conversation = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="+", verbose_name=_("gesprek erover met de jongere")
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voorstel tot handhaving")
        verbose_name_plural = _("voorstellen tot handhaving")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return f"handhaving {self.proposed_on}"


class AssessmentOccasion(models.TextChoices):
    INTAKE = "intake", _("intake")
    PLAN_EVALUATION = "plan_evaluation", _("evaluatie van het plan")
    OTHER = "other", _("tussendoor")


class LifeDomainAssessment(models.Model):
    """The life domains scored together with the youth (1-5 self-reliance), at intake and at
    plan evaluations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(_("datum"))
    occasion = models.CharField(_("moment"), max_length=20, choices=AssessmentOccasion.choices)
    domain_set = models.CharField(max_length=30)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leefgebiedenmeting")
        verbose_name_plural = _("leefgebiedenmetingen")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.date}"


class LifeDomainScore(models.Model):
    assessment = models.ForeignKey(LifeDomainAssessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(max_length=30)
    score = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=300, blank=True)
    first_to_solve = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain")]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"


class SelfRating(models.Model):
    """The youth's own short ratings: stress 0-10, confidence in the next step 0-10, how the
    trajectory goes 1-10. Recorded at a contact (later also in the portal)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="self_ratings")
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="self_rating")
    date = models.DateField(_("datum"))
    stress = models.PositiveSmallIntegerField(_("stress"), null=True, blank=True)
    confidence = models.PositiveSmallIntegerField(_("vertrouwen in de volgende stap"), null=True, blank=True)
    mark = models.PositiveSmallIntegerField(_("cijfer voor het traject"), null=True, blank=True)

    class Meta:
        verbose_name = _("zelfbeoordeling")
        verbose_name_plural = _("zelfbeoordelingen")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["trajectory", "date"])]

    def __str__(self) -> str:
        return f"{self.date}"
