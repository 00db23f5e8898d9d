"""The plan (plan van aanpak and persoonlijk actieplan in one), its sub-goals and its versions,
and the youth's daily step.

A plan belongs to one trajectory. Its current state lives in `Plan` and `SubGoal`; every change
adds a `PlanRevision` with a full snapshot, so the history shows every version with who and when,
and the youth sees what changed since the previous one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation
from koers.trajectories.models import Route, Trajectory, Youth


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="plan")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="plans")
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    main_goal = models.TextField(_("hoofddoel"), max_length=500)
    agreements = models.TextField(_("afspraken"), max_length=2000, blank=True)
    made_on = models.DateField(_("gemaakt op"))
    evaluation_on = models.DateField(_("evaluatie op"))
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return f"plan {self.pk} (versie {self.version})"


class SubGoalOwner(models.TextChoices):
    YOUTH = "youth", _("jongere")
    CONSULTANT = "consultant", _("consulent")
    PARTNER = "partner", _("partner")


class SubGoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("gedaan")
    STOPPED = "stopped", _("gestopt")


class SubGoal(models.Model):
    """A small, concrete step towards the main goal, with an owner and (mostly) a date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sub_goals")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("subdoel"), max_length=300)
    owner = models.CharField(_("wie doet het"), max_length=20, choices=SubGoalOwner.choices)
    partner_name = models.CharField(_("naam partner"), max_length=120, blank=True)
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=SubGoalStatus.choices, default=SubGoalStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    done_by_youth = models.BooleanField(default=False)
    youth_note = models.CharField(_("notitie van de jongere"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["organisation", "done_by_youth", "done_on"], name="subgoal_done_by_youth_idx")]

    def __str__(self) -> str:
        return f"subdoel {self.pk}"

    @property
    def owner_label(self) -> str:
        if self.owner == SubGoalOwner.PARTNER and self.partner_name:
            return self.partner_name
        return str(self.get_owner_display())


class PlanRevision(models.Model):
    """One version of a plan: a snapshot, who made it and when. Never changed afterwards."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_by_youth = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_number_unique")]

    def __str__(self) -> str:
        return f"versie {self.number}"


class DailyStepChoice(models.Model):
    """The youth chose, with the consultant, to get one small step a day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.OneToOneField(Youth, on_delete=models.CASCADE, related_name="daily_step_choice")
    # Keys from koers/plans/data/daily_steps.json; empty means: the whole library.
    step_keys = models.JSONField(default=list, blank=True)
    from_plan = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    chosen_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"dagelijkse stap {self.pk}"


class DailyStepDone(models.Model):
    """What the youth did on a day: one row per day (the series for N=1 analysis later)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="daily_steps_done")
    day = models.DateField()
    step_key = models.CharField(max_length=60)
    text = models.CharField(max_length=300)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["youth", "day"], name="daily_step_one_per_day")]

    def __str__(self) -> str:
        return f"stap {self.day}"
