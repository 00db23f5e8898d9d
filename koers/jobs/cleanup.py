"""`cleanup_run`: every app's clean-up in one go (docs/retention.md, "Opruimen op schema").

Each app owns its clean-up (`<app>/cleanup.py`, or the retention jobs it had already); this module
only runs them in order and reports a count per kind. The jobs are named by dotted path and
imported when run, as the worker does: they sit in layers above koers.jobs, which may not import
them. Every job is safe to repeat and to run twice at once (a cron line beside the worker).
"""

import logging
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanupJob:
    kind: str  # English, for the log
    path: str  # a function without required arguments that returns a count
    label: Promise  # Dutch, for the command's output


CLEANUP_JOBS = (
    CleanupJob("sent_mail", "koers.outbox.cleanup.sent_mail_purge", _("verstuurde e-mails verwijderd")),
    CleanupJob("failed_mail", "koers.outbox.cleanup.failed_mail_purge", _("mislukte e-mails verwijderd")),
    CleanupJob("sign_in_code", "koers.portal.cleanup.sign_in_code_purge", _("verlopen inlogcodes verwijderd")),
    CleanupJob(
        "idempotency_key",
        "koers.idempotency.cleanup.idempotency_key_purge",
        _("oude sleutels tegen dubbel opslaan verwijderd"),
    ),
    CleanupJob("sign_in_attempt", "koers.accounts.cleanup.sign_in_attempt_purge", _("oude inlogpogingen verwijderd")),
    CleanupJob("session", "koers.accounts.cleanup.expired_session_purge", _("verlopen sessies verwijderd")),
    CleanupJob(
        "intake_anonymised",
        "koers.intake.services.anonymise.intake_anonymise",
        _("aanmeldingen geanonimiseerd die niemand oppakte"),
    ),
    CleanupJob(
        "access_log", "koers.audit.processing_log.access_log_purge", _("oude regels van het toegangslog verwijderd")
    ),
    CleanupJob(
        "orphaned_file", "koers.messaging.cleanup.attachment_orphans_purge", _("bestanden zonder bericht verwijderd")
    ),
    CleanupJob(
        "missing_file",
        "koers.messaging.cleanup.attachment_missing_count",
        _("bijlagen waarvan het bestand ontbreekt (niet verwijderd; laat dit uitzoeken)"),
    ),
)


@dataclass
class CleanupResult:
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # kinds whose job raised


class CleanupFailed(Exception):
    """One or more jobs failed (logged); the others ran. Raised so a scheduler records the run as
    failed and tries again, which is safe: every job only goes on where it stopped."""

    def __init__(self, result: CleanupResult):
        super().__init__(f"cleanup failed: {', '.join(result.failed)}")
        self.result = result


def cleanup_run(jobs: tuple[CleanupJob, ...] = CLEANUP_JOBS) -> CleanupResult:
    """Run each job in order and return the count per kind. A job that fails is logged and the
    others still run; then CleanupFailed is raised with the counts of the ones that did."""
    # Imported first, so a wrong path stops the run before anything is deleted.
    functions = [(job, import_string(job.path)) for job in jobs]
    result = CleanupResult()
    for job, function in functions:
        try:
            count = function()
        except Exception:
            logger.exception("cleanup: %s failed", job.kind)
            result.failed.append(job.kind)
            continue
        result.counts[job.kind] = count
        logger.info("cleanup: %s %d", job.kind, count)
    if result.failed:
        raise CleanupFailed(result)
    return result
