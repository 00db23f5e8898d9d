"""`koers vacancies_import <organisation> <file>`: import vacancies from a CSV or JSON file.

The organisation is its id or its exact name. Good rows are kept; each refused row is printed
with its number and the reasons. Importing the same file again updates the vacancies it made
(natural key: employer, title, place and start). Exit code 1 when the file could not be read."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koers.accounts.models import Organisation
from koers.work.services import vacancies_import


class Command(BaseCommand):
    help = "Vacatures importeren uit een CSV- of JSON-bestand, met een verslag van geweigerde regels."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="id of naam van de organisatie")
        parser.add_argument("file", type=Path)

    def handle(self, *args, organisation: str, file: Path, **options):
        found = Organisation.objects.filter(pk=int(organisation)) if organisation.isdigit() else None
        if not found or not found.exists():
            found = Organisation.objects.filter(name=organisation)
        organisation_row = found.first()
        if organisation_row is None:
            raise CommandError(f"Organisatie {organisation!r} bestaat niet.")
        try:
            content = file.read_bytes()
        except OSError as problem:
            raise CommandError(f"Het bestand kan niet worden gelezen: {problem.strerror}") from None
        report = vacancies_import(organisation=organisation_row, content=content, name=file.name)
        if report.problem:
            raise CommandError(report.problem)
        self.stdout.write(
            f"{report.created} nieuw, {report.updated} bijgewerkt, {len(report.refused)} niet opgeslagen."
        )
        for row in report.refused:
            self.stdout.write(f"regel {row.number} ({row.title or 'zonder titel'}): {' '.join(row.reasons)}")
