"""django-q2's schedules and runs under Dutch names, for the admin (django-q2 has no Dutch texts)."""

from django.utils.translation import gettext_lazy as _
from django_q.models import Schedule, Task


class JobSchedule(Schedule):
    class Meta:
        proxy = True
        verbose_name = _("planning van een taak")
        verbose_name_plural = _("planning van de taken")


class JobRun(Task):
    class Meta:
        proxy = True
        verbose_name = _("uitgevoerde taak")
        verbose_name_plural = _("uitgevoerde taken")
        ordering = ["-started"]
