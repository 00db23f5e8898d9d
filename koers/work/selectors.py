"""Reads of koers.work, each a fixed number of queries (said in its docstring), returning plain data.

Reads of a youth's interests, tips and introductions take a youth that came through an access
helper (koers.trajectories.access for staff, koers.portal.access for the youth), which wrote the
access log; the employer page lists youths only among `visible_youths` and logs them as a list.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.db.models.functions import Lower

from koers.accounts.models import User
from koers.audit.models import AccessChannel
from koers.audit.services import access_log_write_many
from koers.lib.vacancy_match import Match, VacancyFacts, Wishes, is_open, match, place_key
from koers.trajectories.access import visible_youths
from koers.trajectories.models import Youth
from koers.work.models import (
    Employer,
    EmployerContact,
    Introduction,
    IntroductionOutcomeChange,
    Vacancy,
    VacancyInterest,
    VacancyKind,
    VacancyTip,
    WorkInterest,
)
from koers.work.sectors import short_name

LIST_LIMIT = 200  # vacancies on the staff list
MATCH_LIMIT = 30  # matching vacancies shown to a youth (or in the file)
PAGE_ROWS = 30  # contacts, introductions on the employer page


@dataclass(frozen=True)
class EmployerRow:
    employer: Employer
    open_vacancies: int
    last_contact_on: dt.date | None


def open_vacancies(organisation_id: int, today: dt.date):
    return Vacancy.objects.filter(organisation_id=organisation_id).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=today)
    )


def employers_of(organisation_id: int, today: dt.date) -> list[EmployerRow]:
    """Every employer with its open vacancies and the date of the last contact (one query)."""
    rows = (
        Employer.objects.filter(organisation_id=organisation_id)
        .annotate(
            open_count=Count(
                "vacancies",
                filter=Q(vacancies__closes_on__isnull=True) | Q(vacancies__closes_on__gte=today),
                distinct=True,
            ),
            last_contact=Max("contacts__date"),
        )
        .order_by(Lower("name"), "id")
    )
    return [EmployerRow(e, e.open_count, e.last_contact) for e in rows]


def employer_choices(organisation_id: int) -> list[tuple[int, str]]:
    """For a select (one query)."""
    return list(
        Employer.objects.filter(organisation_id=organisation_id).order_by(Lower("name")).values_list("pk", "name")
    )


def vacancies_of(organisation_id: int, today: dt.date, *, closed: bool = False) -> list[Vacancy]:
    """Open vacancies (or the closed ones) with their employer, soonest closing first (one query)."""
    rows = Vacancy.objects.filter(organisation_id=organisation_id).select_related("employer")
    is_open_q = Q(closes_on__isnull=True) | Q(closes_on__gte=today)
    rows = rows.exclude(is_open_q) if closed else rows.filter(is_open_q)
    return list(rows.order_by("closes_on", "id")[:LIST_LIMIT])


@dataclass(frozen=True)
class EmployerPage:
    employer: Employer
    contacts: list[EmployerContact]
    vacancies: list[Vacancy]
    introductions: list[Introduction]


def employer_page(user: User, employer: Employer) -> EmployerPage:
    """The employer's contacts, vacancies, and introductions of youths the user may see (three
    queries, and one for the access log when youths are shown)."""
    contacts = list(employer.contacts.select_related("recorded_by")[:PAGE_ROWS])
    vacancies = list(employer.vacancies.order_by("-created_at", "-id")[:LIST_LIMIT])
    introductions = list(
        Introduction.objects.filter(employer=employer, youth__in=visible_youths(user)).select_related(
            "youth", "vacancy"
        )[:PAGE_ROWS]
    )
    access_log_write_many(
        user=user,
        organisation_id=employer.organisation_id,
        youth_ids=[i.youth_id for i in introductions],
        channel=AccessChannel.WEB,
        subject="employer_page",
    )
    return EmployerPage(employer, contacts, vacancies, introductions)


# The youth's side


def wishes_of(interest: WorkInterest | None) -> Wishes:
    if interest is None:
        return Wishes()
    return Wishes(
        sectors=frozenset(interest.sectors),
        hours_min=interest.hours_min,
        hours_max=interest.hours_max,
        places=frozenset(interest.places),
        kinds=frozenset(interest.kinds),
    )


def work_interest_of(youth: Youth) -> WorkInterest | None:
    return WorkInterest.objects.filter(youth=youth).first()


def kind_name(code: str) -> str:
    return str(dict(VacancyKind.choices).get(code, code))


def _facts(vacancy: Vacancy) -> VacancyFacts:
    return VacancyFacts(
        id=vacancy.pk,
        sector=vacancy.sector,
        hours=vacancy.hours_per_week,
        place=vacancy.place,
        kind=vacancy.kind,
        closes_on=vacancy.closes_on,
    )


@dataclass(frozen=True)
class Matched:
    vacancy: Vacancy
    reasons: tuple[str, ...]


def matching_vacancies(
    organisation_id: int, wishes: Wishes, today: dt.date, *, limit: int = MATCH_LIMIT
) -> list[Matched]:
    """Open vacancies that fit the wishes, with the reasons (koers.lib.vacancy_match); the database
    narrows them first, the rule decides (one query, none without wishes)."""
    if wishes.is_empty:
        return []
    rows = open_vacancies(organisation_id, today).select_related("employer")
    if wishes.sectors:
        rows = rows.filter(sector__in=wishes.sectors)
    if wishes.kinds:
        rows = rows.filter(kind__in=wishes.kinds)
    if wishes.hours_min is not None:
        rows = rows.filter(hours_per_week__gte=wishes.hours_min)
    if wishes.hours_max is not None:
        rows = rows.filter(hours_per_week__lte=wishes.hours_max)
    if wishes.places:
        rows = rows.annotate(place_lower=Lower("place")).filter(place_lower__in=[place_key(p) for p in wishes.places])
    found = []
    for vacancy in rows.order_by("closes_on", "id")[: limit * 2]:
        fit: Match | None = match(wishes, _facts(vacancy), today, sector_name=short_name, kind_name=kind_name)
        if fit is not None:
            found.append(Matched(vacancy, fit.reasons))
    return found[:limit]


def places_of(organisation_id: int, today: dt.date, *, limit: int = 40) -> list[str]:
    """The places of the open vacancies, to choose from (one query)."""
    places = open_vacancies(organisation_id, today).values_list("place", flat=True).distinct().order_by("place")
    return list(dict.fromkeys(place.strip() for place in places[:limit]))


def tips_of(youth: Youth) -> list[VacancyTip]:
    """The vacancies the youth's consultant tipped, newest first (one query)."""
    return list(
        VacancyTip.objects.filter(youth=youth)
        .select_related("vacancy", "vacancy__employer", "tipped_by")
        .order_by("-created_at", "-id")[:MATCH_LIMIT]
    )


