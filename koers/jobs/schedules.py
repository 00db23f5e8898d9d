"""Every background job of Koers, and when it runs: the one list `koers worker` works from (ADR 0015).

A job is a function without required arguments, named by its dotted path: the jobs live in apps
above koers.jobs, which may not import them. They are imported only when they run (in the worker's
round, in a cluster worker, or by `koers worker --once`), so a broken import stops that job alone.
Every job is safe to repeat and to run in two workers at once.

- `EveryRound`: in the worker's own loop, every few seconds, because someone waits for it: a youth
  who asked for a sign-in code, or a mail that carries one. The cluster's scheduler looks at its
  schedules only every 30 seconds, which would make that wait up to one and a half minutes.
- `EveryMinutes` and `DailyAt`: a django-q2 schedule (a `Schedule` row kept in step with this
  list by `koers.jobs.services.schedules_sync`); the cluster runs them, with retries.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EveryRound:
    """Every round of `koers worker` (`--interval`, 5 seconds)."""


@dataclass(frozen=True)
class EveryMinutes:
    minutes: int


@dataclass(frozen=True)
class DailyAt:
    time: dt.time  # Dutch local time (settings.TIME_ZONE)


@dataclass(frozen=True)
class Job:
    name: str  # stable: the Schedule row is found by it; renaming one drops the old row
    func: str  # dotted path
    when: EveryRound | EveryMinutes | DailyAt
    description: Promise  # Dutch, shown in the admin and by `koers worker --list`


JOBS: tuple[Job, ...] = (
    # In this order each round: a sign-in request queues its mail, which goes out in the same round.
    Job(
        "sign_in_requests",
        "koers.portal.services.sign_in_requests_process",
        EveryRound(),
        _("Inlogcodes voor het jongerenportaal klaarzetten"),
    ),
    Job("mail_send", "koers.outbox.services.mail_send_due", EveryRound(), _("Wachtende e-mails versturen")),
    Job(
        "notifications",
        "koers.messaging.services.notifications_flush",
        EveryMinutes(1),
        _("Meldingen van nieuwe berichten als e-mail klaarzetten"),
    ),
    # Seals at most 2,000 rows a call: often enough that a busy day's log is sealed within minutes.
    Job(
        "access_log_seal",
        "koers.audit.processing_log.access_log_seal",
        EveryMinutes(1),
        _("Nieuwe regels van het verwerkingslogboek verzegelen"),
    ),
    Job(
        "practice_counts",
        "koers.insights.services.practice_counts_fill",
        EveryMinutes(5),
        _("Tellingen voor de inzichten bijwerken"),
    ),
    Job(
        "trajectory_facts",
        "koers.insights.services.throughput.trajectory_facts_fill",
        EveryMinutes(5),
        _("Doorlooptijden voor de inzichten bijwerken"),
    ),
    Job(
        "intake_anonymise",
        "koers.intake.services.anonymise.intake_anonymise",
        DailyAt(dt.time(1, 30)),
        _("Aanmeldingen die niemand oppakte anonimiseren"),
    ),
    Job(
        "access_log_purge",
        "koers.audit.processing_log.access_log_purge",
        DailyAt(dt.time(2, 0)),
        _("Oude regels van het verwerkingslogboek verwijderen"),
    ),
    Job(
        "destruction",
        "koers.retention.services.destruction.destruction_run",
        DailyAt(dt.time(2, 30)),
        _("Dossiers na hun bewaartermijn voordragen en vernietigen"),
    ),
    Job("cleanup", "koers.jobs.cleanup.cleanup_run", DailyAt(dt.time(3, 30)), _("Opruimen wat niet meer nodig is")),
    Job(
        "task_results_prune",
        "koers.jobs.services.task_failures_prune",
        DailyAt(dt.time(4, 0)),
        _("Oude meldingen van mislukte taken verwijderen"),
    ),
)
