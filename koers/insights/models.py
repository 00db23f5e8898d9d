"""Summary tables: what the insights pages read instead of scanning every contact.

A `PracticeCount` row holds how often something was applied (a working element, a step, a
toolbox item) or how many contacts there were, for one consultant (and their team then), one
month and one phase of the trajectory. The worker job `practice_counts_fill` adds the contacts and
interventions recorded since it last ran; `FillState` remembers how far it got (after Zulip's
analytics counts), so a page never counts millions of rows and a missed round is made up later.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation


class CountKind(models.TextChoices):
    CONTACT = "contact", _("contacten")
    ELEMENT = "element", _("werkzaam element")
    STEP = "step", _("stap uit de werkwijze")
    TOOLBOX = "toolbox", _("hulp uit de gereedschapskist")


class PracticeCount(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Plain ids, 0 for none (a youth's own portal answer has no consultant; a consultant may have
    # no team): the unique key below must hold on SQLite too, where NULLs are always distinct.
    consultant_key = models.BigIntegerField(default=0)
    team_key = models.BigIntegerField(default=0)
    month = models.DateField()  # the first day of the month
    phase = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=CountKind.choices)
    key = models.CharField(max_length=80, blank=True)  # element code, step or toolbox key; empty for contacts
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "consultant_key", "team_key", "month", "phase", "kind", "key"],
                name="one_practice_count",
            )
        ]
        indexes = [
            models.Index(fields=["consultant_key", "month"], name="practice_consultant_month_idx"),
            models.Index(fields=["organisation", "team_key", "month"], name="practice_team_month_idx"),
            models.Index(fields=["organisation", "month"], name="practice_org_month_idx"),
            # Contacts per consultant and month (the caseload experiment) without reading the element rows.
            models.Index(fields=["organisation", "kind", "month"], name="practice_org_kind_month_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.month:%Y-%m}: {self.count}"


class FillState(models.Model):
    """How far a summary has been filled: the highest id of each source table counted."""

    name = models.CharField(max_length=40, unique=True)
    last_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_id}"


class Frequency(models.IntegerChoices):
    """The answers of the verbetertool, with the share of conversations each roughly means."""

    NEVER = 0, _("Nooit")
    RARELY = 1, _("Zelden")
    SOMETIMES = 2, _("Soms")
    OFTEN = 3, _("Vaak")
    ALWAYS = 4, _("(Bijna) altijd")


class SelfAssessment(models.Model):
    """One filling-in of the verbetertool by a consultant: how often they think they apply each
    working element. Kept over time (a new row each time); private unless shared (InsightSharing)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    consultant = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="self_assessments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["consultant", "-created_at"], name="self_assessment_newest_idx")]

    def __str__(self) -> str:
        return f"{self.consultant_id} {self.created_at:%Y-%m-%d}"


class SelfAssessmentAnswer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    element = models.ForeignKey("method.WorkingElement", on_delete=models.PROTECT, related_name="+")
    frequency = models.PositiveSmallIntegerField(choices=Frequency.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "element"], name="one_answer_per_element")]

    def __str__(self) -> str:
        return f"{self.element_id}: {self.frequency}"


class InsightSharing(models.Model):
    """What a consultant shares of their own insights. Nothing by default."""

    consultant = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="insight_sharing")
    self_assessment_with_team_lead = models.BooleanField(default=False)
    # The intervision group is the consultant's team: the colleagues they discuss cases with.
    self_assessment_with_team = models.BooleanField(default=False)
    name_in_team_profile = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.consultant_id}"


class TrajectoryFacts(models.Model):
    """One row per trajectory, what the throughput pages count: its dates along the flow chart
    (from the milestones that count, withdrawn and replaced ones left out), the days it spent in
    each phase, its route and destination, and whose it was. Filled by the worker job
    `trajectory_facts_fill` (koers.insights.services.throughput); never written by a page.

    The consultant is the one at the outflow (at the closing without outflow, else the current
    one), from the recorded hand-overs. Koers keeps no history of teams, so the team is the
    consultant's team when the row first saw the trajectory end, and is kept while the consultant
    stays the same (a later move of the consultant to another team does not move old outflows).
    """

    trajectory = models.OneToOneField("trajectories.Trajectory", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    consultant_key = models.BigIntegerField(default=0)  # 0: none (as PracticeCount)
    team_key = models.BigIntegerField(default=0)
    registered_on = models.DateField()
    first_conversation_on = models.DateField(null=True)
    outflow_on = models.DateField(null=True)
    closed_on = models.DateField(null=True)
    route = models.CharField(max_length=20, blank=True)  # of the plan conversation
    destination = models.CharField(max_length=20, blank=True)  # of the outflow
    closing_reason = models.CharField(max_length=20, blank=True)
    # The youth's target-group markers as "|autism|refugee_residence_permit|" ("" for none), so a
    # filter is a plain `contains` on PostgreSQL and SQLite alike. Only counted, never listed.
    target_groups = models.CharField(max_length=200, blank=True)
    days_to_outflow = models.PositiveIntegerField(null=True)
    # Days in each phase of the flow chart, for phases the trajectory has left (None otherwise).
    days_registration = models.PositiveIntegerField(null=True)
    days_invited = models.PositiveIntegerField(null=True)
    days_search_period = models.PositiveIntegerField(null=True)
    days_follow_up = models.PositiveIntegerField(null=True)
    days_aftercare = models.PositiveIntegerField(null=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "registered_on"], name="facts_org_registered_idx"),
            models.Index(fields=["organisation", "outflow_on"], name="facts_org_outflow_idx"),
            models.Index(fields=["organisation", "consultant_key"], name="facts_org_consultant_idx"),
            models.Index(fields=["refreshed_at"], name="facts_refreshed_idx"),
        ]

    def __str__(self) -> str:
        return f"traject {self.trajectory_id}"


class ExperimentGroup(models.Model):
    """A group of consultants the team lead follows from a date, e.g. those with a smaller
    caseload from 1 March: the experiment page compares them with the other consultants, and
    with themselves before that date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=100)
    starts_on = models.DateField(_("vanaf"))
    consultants = models.ManyToManyField("accounts.User", related_name="+", verbose_name=_("consulenten"))
    note = models.TextField(_("toelichting"), max_length=1000, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_experiment_group_name")]

    def __str__(self) -> str:
        return self.name
