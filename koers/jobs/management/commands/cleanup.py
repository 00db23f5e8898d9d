"""`koers cleanup`: run every app's clean-up once and print the counts (for a daily cron line)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.jobs.cleanup import CLEANUP_JOBS, CleanupFailed, cleanup_run


class Command(BaseCommand):
    help = "Ruim op wat Koers niet meer mag of hoeft te bewaren: oude e-mails, inlogcodes, sleutels en bestanden."

    def handle(self, *args, **options):
        try:
            result = cleanup_run()
        except CleanupFailed as failure:
            result = failure.result
        self.stdout.write(_("Opgeruimd:"))
        for job in CLEANUP_JOBS:
            if job.kind in result.counts:
                self.stdout.write(f"  {job.label}: {result.counts[job.kind]}")
        if result.failed:
            labels = ", ".join(str(job.label) for job in CLEANUP_JOBS if job.kind in result.failed)
            raise CommandError(_("Niet gelukt (zie het log): %(labels)s.") % {"labels": labels})
