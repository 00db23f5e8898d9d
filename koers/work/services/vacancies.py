"""Writes: a vacancy, new or changed. The rules are the same for the page, the import and the
command: a title, hours from 1 to 60, a place, a sector from the SBI list, a kind, and a closing
date that has not passed. Vacancies are one per natural key (`natural_key`)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.db.inserts import insert_if_absent
from koers.lib.vacancy_match import HOURS_LIMIT, place_key
from koers.trajectories.text import text_field
from koers.work.models import Employer, Vacancy, VacancyKind
from koers.work.services.employers import check_sector

HOURS_MIN, HOURS_MAX = 1, HOURS_LIMIT
DESCRIPTION_MAX_LENGTH = 3000


@dataclass(frozen=True)
class VacancyInput:
    employer: Employer
    title: str
    hours_per_week: int | None
    place: str
    sector: str
    kind: str
    starts_on: dt.date | None = None
    closes_on: dt.date | None = None
    description: str = ""


def natural_key(employer_id: int, title: str, place: str, starts_on: dt.date | None) -> str:
    """Employer, title, place and start, without case or extra spaces: the same vacancy in a
    second import (or typed again) is found by it."""
    return f"{employer_id}|{place_key(title)}|{place_key(place)}|{starts_on.isoformat() if starts_on else ''}"[:400]


def vacancy_values(organisation_id: int, data: VacancyInput) -> dict:
    """The cleaned values, or a ValidationError with a Dutch message per field."""
    errors: dict[str, str] = {}
    if data.employer.organisation_id != organisation_id:
        errors["employer"] = _("Kies een werkgever van uw eigen organisatie.")
    values: dict = {}
    for name, max_length, message in (
        ("title", 200, _("Vul de titel van de vacature in.")),
        ("place", 100, _("Vul de plaats in waar het werk is.")),
    ):
        try:
            values[name] = text_field(name, getattr(data, name), max_length=max_length, required=True)
        except ValidationError as error:
            errors[name] = message if not (getattr(data, name) or "").strip() else error.message_dict[name][0]
    hours = data.hours_per_week
    if hours is None or not HOURS_MIN <= hours <= HOURS_MAX:
        errors["hours_per_week"] = _(
            "Vul het aantal uren per week in: een heel getal van %(min)s tot en met %(max)s."
        ) % {
            "min": HOURS_MIN,
            "max": HOURS_MAX,
        }
    try:
        check_sector("sector", data.sector)
    except ValidationError:
        errors["sector"] = _("Kies een sector uit de lijst (een letter van A tot en met U).")
    if data.kind not in VacancyKind.values:
        errors["kind"] = _("Kies de soort: betaald werk, stage, proefplaatsing of vrijwilligerswerk.")
    if data.closes_on is not None and data.closes_on < timezone.localdate():
        errors["closes_on"] = _("De sluitingsdatum is al voorbij. Kies een datum vanaf vandaag.")
    if data.starts_on is not None and data.starts_on < dt.date(2000, 1, 1):
        errors["starts_on"] = _("Deze startdatum ligt te ver terug.")
    try:
        values["description"] = text_field(
            "description", data.description, max_length=DESCRIPTION_MAX_LENGTH, multiline=True
        )
    except ValidationError as error:
        errors["description"] = error.message_dict["description"][0]
    if errors:
        raise ValidationError(errors)
    return {
        **values,
        "employer": data.employer,
        "hours_per_week": hours,
        "sector": data.sector,
        "kind": data.kind,
        "starts_on": data.starts_on,
        "closes_on": data.closes_on,
        "key": natural_key(data.employer.pk, values["title"], values["place"], data.starts_on),
    }


@transaction.atomic
def vacancy_save(*, actor: User, data: VacancyInput, vacancy: Vacancy | None = None) -> Vacancy:
    """A new vacancy, or changes to one. A second vacancy with the same employer, title, place and
    start is refused: change the one that is there."""
    values = vacancy_values(actor.organisation_id, data)
    same = Vacancy.objects.filter(organisation_id=actor.organisation_id, key=values["key"])
    if vacancy is not None:
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk, organisation_id=actor.organisation_id)
        same = same.exclude(pk=vacancy.pk)
        if same.exists():
            raise ValidationError({"title": _("Deze vacature staat er al (zelfde werkgever, titel, plaats en start).")})
        for attribute, value in values.items():
            setattr(vacancy, attribute, value)
        vacancy.save(update_fields=[*values, "updated_at"])
        return vacancy
    created = Vacancy(organisation_id=actor.organisation_id, **values)
    created.created_at = created.updated_at = timezone.now()
    if not insert_if_absent(created):
        raise ValidationError({"title": _("Deze vacature staat er al (zelfde werkgever, titel, plaats en start).")})
    return created


def vacancy_upsert(*, organisation_id: int, data: VacancyInput) -> tuple[Vacancy, bool]:
    """For the import: the vacancy with this natural key, made or brought up to date with the row.
    Returns it and whether it was new. Runs inside the import's transaction."""
    values = vacancy_values(organisation_id, data)
    now = timezone.now()
    created = Vacancy(organisation_id=organisation_id, created_at=now, updated_at=now, **values)
    if insert_if_absent(created):
        return created, True
    vacancy = Vacancy.objects.select_for_update().get(organisation_id=organisation_id, key=values["key"])
    for attribute, value in values.items():
        setattr(vacancy, attribute, value)
    vacancy.save(update_fields=[*values, "updated_at"])
    return vacancy, False
