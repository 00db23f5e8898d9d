"""`koers token create USERNAME`: print a new API token for that user (alone on the last line)."""

from django.core.management.base import BaseCommand, CommandError

from koers.accounts.models import User
from koers.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Beheer API-sleutels."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Maak een nieuwe API-sleutel voor een gebruiker.")
        create.add_argument("username")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Er is geen actieve gebruiker met gebruikersnaam {username!r}.")
        self.stderr.write("Bewaar deze sleutel goed; hij wordt niet nog eens getoond.")
        self.stdout.write(api_token_create(user=user))
