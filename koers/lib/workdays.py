"""Date arithmetic for the agenda: Dutch working days and calendar months.

Working days follow the Algemene termijnenwet (see docs/agenda-rules.md). We do not use the
`holidays` package: its Dutch calendar has Bevrijdingsdag only in lustrum years and no Goede
Vrijdag, which is not what the law says. Pure standard library, no Django.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "add_months",
    "add_working_days",
    "easter_sunday",
    "is_working_day",
    "public_holidays",
]


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian computus: the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> date:
    # Koningsdag since 2014, Koninginnedag before; moved to the Saturday when it falls on a Sunday.
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == calendar.SUNDAY else day


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The public holidays of the Algemene termijnenwet in `year`.

    1e Paasdag and 1e Pinksterdag are left out: they are Sundays anyway.
    """
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            easter - timedelta(days=2),  # Goede Vrijdag
            easter + timedelta(days=1),  # 2e Paasdag
            _kings_day(year),
            date(year, 5, 5),  # Bevrijdingsdag, every year (not only lustrum years)
            easter + timedelta(days=39),  # Hemelvaartsdag
            easter + timedelta(days=50),  # 2e Pinksterdag
            date(year, 12, 25),  # 1e Kerstdag
            date(year, 12, 26),  # 2e Kerstdag
        }
    )


def is_working_day(d: date) -> bool:
    """Monday to Friday, except public holidays."""
    return d.weekday() < calendar.SATURDAY and d not in public_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start`, counting from the day after `start` (n >= 1).

    Whether `start` itself is a working day does not matter.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def add_months(start: date, n: int) -> date:
    """`start` plus n calendar months (n >= 0), the day clamped to the length of the month.

    Always computed from `start` itself, never step by step: 31 Jan + 2 months is 31 Mar.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    year, month0 = divmod(start.year * 12 + start.month - 1 + n, 12)
    month = month0 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
