"""`koers research_consent --youth ID --by USERNAME --give|--revoke [--on YYYY-MM-DD] [--purpose P]`.

Records that a youth gave, or withdrew, consent for research, on behalf of the staff member who
heard it (`--by`, a consultant or team lead who may open the youth's file; the change is in the
access log under their name, channel "command"). Without --give or --revoke it lists the youth's
research consents. Until the youth file has a place for it, this is how consent is recorded.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone

from koers.accounts.models import User
from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import youth_for
from koers.trajectories.models import ResearchPurpose
from koers.trajectories.selectors import research_consents_of
from koers.trajectories.services import research_consent_record, research_consent_revoke


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is geen datum. Schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2026-03-02.") from None


class Command(BaseCommand):
    help = (
        "Leg vast dat een jongere toestemming geeft voor onderzoek, of die intrekt. Zonder --give of --revoke: toon ze."
    )

    def add_arguments(self, parser):
        parser.add_argument("--youth", type=int, required=True, help="Het nummer (id) van de jongere.")
        parser.add_argument(
            "--by", required=True, help="De gebruikersnaam van de consulent of teamleider die het vastlegt."
        )
        change = parser.add_mutually_exclusive_group()
        change.add_argument("--give", action="store_true", help="De jongere geeft toestemming.")
        change.add_argument("--revoke", action="store_true", help="De jongere trekt de toestemming in.")
        parser.add_argument("--on", type=_day, help="De datum (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument(
            "--purpose",
            choices=ResearchPurpose.values,
            default=ResearchPurpose.RESEARCH,
            help="Waarvoor; standaard research (wetenschappelijk onderzoek naar de werkwijze).",
        )

    def handle(self, *args, youth, by, give, revoke, on, purpose, **options):
        actor = User.objects.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(f"Er is geen actieve gebruiker met gebruikersnaam {by!r}.")
        day = on or timezone.localdate()
        action = AccessAction.CHANGE if give or revoke else AccessAction.VIEW
        try:
            found = youth_for(actor, youth, action=action, channel=AccessChannel.COMMAND, subject="research_consent")
            if give:
                research_consent_record(actor=actor, youth=found, given_on=day, purpose=purpose)
            elif revoke:
                research_consent_revoke(actor=actor, youth=found, on=day, purpose=purpose)
        except PermissionDenied:
            raise CommandError(f"{by} werkt niet met dossiers van jongeren en kan dit niet vastleggen.") from None
        except Http404:
            raise CommandError(f"Jongere {youth} bestaat niet of valt niet onder de caseload van {by}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        consents = research_consents_of(found.pk)
        if not consents:
            self.stdout.write(f"Jongere {youth} heeft geen toestemming voor onderzoek gegeven.")
        for consent in consents:
            state = f"ingetrokken op {consent.revoked_on}" if consent.revoked_on else "geldt"
            self.stdout.write(f"{consent.get_purpose_display()}: gegeven op {consent.given_on}, {state}")
