"""The real thing on PostgreSQL: `koers worker` and django-q2's cluster in their own processes.

Slow (the cluster's scheduler first looks at the schedules about 30 seconds after it starts), so
each test covers several promises at once.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import OrmQ, Schedule, Task
from django_q.scheduler import scheduler
from django_q.tasks import async_task

from koers.jobs.schedules import JOBS, DailyAt, EveryRound
from koers.outbox.heartbeat import worker_last_seen
from tests.concurrency import at_once
from tests.jobs.job_functions import RUNS_FILE
from tests.test_two_app_servers import _database_url

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[2]
SCHEDULER_DELAY = 30  # django-q2's guard loop calls the scheduler this many seconds after the start


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("several processes on one database: PostgreSQL")


def _start(command: list[str], log: Path, tmp_path: Path, *, own_group: bool = False, **env: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "KOERS_DATABASE_URL": _database_url(),
        "KOERS_PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "KOERS_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **env,
    }
    with log.open("w") as output:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "koers.cli", *command],
            cwd=REPO,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=own_group,
        )


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def _stop(process: subprocess.Popen, log: Path) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return log.read_text(errors="replace")


def test_two_workers_started_at_once_run_each_daily_job_once_and_stop_on_sigterm(tmp_path):
    daily = {job.name for job in JOBS if isinstance(job.when, DailyAt)}
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [_start(["worker", "--interval", "0.5"], log, tmp_path) for log in logs]
    try:
        # New schedules are due at once; each cluster's scheduler looks after about 30 seconds.
        assert _wait_for(
            lambda: set(Task.objects.filter(group__in=daily).values_list("group", flat=True)) == daily,
            SCHEDULER_DELAY + 30,
        ), [log.read_text() for log in logs]
        time.sleep(5)  # both schedulers have had their turn by now
        assert all(worker.poll() is None for worker in workers), [log.read_text() for log in logs]
        runs = list(Task.objects.filter(group__in=daily).values_list("group", "success"))
        assert sorted(runs) == sorted((name, True) for name in daily)  # once each, not twice
        names = list(Schedule.objects.values_list("name", flat=True))
        assert sorted(names) == sorted(job.name for job in JOBS if not isinstance(job.when, EveryRound))
        seen = worker_last_seen()
        assert seen is not None and timezone.now() - seen < timezone.timedelta(minutes=1)
    finally:
        outputs = [_stop(worker, log) for worker, log in zip(workers, logs, strict=True)]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    assert all("Koers-worker is gestopt." in output for output in outputs), outputs
    assert not OrmQ.objects.exists()  # nothing left half done in the queue


def test_a_stop_signal_to_all_its_processes_at_once_stops_the_worker(tmp_path):
    """As systemd stops a service (and Ctrl+C a terminal): every process of the group gets the
    signal, django-q2's too. The worker must not wait forever for a cluster that is already gone."""
    log = tmp_path / "worker.log"
    worker = _start(["worker", "--interval", "0.5"], log, tmp_path, own_group=True)
    try:
        assert _wait_for(lambda: "Koers-worker draait" in log.read_text(errors="replace"), 30), log.read_text()
        time.sleep(3)  # the cluster's processes are up
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            pytest.fail(f"the worker still ran 30 seconds after the signal: {log.read_text(errors='replace')}")


def test_two_schedulers_at_once_make_one_task_per_due_schedule():
    earlier = timezone.now() - timezone.timedelta(minutes=1)
    Schedule.objects.bulk_create(
        Schedule(
            name=f"due {number}",
            func="tests.jobs.job_functions.note_run",
            schedule_type=Schedule.MINUTES,
            minutes=60,
            next_run=earlier,
        )
        for number in range(40)
    )

    results = at_once(4, lambda _index: scheduler(broker=get_broker()))

    assert results == [None] * 4
    assert OrmQ.objects.count() == 40
    assert not Schedule.objects.filter(next_run__lte=timezone.now()).exists()


def test_a_failing_job_is_tried_max_attempts_times_and_recorded(tmp_path):
    runs = tmp_path / "runs.txt"
    runs.touch()
    async_task("tests.jobs.job_functions.always_fails", q_options={"group": "fails"})
    async_task("tests.jobs.job_functions.note_run", q_options={"group": "works"})
    log = tmp_path / "cluster.log"
    # Timeout 1 second, so a job not finished is handed out again after 6 (koers/settings.py).
    cluster = _start(["qcluster"], log, tmp_path, KOERS_JOB_TIMEOUT_SECONDS="1", **{RUNS_FILE: str(runs)})
    try:
        assert _wait_for(
            lambda: Task.objects.filter(group="fails", attempt_count=3).exists() and not OrmQ.objects.exists(),
            40,
        ), log.read_text()
        time.sleep(8)  # longer than the retry: no fourth attempt
    finally:
        output = _stop(cluster, log)
    failed = Task.objects.get(group="fails")
    assert failed.attempt_count == 3 and failed.success is False
    assert "this job always fails" in failed.result
    worked = Task.objects.get(group="works")
    assert worked.success is True and worked.attempt_count == 1
    assert len(runs.read_text().split()) == 1, output
    assert not OrmQ.objects.exists()
