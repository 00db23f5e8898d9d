"""Employers and their vacancies per organisation, and what a youth does with them: interests,
"ik heb interesse", a consultant's tip, an introduction to an employer (kennismaking) and its
outcome. Employers, vacancies and employer contacts hold no youth's data (an employer's contact
person is a business contact of the organisation); the rest is the youth's personal data and is
registered in koers.privacy.registry."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.contacts.models import Channel
from koers.method.models import WorkingElement
from koers.trajectories.models import Trajectory, Youth


class VacancyKind(models.TextChoices):
    PAID = "paid", _("betaald werk")
    WORK_PLACEMENT = "work_placement", _("stage")
    TRIAL_PLACEMENT = "trial_placement", _("proefplaatsing")
    VOLUNTEERING = "volunteering", _("vrijwilligerswerk")


class StartSupport(models.TextChoices):
    """What a youth needs to start well (the source's consultants named a job coach and starting
    with a few hours)."""

    JOB_COACH = "job_coach", _("een jobcoach die me helpt op het werk")
    PART_TIME_START = "part_time_start", _("eerst een paar uur per week, daarna meer")
    COME_ALONG = "come_along", _("iemand die meegaat naar het eerste gesprek")
    ADJUSTMENTS = "adjustments", _("aanpassingen op het werk, zoals vaste taken of een rustige plek")
    TRAVEL = "travel", _("hulp met reizen naar het werk")


class IntroductionOutcome(models.TextChoices):
    INTRODUCED = "introduced", _("voorgesteld, nog geen antwoord")
    INTERVIEW_PLANNED = "interview_planned", _("gesprek gepland")
    TRIAL_PLACEMENT = "trial_placement", _("proefplaatsing")
    HIRED = "hired", _("aangenomen")
    NOT_HIRED = "not_hired", _("niet aangenomen")
    STOPPED = "stopped", _("gestopt")


class Employer(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=150)
    sector = models.CharField(_("sector"), max_length=1)  # an SBI section letter (koers.work.sectors)
    # A business contact of the organisation, not a youth's data.
    contact_person = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    socially_committed = models.BooleanField(_("maatschappelijk betrokken"), default=False)
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "organisation", name="one_employer_name_per_organisation")
        ]

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(_("titel"), max_length=200)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    place = models.CharField(_("plaats"), max_length=100)
    sector = models.CharField(_("sector"), max_length=1)
    kind = models.CharField(_("soort"), max_length=20, choices=VacancyKind.choices)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    closes_on = models.DateField(_("sluitingsdatum"), null=True, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    # The natural key: employer, title, place and start (case and spaces ignored), so an import of
    # the same file twice updates the rows it made instead of adding them again.
    key = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["closes_on", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="one_vacancy_per_natural_key")]
        indexes = [models.Index(fields=["organisation", "kind", "closes_on"], name="vacancy_org_kind_closes_idx")]

    def __str__(self) -> str:
        return self.title


class EmployerContact(models.Model):
    """A contact of the team with an employer (date, channel, who, what), logged like a youth's
    contact. About the employer relation, not about a youth."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("datum"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    person = models.CharField(_("met wie"), max_length=150, blank=True)
    notes = models.TextField(_("wat"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["employer", "date"], name="employer_contact_date_idx")]

    def __str__(self) -> str:
        return f"contact {self.date}"


class WorkInterest(models.Model):
    """What work the youth is looking for, as they filled it in on the portal (one per youth)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.OneToOneField(Youth, on_delete=models.CASCADE, related_name="work_interest")
    sectors = models.JSONField(_("sectoren"), default=list)
    hours_min = models.PositiveSmallIntegerField(_("uren per week, minstens"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("uren per week, hoogstens"), null=True, blank=True)
    places = models.JSONField(_("plaatsen"), default=list)
    kinds = models.JSONField(_("soorten werk"), default=list)
    support = models.JSONField(_("hulp bij de start"), default=list)
    support_note = models.CharField(_("iets anders dat je nodig hebt"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "wensen voor werk"


class VacancyInterest(models.Model):
    """The youth pressed "Ik heb interesse" on a vacancy (once per vacancy)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["youth", "vacancy"], name="one_interest_per_vacancy")]

    def __str__(self) -> str:
        return f"interesse {self.vacancy_id}"


class VacancyTip(models.Model):
    """A consultant tipped a vacancy to the youth (once per vacancy)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("waarom deze vacature"), max_length=300, blank=True)
    tipped_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["youth", "vacancy"], name="one_tip_per_vacancy")]

    def __str__(self) -> str:
        return f"tip {self.vacancy_id}"


class Introduction(models.Model):
    """The consultant introduced the youth to an employer (a kennismaking, no application letter
    needed), coded with the working elements of lasting employer relations. `outcome` is the latest
    of its `outcomes` (append-only), kept here for counting."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="introductions")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    date = models.DateField(_("datum"))
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    working_elements = models.ManyToManyField(WorkingElement, blank=True, related_name="+")
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=IntroductionOutcome.choices, default=IntroductionOutcome.INTRODUCED
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["youth", "date"], name="introduction_youth_date_idx"),
            models.Index(fields=["organisation", "date"], name="introduction_org_date_idx"),
        ]

    def __str__(self) -> str:
        return f"kennismaking {self.date}"


class IntroductionOutcomeChange(models.Model):
    """Append-only: each outcome an introduction got, with its date."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(max_length=20, choices=IntroductionOutcome.choices)
    on = models.DateField(_("op"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.outcome} {self.on}"
