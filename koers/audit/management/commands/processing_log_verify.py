"""`koers processing_log_verify`: recompute the access log's hash chain; exit 1 when a row was
changed or removed (koers.audit.processing_log)."""

from django.core.management.base import BaseCommand, CommandError

from koers.audit.processing_log import access_log_verify


class Command(BaseCommand):
    help = "Controleer of het verwerkingslogboek niet is veranderd (de hashketen)."

    def handle(self, *args, **options):
        result = access_log_verify()
        if not result.intact:
            raise CommandError(
                f"De keten is gebroken bij regel {result.first_broken_id}: die regel of een regel ervoor "
                f"is veranderd of verwijderd. {result.checked} regels waren in orde."
            )
        self.stdout.write(
            f"In orde: {result.checked} verzegelde regels gecontroleerd; {result.unsealed} nog niet verzegeld "
            "(jonger dan een minuut, of net binnengekomen)."
        )
