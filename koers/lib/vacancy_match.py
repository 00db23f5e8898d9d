"""Which vacancies fit what a youth is looking for, and why, in plain words (Django-free).

The rule is simple on purpose, so the youth can follow it: a vacancy fits when it is still open
(no closing date, or one not passed) and every wish the youth filled in holds (sector, hours,
place, kind of work); a wish left empty holds for every vacancy. With no wish at all, nothing is
said to fit: the page asks the youth what they are looking for instead. Each fitting vacancy gets
one reason per wish it meets, e.g. "past bij je interesse: Zorg en welzijn" and
"16 uur, jij wilt 12–20 uur".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

HOURS_LIMIT = 60  # hours per week, the most a vacancy or a wish can name


@dataclass(frozen=True)
class Wishes:
    sectors: frozenset[str] = frozenset()  # SBI section letters
    hours_min: int | None = None
    hours_max: int | None = None
    places: frozenset[str] = frozenset()  # compared without case or surrounding spaces
    kinds: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.sectors or self.places or self.kinds) and self.hours_min is None and self.hours_max is None


@dataclass(frozen=True)
class VacancyFacts:
    id: int
    sector: str
    hours: int
    place: str
    kind: str
    closes_on: dt.date | None = None


@dataclass(frozen=True)
class Match:
    vacancy_id: int
    reasons: tuple[str, ...] = field(default=())


def is_open(closes_on: dt.date | None, today: dt.date) -> bool:
    return closes_on is None or closes_on >= today


def place_key(place: str) -> str:
    return " ".join(place.split()).casefold()


def hours_in_words(hours_min: int | None, hours_max: int | None) -> str:
    if hours_min is not None and hours_max is not None:
        return f"{hours_min}–{hours_max} uur" if hours_min != hours_max else f"{hours_min} uur"
    if hours_min is not None:
        return f"minstens {hours_min} uur"
    return f"hoogstens {hours_max} uur"


def match(
    wishes: Wishes,
    vacancy: VacancyFacts,
    today: dt.date,
    *,
    sector_name: Callable[[str], str] = str,
    kind_name: Callable[[str], str] = str,
) -> Match | None:
    """The match with its reasons, or None when the vacancy is closed or a wish does not hold."""
    if wishes.is_empty or not is_open(vacancy.closes_on, today):
        return None
    reasons: list[str] = []
    if wishes.sectors:
        if vacancy.sector not in wishes.sectors:
            return None
        reasons.append(f"past bij je interesse: {sector_name(vacancy.sector)}")
    if wishes.hours_min is not None or wishes.hours_max is not None:
        if wishes.hours_min is not None and vacancy.hours < wishes.hours_min:
            return None
        if wishes.hours_max is not None and vacancy.hours > wishes.hours_max:
            return None
        reasons.append(f"{vacancy.hours} uur, jij wilt {hours_in_words(wishes.hours_min, wishes.hours_max)}")
    if wishes.places:
        if place_key(vacancy.place) not in {place_key(p) for p in wishes.places}:
            return None
        reasons.append(f"in {vacancy.place}, waar jij wilt werken")
    if wishes.kinds:
        if vacancy.kind not in wishes.kinds:
            return None
        reasons.append(f"{kind_name(vacancy.kind)}, dat zoek jij")
    return Match(vacancy_id=vacancy.id, reasons=tuple(reasons))


def matches(
    wishes: Wishes,
    vacancies: Iterable[VacancyFacts],
    today: dt.date,
    *,
    sector_name: Callable[[str], str] = str,
    kind_name: Callable[[str], str] = str,
) -> list[Match]:
    """The fitting ones, in the order given."""
    found = (match(wishes, v, today, sector_name=sector_name, kind_name=kind_name) for v in vacancies)
    return [m for m in found if m is not None]


def rotate(items: Sequence[T], day: dt.date, limit: int) -> list[T]:
    """At most `limit` of the items, starting at a place that moves one on each day, so a short
    list of suggestions (volunteering for the daily step) changes from day to day."""
    if not items or limit <= 0:
        return []
    start = day.toordinal() % len(items)
    turned = [*items[start:], *items[:start]]
    return turned[:limit]
