"""schedules_sync: the Schedule rows follow koers/jobs/schedules.py, however often and at once it runs."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django_q.models import Schedule

from koers.jobs.schedules import JOBS, DailyAt, EveryMinutes, EveryRound, Job
from koers.jobs.services import SyncResult, schedules_sync
from tests.concurrency import at_once

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=AMSTERDAM)

MAIL = Job("mail", "tests.jobs.job_functions.note_run", EveryRound(), "Mail")
FILL = Job("fill", "tests.jobs.job_functions.note_run", EveryMinutes(5), "Vullen")
NIGHT = Job("night", "tests.jobs.job_functions.note_run", DailyAt(dt.time(2, 30)), "Nacht")
EVENING = Job("evening", "tests.jobs.job_functions.note_run", DailyAt(dt.time(22, 0)), "Avond")


def _rows() -> dict:
    return {row.name: row for row in Schedule.objects.all()}


@pytest.mark.django_db
def test_every_scheduled_job_of_the_list_gets_one_row_and_a_second_sync_changes_nothing():
    first = schedules_sync()
    rows = _rows()

    assert set(rows) == {job.name for job in JOBS if not isinstance(job.when, EveryRound)}
    assert "mail_send" not in rows  # the worker's own round, not the cluster's
    assert rows["destruction"].func == "koers.retention.services.destruction.destruction_run"
    assert rows["cleanup"].func == "koers.jobs.cleanup.cleanup_run"
    assert first.created == len(rows) and first.removed == 0
    assert schedules_sync() == SyncResult(created=0, updated=0, removed=0)
    assert _rows().keys() == rows.keys()
    assert {row.pk: row.next_run for row in _rows().values()} == {row.pk: row.next_run for row in rows.values()}


@pytest.mark.django_db
def test_a_new_schedule_is_due_at_once_and_a_daily_one_then_keeps_its_own_time():
    schedules_sync((MAIL, FILL, NIGHT, EVENING), now=NOON)
    rows = _rows()

    assert set(rows) == {"fill", "night", "evening"}
    assert rows["fill"].schedule_type == Schedule.MINUTES and rows["fill"].minutes == 5
    assert rows["fill"].next_run == NOON
    # Last night's 02:30 and yesterday evening's 22:00: both due; the scheduler adds whole days.
    assert rows["night"].schedule_type == Schedule.DAILY
    assert rows["night"].next_run == dt.datetime(2026, 12, 7, 2, 30, tzinfo=AMSTERDAM)
    assert rows["evening"].next_run == dt.datetime(2026, 12, 6, 22, 0, tzinfo=AMSTERDAM)
    assert rows["night"].calculate_next_run() == dt.datetime(2026, 12, 8, 2, 30, tzinfo=AMSTERDAM)


@pytest.mark.django_db
def test_a_changed_job_is_updated_and_a_dropped_one_removed():
    schedules_sync((FILL, NIGHT), now=NOON)
    Schedule.objects.create(name="made by hand", func="tests.jobs.job_functions.note_run")
    Schedule.objects.create(name="fill", func="tests.jobs.job_functions.note_run")  # a double
    kept = _rows()["night"].pk

    result = schedules_sync(
        (Job("fill", "tests.jobs.job_functions.always_fails", EveryMinutes(10), "Vullen"), NIGHT), now=NOON
    )

    rows = _rows()
    assert result == SyncResult(created=0, updated=1, removed=2)
    assert set(rows) == {"fill", "night"} and Schedule.objects.count() == 2
    assert rows["fill"].func == "tests.jobs.job_functions.always_fails" and rows["fill"].minutes == 10
    assert rows["night"].pk == kept

    schedules_sync((FILL,), now=NOON)
    assert set(_rows()) == {"fill"}


@pytest.mark.django_db
def test_a_daily_job_moved_to_another_time_gets_that_time():
    schedules_sync((NIGHT,), now=NOON)
    schedules_sync((Job("night", NIGHT.func, DailyAt(dt.time(4, 15)), "Nacht"),), now=NOON)

    assert _rows()["night"].next_run == dt.datetime(2026, 12, 7, 4, 15, tzinfo=AMSTERDAM)


@pytest.mark.django_db(transaction=True)
def test_two_workers_starting_at_once_make_each_schedule_once():
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's")

    results = at_once(4, lambda _index: schedules_sync())

    assert not [result for result in results if isinstance(result, Exception)], results
    names = list(Schedule.objects.values_list("name", flat=True))
    assert sorted(names) == sorted(set(names))
    assert sum(result.created for result in results) == len(names)
