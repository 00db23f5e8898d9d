"""`koers demo`: fill an empty database with fictional organisations, staff and youths.

    koers demo --organisations 3 --youths 200 --seed 1 [--json] [--if-empty]

`--youths` counts per organisation. With `--if-empty` nothing is created when organisations
already exist, but the demo users' sign-in details are still printed. `--json` prints only
{"organisations": [{"name": ..., "users": [{"username": ..., "role": ...}], "impact_youth_ids": [...]}],
"password": ..., "totp_secret": ...} on stdout; progress always goes to stderr.
"""

import argparse
import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from koers.accounts.models import Organisation, Role
from koers.demo import generator
from koers.demo.impact import impact_youth_ids

SHOWN_CONSULTANTS = 5  # a long list of consultants is shortened in the human output


def _count(minimum: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"geen geheel getal: {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"moet minstens {minimum} zijn")
        return number

    return parse


class Command(BaseCommand):
    help = (
        "Vul een lege database met fictieve demogegevens (organisaties, medewerkers, jongeren met "
        "trajecten, contacten en agenda)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=_count(1), default=3, help="aantal organisaties")
        parser.add_argument("--youths", type=_count(0), default=100, help="jongeren per organisatie")
        parser.add_argument("--seed", type=int, default=1, help="zelfde seed, zelfde gegevens")
        parser.add_argument("--json", action="store_true", dest="as_json", help="alleen JSON op stdout")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="maak niets aan als er al organisaties zijn; toon wel de inloggegevens",
        )

    def handle(self, *args, organisations, youths, seed, as_json: bool, if_empty: bool, **options):
        if not settings.DEBUG:
            # Allowed (benchmarks run on production-like settings), but never on real data.
            self.stderr.write(
                "Let op: demogebruikers delen één bekend wachtwoord en één bekende inlogsleutel. "
                "Gebruik dit nooit in een omgeving met echte gegevens."
            )
        created = None
        if if_empty and Organisation.objects.exists():
            self.stderr.write("Er zijn al organisaties; er is niets aangemaakt.")
        else:
            # In a database with organisations, the new ones come beside them with fresh numbers.
            started = time.monotonic()
            try:
                summary = generator.generate(
                    organisations=organisations,
                    youths=youths,
                    seed=seed,
                    first_number=generator.next_free_number(),
                    progress=self.stderr.write,
                )
            except RuntimeError as error:
                raise CommandError(str(error)) from error
            created = (summary, time.monotonic() - started)
        sign_in = generator.demo_sign_in()
        if as_json:
            self._write_json(sign_in, created)
        else:
            self._write_text(sign_in, created)

    def _write_json(self, sign_in, created) -> None:
        payload = {
            "organisations": [
                {
                    "name": org.name,
                    "users": [{"username": u.username, "role": u.role} for u in org.users],
                    # The youths whose demo impact timeline recreates a case of the source (case 1 first).
                    "impact_youth_ids": impact_youth_ids(org.organisation_id),
                }
                for org in sign_in
            ],
            "password": generator.DEMO_PASSWORD,
            "totp_secret": generator.TOTP_SECRET_BASE32,
            "created": created is not None,
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _write_text(self, sign_in, created) -> None:
        out = self.stdout.write
        if created is not None:
            summary, seconds = created
            out(
                f"Demogegevens aangemaakt: {summary.organisations} organisatie(s), "
                f"{summary.youths} jongeren, {summary.due_items} actiepunten ({seconds:.1f} s)."
            )
        if not sign_in:
            out("Er zijn geen demogebruikers.")
            return
        base = settings.KOERS_BASE_URL.rstrip("/")
        for org in sign_in:
            out("")
            out(org.name)
            consultants = [u for u in org.users if u.role == Role.CONSULTANT]
            hidden = consultants[SHOWN_CONSULTANTS:] if len(consultants) > SHOWN_CONSULTANTS + 1 else []
            hidden_names = {u.username for u in hidden}
            for user in org.users:
                if user.username in hidden_names:
                    continue
                out(f"  {user.username:<20} {Role(user.role).label if user.role in Role.values else user.role}")
                if hidden and user == consultants[SHOWN_CONSULTANTS - 1]:
                    out(f"  … en nog {len(hidden)} consulenten, tot en met {hidden[-1].username}")
            if org.organisation_id is not None:
                out(f"  Openbare aanmelding voor jongeren: {base}/aanmelden/{org.organisation_id}/")
        example = sign_in[0].users[0].username
        secret = generator.TOTP_SECRET_BASE32
        out("")
        out(f"Wachtwoord (alle demogebruikers): {generator.DEMO_PASSWORD}")
        out("Tweede stap: alle demogebruikers delen dezelfde TOTP-sleutel.")
        out(f"  Voeg die toe aan een authenticator-app: {secret}")
        out(f"  (otpauth://totp/Koers:demo?secret={secret}&issuer=Koers)")
        out(f"  Of toon de huidige code: KOERS_DEBUG=true .venv/bin/koers otp_code {example}")
        emails = generator.demo_portal_emails()
        if emails:
            out("")
            out(f"Portaal voor jongeren: {settings.KOERS_BASE_URL.rstrip('/')}/mijn/inloggen/")
            out(f"  E-mailadressen met toegang: {', '.join(emails)}")
            out("  De mail met de code verschijnt hier, in de uitvoer van de worker (mail naar de console).")
