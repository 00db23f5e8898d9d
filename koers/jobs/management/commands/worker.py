"""`koers worker [--interval S] [--once] [--list]`: the background jobs of koers.jobs.schedules (ADR 0015).

Started without options it syncs the schedules, starts django-q2's cluster (its own processes run
the scheduled jobs) and runs the jobs someone waits for (sign-in codes, mail) in its own loop,
every few seconds, writing the readiness heartbeat.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django_q.cluster import Cluster

from koers.jobs.schedules import JOBS, DailyAt, EveryMinutes, Job
from koers.jobs.services import connections_refresh, due_claim, job_run, round_jobs, schedules_sync
from koers.outbox.heartbeat import HEARTBEAT_INTERVAL, worker_seen

logger = logging.getLogger(__name__)

SENTINEL_GONE_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "Doe het werk op de achtergrond: e-mail en inlogcodes elke paar seconden, "
        "de geplande taken (zoals 's nachts opruimen) in de takenverwerker django-q2."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Aantal seconden tussen twee rondes voor e-mail en inlogcodes (standaard 5).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Doe elke taak die nu aan de beurt is één keer, zonder takenverwerker, en stop (voor cron).",
        )
        parser.add_argument(
            "--list", dest="list_jobs", action="store_true", help="Toon de taken en wanneer ze draaien, en stop."
        )

    def handle(self, *args, interval, once, list_jobs, **options):
        if list_jobs:
            for job in JOBS:
                self.stdout.write(f"{job.name:<20} {_when(job):<22} {job.description}")
            return
        schedules_sync()
        if once:
            # The round last: a mail that a scheduled job queued goes out in the same call.
            for job in [*due_claim(), *round_jobs()]:
                job_run(job)
            self._heartbeat()
            return
        self._run(interval)

    def _run(self, interval: float) -> None:
        previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
        cluster = Cluster()  # sets its own signal handlers; ours below replace them
        stop = threading.Event()

        def request_stop(number, frame):
            if stop.is_set():
                raise SystemExit(1)  # asked twice: stop now; an interrupted round is rolled back
            stop.set()

        for number in previous:
            signal.signal(number, request_stop)
        connections.close_all()  # the cluster's processes are forked: they must not share a connection
        try:
            cluster.start()
            self.stdout.write(f"Koers-worker draait, elke {interval:g} seconden een ronde (stoppen: Ctrl+C)")
            jobs = round_jobs()
            # A signal lets the current round finish: a mail is never cut off halfway.
            while not stop.is_set():
                self._round(jobs)
                if not cluster.sentinel.is_alive():
                    raise CommandError("De takenverwerker (django-q2) is gestopt; de worker stopt ook.")
                stop.wait(interval)
        finally:
            # When the whole process group got SIGTERM (systemd stopping the service), django-q2's
            # sentinel dies at once (it keeps SIGTERM's default), and its stop() would wait forever
            # on the event it shared with the dead process. Give it a moment to be seen gone;
            # a sentinel still there after it was not signalled and is stopped as usual.
            if cluster.sentinel is not None:
                cluster.sentinel.join(timeout=SENTINEL_GONE_SECONDS)
                if cluster.sentinel.is_alive():
                    cluster.stop()  # lets the running jobs finish
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write("Koers-worker is gestopt.")

    _last_heartbeat: float | None = None

    def _round(self, jobs: tuple[Job, ...] | list[Job]) -> None:
        for job in jobs:
            job_run(job)
        self._heartbeat()

    def _heartbeat(self) -> None:
        """Tell the readiness check (/gezond/klaar/) that a worker runs, at most once a minute."""
        now = time.monotonic()
        if self._last_heartbeat is not None and now - self._last_heartbeat < HEARTBEAT_INTERVAL.total_seconds():
            return
        connections_refresh()
        try:
            worker_seen()
        except Exception:
            logger.exception("worker: heartbeat failed")  # the database is away; the next round tries again
            return
        self._last_heartbeat = now


def _when(job: Job) -> str:
    if isinstance(job.when, EveryMinutes):
        return f"elke {job.when.minutes} min."
    if isinstance(job.when, DailyAt):
        return f"dagelijks {job.when.time:%H:%M}"
    return "elke ronde"
