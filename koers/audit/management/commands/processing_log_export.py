"""`koers processing_log_export [--since DATE] [--until DATE] [--output FILE]`: the access log in
the shape of the Logboek Dataverwerkingen, one JSON object per line (koers.audit.processing_log).
No names, no staff: the youth is a pseudonym."""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koers.audit.processing_log import records


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Geen datum: {text!r}. Schrijf bijvoorbeeld 2026-12-01.") from None
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class Command(BaseCommand):
    help = "Het verwerkingslogboek als JSON-regels volgens de standaard Logboek Dataverwerkingen."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="vanaf deze datum (JJJJ-MM-DD)")
        parser.add_argument("--until", help="tot deze datum (JJJJ-MM-DD)")
        parser.add_argument("--output", help="schrijf naar dit bestand in plaats van naar de uitvoer")

    def handle(self, *args, since=None, until=None, output=None, **options):
        target = open(output, "w", encoding="utf-8") if output else None  # noqa: SIM115
        stream = target or self.stdout
        count = 0
        try:
            for record in records(since=_moment(since), until=_moment(until)):
                stream.write(json.dumps(record, ensure_ascii=False) + ("\n" if target else ""))
                count += 1
        finally:
            if target:
                target.close()
        sys.stderr.write(f"{count} regels geschreven.\n")
