"""`koers restore MAP [--force]`: put a back-up of `koers backup` into the configured (empty)
database and media folder, and check it against the manifest (docs/operations.md, "Back-ups")."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from koers.ops.services import backup_restore


class Command(BaseCommand):
    help = "Zet een back-up terug in de ingestelde (lege) database en map, en controleer hem."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="De map met de back-up (van koers backup).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook als de database al tabellen of de map al bestanden heeft: overschrijf wat in de back-up staat.",
        )

    def handle(self, *args, folder, force, **options):
        started = time.monotonic()
        try:
            restored = backup_restore(folder, force=force)
        except OperationalError as problem:
            # The first line says what failed (a wrong host, a missing database); never the password.
            raise CommandError(f"De database is niet bereikbaar: {str(problem).splitlines()[0]}") from None
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Teruggezet en gecontroleerd ({seconds:.1f} s): de back-up van {restored.created_at} is compleet, "
            f"{restored.tables} tabellen met {restored.rows} rijen en {restored.files} bestanden."
        )
        if restored.migrations_to_apply:
            self.stdout.write(
                f"Deze versie van Koers heeft {restored.migrations_to_apply} migratie(s) die de back-up nog niet had: "
                "draai `koers migrate`."
            )
