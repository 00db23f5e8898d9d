"""The background jobs in the Django admin: read-only, in Dutch, for platform operators.

Replaces django-q2's own admin pages, which are in English and let one edit a schedule, run a task
again or empty the queue: the schedules follow koers/jobs/schedules.py (a change here would be
undone at the next start of `koers worker`), and a job is started by its schedule only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_q.models import Failure, OrmQ, Schedule, Success

from koers.db.admin import SuperuserReadOnlyAdmin
from koers.jobs.models import JobRun, JobSchedule
from koers.jobs.schedules import JOBS

for model in (Schedule, Success, Failure, OrmQ):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

_BY_NAME = {job.name: job for job in JOBS}


@admin.register(JobSchedule)
class JobScheduleAdmin(SuperuserReadOnlyAdmin):
    list_display = ["job", "description", "next_time"]
    fields = ["job", "description", "function", "next_time"]
    readonly_fields = fields
    ordering = ["next_run"]

    @admin.display(description=_("taak"), ordering="name")
    def job(self, obj):
        return obj.name

    @admin.display(description=_("omschrijving"))
    def description(self, obj):
        job = _BY_NAME.get(obj.name)
        return job.description if job else "-"

    @admin.display(description=_("functie"))
    def function(self, obj):
        return obj.func

    @admin.display(description=_("volgende keer"), ordering="next_run")
    def next_time(self, obj):
        return obj.next_run


class _Outcome(admin.SimpleListFilter):
    title = _("uitkomst")
    parameter_name = "gelukt"

    def lookups(self, request, model_admin):
        return [("ja", _("gelukt")), ("nee", _("mislukt"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nee"):
            return queryset.filter(success=self.value() == "ja")
        return queryset


class _Job(admin.SimpleListFilter):
    title = _("taak")
    parameter_name = "taak"

    def lookups(self, request, model_admin):
        return [(job.name, job.name) for job in JOBS if job.name in _scheduled_names()]

    def queryset(self, request, queryset):
        return queryset.filter(group=self.value()) if self.value() else queryset


def _scheduled_names() -> set[str]:
    return set(JobSchedule.objects.values_list("name", flat=True))


@admin.register(JobRun)
class JobRunAdmin(SuperuserReadOnlyAdmin):
    list_display = ["job", "started_at", "stopped_at", "succeeded", "attempts"]
    list_filter = [_Outcome, _Job]
    date_hierarchy = "started"
    fields = ["job", "function", "started_at", "stopped_at", "succeeded", "attempts", "outcome"]
    readonly_fields = fields

    @admin.display(description=_("taak"), ordering="group")
    def job(self, obj):
        return obj.group

    @admin.display(description=_("functie"))
    def function(self, obj):
        return obj.func

    @admin.display(description=_("begonnen"), ordering="started")
    def started_at(self, obj):
        return obj.started

    @admin.display(description=_("klaar"), ordering="stopped")
    def stopped_at(self, obj):
        return obj.stopped

    @admin.display(description=_("gelukt"), boolean=True, ordering="success")
    def succeeded(self, obj):
        return obj.success

    @admin.display(description=_("pogingen"), ordering="attempt_count")
    def attempts(self, obj):
        return obj.attempt_count

    @admin.display(description=_("uitkomst"))
    def outcome(self, obj):
        return str(obj.result)  # a job returns a count; a failed run keeps its traceback
