"""`koers backup MAP`: the database and the private media folder, with a manifest to check a
restore against (docs/operations.md, "Back-ups")."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from koers.ops.services import backup_make


class Command(BaseCommand):
    help = "Maak een back-up van de database en de bestanden in een nieuwe (of lege) map."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="De map voor de back-up; nieuw of leeg.")

    def handle(self, *args, folder, **options):
        started = time.monotonic()
        try:
            manifest = backup_make(folder)
        except OperationalError as problem:
            # The first line says what failed (a wrong host, a missing database); never the password.
            raise CommandError(f"De database is niet bereikbaar: {str(problem).splitlines()[0]}") from None
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Back-up gemaakt in {folder}: {len(manifest['tables'])} tabellen, {manifest['rows']} rijen, "
            f"{manifest['files']['count']} bestanden ({seconds:.1f} s)."
        )
