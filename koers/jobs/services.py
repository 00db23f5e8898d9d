"""The schedules in the database follow koers.jobs.schedules.JOBS; running a job by its dotted path.

django-q2 keeps its schedules as `Schedule` rows and its cluster reads those, not our list.
`schedules_sync` (run by `koers worker` at every start) makes the rows match the list; the function
is stored as a dotted string and never imported here.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Failure, Schedule

from koers.jobs.schedules import JOBS, DailyAt, EveryMinutes, EveryRound, Job

logger = logging.getLogger(__name__)

_SYNC_LOCK = 7_150_001  # PostgreSQL advisory lock: two workers starting at once sync one after the other
FAILURES_KEPT = dt.timedelta(days=30)


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    removed: int


def scheduled(jobs: tuple[Job, ...] = JOBS) -> tuple[Job, ...]:
    return tuple(job for job in jobs if not isinstance(job.when, EveryRound))


def round_jobs(jobs: tuple[Job, ...] = JOBS) -> tuple[Job, ...]:
    return tuple(job for job in jobs if isinstance(job.when, EveryRound))


def schedules_sync(jobs: tuple[Job, ...] = JOBS, *, now: dt.datetime | None = None) -> SyncResult:
    """Create, change and remove `Schedule` rows until they are the scheduled jobs of the list.

    Repeating it changes nothing. A row whose name is not in the list is removed (the list is the
    one place schedules are made). A new schedule, or one whose timing changed, is due at once: a
    daily job then runs its missed last time, and after that at its time."""
    now = now or timezone.now()
    wanted = {job.name: job for job in scheduled(jobs)}
    created = updated = 0
    with transaction.atomic():
        # SQLite's transactions already run one at a time (transaction_mode IMMEDIATE).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SYNC_LOCK])
        rows: dict[str, Schedule] = {}
        duplicates = []
        for row in Schedule.objects.select_for_update().order_by("pk"):
            if row.name in wanted and row.name not in rows:
                rows[row.name] = row
            else:
                duplicates.append(row.pk)
        removed, _per_model = Schedule.objects.filter(pk__in=duplicates).delete()
        for name, job in wanted.items():
            row = rows.get(name)
            if row is None:
                Schedule.objects.create(name=name, func=job.func, repeats=-1, **_timing(job, now))
                created += 1
            elif _changed(row, job):
                row.func = job.func
                row.repeats = -1
                for field, value in _timing(job, now).items():
                    setattr(row, field, value)
                row.save()
                updated += 1
    return SyncResult(created=created, updated=updated, removed=removed)


def _timing(job: Job, now: dt.datetime) -> dict:
    if isinstance(job.when, EveryMinutes):
        return {"schedule_type": Schedule.MINUTES, "minutes": job.when.minutes, "next_run": now}
    assert isinstance(job.when, DailyAt)
    return {"schedule_type": Schedule.DAILY, "minutes": None, "next_run": _last_time(job.when.time, now)}


def _last_time(at: dt.time, now: dt.datetime) -> dt.datetime:
    """The latest moment at or before `now` that the clock in the Netherlands showed `at`; the
    scheduler adds days to it, keeping the local time over a change to or from summer time."""
    local = timezone.localtime(now)
    today = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today <= local else today - dt.timedelta(days=1)


def _changed(row: Schedule, job: Job) -> bool:
    if row.func != job.func or row.repeats != -1:
        return True
    if isinstance(job.when, EveryMinutes):
        return row.schedule_type != Schedule.MINUTES or row.minutes != job.when.minutes
    assert isinstance(job.when, DailyAt)
    if row.schedule_type != Schedule.DAILY or row.next_run is None:
        return True
    shown = timezone.localtime(row.next_run).time()
    return (shown.hour, shown.minute) != (job.when.time.hour, job.when.time.minute)


def due_claim(jobs: tuple[Job, ...] = JOBS, *, now: dt.datetime | None = None) -> list[Job]:
    """For `koers worker --once`: the scheduled jobs that are due, each moved to its next time as
    the cluster's scheduler does (so a cluster beside it does not run them too)."""
    now = now or timezone.now()
    by_name = {job.name: job for job in scheduled(jobs)}
    with transaction.atomic():
        rows = list(
            Schedule.objects.select_for_update(skip_locked=True)
            .filter(name__in=by_name, next_run__lte=now)
            .exclude(repeats=0)
        )
        for row in rows:
            next_run = row.next_run
            while next_run <= now:  # catch_up is off: a missed time is not made up for
                next_run = row.calculate_next_run(next_run)
            row.next_run = next_run
            row.save(update_fields=["next_run"])
    claimed = {row.name for row in rows}
    return [job for job in scheduled(jobs) if job.name in claimed]


def job_run(job: Job) -> bool:
    """Import and run one job in this process; a failure (its import included) is logged, not raised."""
    connections_refresh()
    try:
        import_string(job.func)()
    except Exception:
        logger.exception("worker: job %s failed", job.func)
        return False
    return True


def connections_refresh() -> None:
    """As Django does around a request: a connection the database dropped is replaced, not reused.

    Not inside a transaction (a test's), where closing would break it.
    """
    for each in connections.all(initialized_only=True):
        if not each.in_atomic_block:
            each.close_if_unusable_or_obsolete()


def task_failures_prune(*, now: dt.datetime | None = None) -> int:
    """Remove django-q2's records of failed runs after FAILURES_KEPT; its save_limit bounds only the
    successful ones. Returns how many were removed."""
    before = (now or timezone.now()) - FAILURES_KEPT
    removed, _per_model = Failure.objects.filter(stopped__lt=before).delete()
    return removed
