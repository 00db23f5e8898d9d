"""The stored agenda: the open due items of every trajectory (ADR 0002)."""

from django.conf import settings
from django.db import models

from koers.accounts.models import Organisation
from koers.agenda.labels import DUE_KIND_CHOICES
from koers.trajectories.models import Trajectory, Youth


class DueItem(models.Model):
    """An open item of a trajectory's agenda, recomputed by `agenda_refresh` after every change.

    The rules live in koers.lib.due_rules; this table only makes "Vandaag" a single query.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="due_items")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=40, choices=DUE_KIND_CHOICES)
    due = models.DateField()
    starts = models.DateField()
    ref = models.CharField(max_length=60)
    # What the item is about, copied at refresh so lists need no lookups: an agreement's text, an
    # appointment's date (for "contact after a no-show on ...").
    about = models.CharField(max_length=300, blank=True)
    about_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "kind"]
        indexes = [
            # In Vandaag's order (due, kind), so a page of 50 is read from the index, not sorted
            # from every open item of the organisation; the counts read `due` from them alone.
            models.Index(fields=["organisation", "consultant", "due", "kind"], name="dueitem_consultant_due_idx"),
            models.Index(fields=["organisation", "due", "kind"], name="dueitem_organisation_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due}"