def interested_vacancies(youth: Youth) -> list[VacancyInterest]:
    """The vacancies the youth said "Ik heb interesse" to, newest first (one query)."""
    return list(
        VacancyInterest.objects.filter(youth=youth)
        .select_related("vacancy", "vacancy__employer")
        .order_by("-created_at", "-id")[:MATCH_LIMIT]
    )


def introductions_of(youth: Youth) -> list[Introduction]:
    """The youth's introductions with their working elements (two queries, one when there are none).
    The outcome shown is the latest; its history is in "Al mijn gegevens" and `outcome_history`."""
    return list(
        Introduction.objects.filter(youth=youth)
        .select_related("employer", "vacancy")
        .prefetch_related("working_elements")[:PAGE_ROWS]
    )


def outcome_history(introduction: Introduction) -> list[IntroductionOutcomeChange]:
    """One introduction's outcomes, oldest first (one query)."""
    return list(introduction.outcomes.order_by("on", "id"))


def portal_vacancy(youth: Youth, vacancy_id: int, today: dt.date) -> Vacancy | None:
    """A vacancy the youth may see: of their own organisation, and open (one query)."""
    return open_vacancies(youth.organisation_id, today).select_related("employer").filter(pk=vacancy_id).first()


def volunteering_of(organisation_id: int, today: dt.date, *, limit: int = 20) -> list[Vacancy]:
    """Open volunteering vacancies, for the daily step's suggestions (one query)."""
    return list(
        open_vacancies(organisation_id, today)
        .filter(kind=VacancyKind.VOLUNTEERING)
        .select_related("employer")
        .order_by("id")[:limit]
    )


def is_open_vacancy(vacancy: Vacancy, today: dt.date) -> bool:
    return is_open(vacancy.closes_on, today)
