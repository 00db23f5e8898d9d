"""`koers worker [--interval S] [--once]`: run the background jobs (settings.WORKER_JOBS) in rounds."""

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.module_loading import import_string

from koers.outbox.heartbeat import HEARTBEAT_INTERVAL, worker_seen

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Doe het werk op de achtergrond, zoals e-mail versturen: elke paar seconden een ronde."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Aantal seconden tussen twee rondes (standaard 5)."
        )
        parser.add_argument("--once", action="store_true", help="Doe één ronde en stop.")

    def handle(self, *args, interval, once, **options):
        # Imported at start-up, so a wrong path in the settings stops the worker at once.
        jobs = [(path, import_string(path)) for path in settings.WORKER_JOBS]
        if once:
            self._round(jobs)
            return
        stop = threading.Event()
        previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}

        def request_stop(number, frame):
            if stop.is_set():
                raise SystemExit(1)  # asked twice: stop now; an interrupted round is rolled back
            stop.set()

        for number in previous:
            signal.signal(number, request_stop)
        self.stdout.write(f"Koers-worker draait, elke {interval:g} seconden een ronde (stoppen: Ctrl+C)")
        try:
            # A signal lets the current round finish: a mail is never cut off halfway.
            while not stop.is_set():
                self._round(jobs)
                stop.wait(interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write("Koers-worker is gestopt.")

    _last_heartbeat: float | None = None

    def _round(self, jobs) -> None:
        for path, job in jobs:
            _drop_broken_connections()
            try:
                job()
            except Exception:
                logger.exception("worker: job %s failed", path)
        self._heartbeat()

    def _heartbeat(self) -> None:
        """Tell the readiness check (/gezond/klaar/) that a worker runs, at most once a minute."""
        now = time.monotonic()
        if self._last_heartbeat is not None and now - self._last_heartbeat < HEARTBEAT_INTERVAL.total_seconds():
            return
        _drop_broken_connections()
        try:
            worker_seen()
        except Exception:
            logger.exception("worker: heartbeat failed")  # the database is away; the next round tries again
            return
        self._last_heartbeat = now


def _drop_broken_connections() -> None:
    """As Django does around a request: a connection the database dropped is replaced, not reused.

    Not inside a transaction (a test's), where closing would break it.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
