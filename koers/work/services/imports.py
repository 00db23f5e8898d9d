"""Import of vacancies from a CSV or JSON file: good rows are kept, every refused row is reported
with its number and the reasons in Dutch. The same file twice makes no duplicates: a row is found
again by its natural key (employer, title, place and start; koers.work.services.vacancies) and
brought up to date instead.

CSV: a header row with (Dutch or English) column names, separated by ";" or ",". JSON: a list of
objects with the same names. Columns: werkgever, titel, uren, plaats, sector, soort, start,
sluitingsdatum, omschrijving (employer, title, hours, place, sector, kind, starts_on, closes_on,
description). The employer must exist already (by name); the sector is an SBI letter or name.
"""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.models import Organisation
from koers.work.models import Employer, VacancyKind
from koers.work.sectors import sector_of
from koers.work.services.vacancies import VacancyInput, vacancy_upsert

MAX_BYTES = 1_000_000
MAX_ROWS = 2000

COLUMNS = {
    "werkgever": "employer",
    "employer": "employer",
    "titel": "title",
    "title": "title",
    "functie": "title",
    "uren": "hours",
    "uren per week": "hours",
    "hours": "hours",
    "hours_per_week": "hours",
    "plaats": "place",
    "place": "place",
    "sector": "sector",
    "soort": "kind",
    "kind": "kind",
    "start": "starts_on",
    "startdatum": "starts_on",
    "starts_on": "starts_on",
    "sluitingsdatum": "closes_on",
    "sluit op": "closes_on",
    "closes_on": "closes_on",
    "omschrijving": "description",
    "description": "description",
}

KIND_WORDS = {
    "betaald": VacancyKind.PAID,
    "betaald werk": VacancyKind.PAID,
    "baan": VacancyKind.PAID,
    "stage": VacancyKind.WORK_PLACEMENT,
    "werkstage": VacancyKind.WORK_PLACEMENT,
    "proefplaatsing": VacancyKind.TRIAL_PLACEMENT,
    "vrijwilligerswerk": VacancyKind.VOLUNTEERING,
    "vrijwillig": VacancyKind.VOLUNTEERING,
    **{code: code for code in VacancyKind.values},
}

FIELD_WORDS = {
    "employer": gettext_lazy("werkgever"),
    "title": gettext_lazy("titel"),
    "hours_per_week": gettext_lazy("uren"),
    "place": gettext_lazy("plaats"),
    "sector": gettext_lazy("sector"),
    "kind": gettext_lazy("soort"),
    "starts_on": gettext_lazy("start"),
    "closes_on": gettext_lazy("sluitingsdatum"),
    "description": gettext_lazy("omschrijving"),
}


@dataclass(frozen=True)
class RefusedRow:
    number: int  # the line in a CSV file (the header is line 1), the position in a JSON list
    title: str
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    problem: str = ""  # the whole file could not be read

    @property
    def kept(self) -> int:
        return self.created + self.updated


class FileRefused(ValueError):
    """The file as a whole cannot be read (too big, not CSV or JSON, no header)."""


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def read_rows(content: bytes, *, name: str = "") -> list[tuple[int, dict]]:
    """The file's rows as (number, {our column: text}); raises FileRefused for the whole file."""
    if len(content) > MAX_BYTES:
        raise FileRefused(_("Het bestand is te groot: hoogstens 1 MB."))
    text = _decode(content).strip()
    if not text:
        raise FileRefused(_("Het bestand is leeg."))
    if name.lower().endswith(".json") or text[0] in "[{":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise FileRefused(
                _("Dit JSON-bestand kan Koers niet lezen. Controleer of het een lijst van vacatures is.")
            ) from None
        if isinstance(data, dict):
            data = data.get("vacatures") or data.get("vacancies")
        if not isinstance(data, list):
            raise FileRefused(_("Het JSON-bestand moet een lijst van vacatures zijn."))
        rows = [(index, item if isinstance(item, dict) else {}) for index, item in enumerate(data, start=1)]
    else:
        delimiter = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        if not reader.fieldnames:
            raise FileRefused(_("De eerste regel van het CSV-bestand moet de kolomnamen hebben."))
        rows = [(reader.line_num, row) for row in reader]
    if len(rows) > MAX_ROWS:
        raise FileRefused(
            _("Het bestand heeft te veel regels: hoogstens %(max)s vacatures per keer.") % {"max": MAX_ROWS}
        )
    result = []
    for number, row in rows:
        mapped = {}
        for column, value in row.items():
            ours = COLUMNS.get(str(column or "").strip().casefold())
            if ours:
                mapped[ours] = "" if value is None else str(value).strip()
        result.append((number, mapped))
    if result and not any(result_row for _number, result_row in result):
        raise FileRefused(
            _("Koers vindt geen bekende kolommen. Gebruik: %(columns)s.")
            % {"columns": "werkgever, titel, uren, plaats, sector, soort, start, sluitingsdatum"}
        )
    return result


