"""`koers intake_anonymise`: wipe the personal data of self-registrations and call-back requests
still open after KOERS_INTAKE_ANONYMISE_AFTER_DAYS days (the worker does it too, every round)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from koers.intake.services.anonymise import intake_anonymise


class Command(BaseCommand):
    help = "Anonimiseer aanmeldingen en terugbelverzoeken die te lang open staan."

    def handle(self, *args, **options):
        count = intake_anonymise()
        days = settings.KOERS_INTAKE_ANONYMISE_AFTER_DAYS
        self.stdout.write(f"{count} aanmelding(en) geanonimiseerd (open na {days} dagen).")