def _date(text: str, field_name: str, reasons: list[str]) -> dt.date | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    reasons.append(
        _("De %(field)s '%(value)s' is geen datum. Schrijf hem als 2026-12-31 of 31-12-2026.")
        % {"field": FIELD_WORDS[field_name], "value": text[:30]}
    )
    return None


def _row_input(row: dict, employers: dict[str, Employer]) -> tuple[VacancyInput | None, list[str]]:
    """The row as the service's input, and the reasons it cannot be one (found before saving)."""
    reasons: list[str] = []
    employer = employers.get(row.get("employer", "").casefold())
    if employer is None:
        if row.get("employer"):
            reasons.append(
                _("Werkgever '%(name)s' staat niet in Koers. Voeg de werkgever eerst toe.")
                % {"name": row["employer"][:80]}
            )
        else:
            reasons.append(_("De werkgever ontbreekt."))
    sector = sector_of(row.get("sector", "")) if row.get("sector") else None
    if sector is None:
        reasons.append(
            _("Sector '%(value)s' is onbekend. Gebruik een letter van A tot en met U uit de SBI-lijst.")
            % {"value": row.get("sector", "")[:40]}
            if row.get("sector")
            else _("De sector ontbreekt.")
        )
    kind = KIND_WORDS.get(row.get("kind", "").casefold())
    if kind is None:
        reasons.append(
            _("Soort '%(value)s' is onbekend. Kies betaald, stage, proefplaatsing of vrijwilligerswerk.")
            % {"value": row.get("kind", "")[:40]}
        )
    hours_text = row.get("hours", "")
    hours = int(hours_text) if hours_text.isascii() and hours_text.isdigit() and len(hours_text) < 4 else None
    if hours is None:
        reasons.append(
            _("De uren '%(value)s' kloppen niet: schrijf een heel getal, zoals 16.") % {"value": hours_text[:20]}
            if hours_text
            else _("Het aantal uren per week ontbreekt.")
        )
    starts_on = _date(row.get("starts_on", ""), "starts_on", reasons)
    closes_on = _date(row.get("closes_on", ""), "closes_on", reasons)
    if reasons or employer is None or sector is None or kind is None:
        return None, reasons
    return (
        VacancyInput(
            employer=employer,
            title=row.get("title", ""),
            hours_per_week=hours,
            place=row.get("place", ""),
            sector=sector.code,
            kind=kind,
            starts_on=starts_on,
            closes_on=closes_on,
            description=row.get("description", ""),
        ),
        [],
    )


def _service_reasons(error: ValidationError) -> list[str]:
    return (
        [text for texts in error.message_dict.values() for text in texts]
        if hasattr(error, "error_dict")
        else error.messages
    )


def vacancies_import(*, organisation: Organisation, content: bytes, name: str = "") -> ImportReport:
    """Read the file and keep every good row; the report says what was made, updated and refused."""
    report = ImportReport()
    try:
        rows = read_rows(content, name=name)
    except FileRefused as refused:
        report.problem = str(refused)
        return report
    employers = {e.name.casefold(): e for e in Employer.objects.filter(organisation=organisation)}
    for number, row in rows:
        data, reasons = _row_input(row, employers)
        if data is not None:
            try:
                with transaction.atomic():
                    _vacancy, created = vacancy_upsert(organisation_id=organisation.pk, data=data)
            except ValidationError as error:
                reasons = _service_reasons(error)
            else:
                if created:
                    report.created += 1
                else:
                    report.updated += 1
                continue
        report.refused.append(RefusedRow(number=number, title=row.get("title", "")[:80], reasons=tuple(reasons)))
    return report
