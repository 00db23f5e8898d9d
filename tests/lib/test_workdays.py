"""Dutch working days and month arithmetic (koers.lib.workdays), without Django."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.lib.workdays import (
    add_months,
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
)

any_date = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    "year, easter",
    [
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2000, date(2000, 4, 23)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 1, 1),  # Nieuwjaarsdag (Thursday)
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # 2e Paasdag
        date(2026, 4, 27),  # Koningsdag (Monday)
        date(2026, 5, 5),  # Bevrijdingsdag in a non-lustrum year (Tuesday)
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # 2e Pinksterdag
        date(2026, 12, 25),  # 1e Kerstdag (Friday)
        date(2025, 12, 26),  # 2e Kerstdag (Friday)
        date(2025, 4, 18),  # Goede Vrijdag
        date(2025, 4, 21),  # 2e Paasdag
        date(2025, 5, 29),  # Hemelvaartsdag
        date(2025, 6, 9),  # 2e Pinksterdag
        date(2027, 5, 5),  # Bevrijdingsdag (Wednesday)
        date(2013, 4, 30),  # Koninginnedag, the last one (Tuesday)
    ],
)
def test_public_holidays_on_weekdays_are_not_working_days(holiday):
    assert holiday.weekday() < 5
    assert holiday in public_holidays(holiday.year)
    assert not is_working_day(holiday)


def test_public_holidays_2026_exactly():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in public_holidays(2025)
    assert date(2025, 4, 27) not in public_holidays(2025)
    assert is_working_day(date(2025, 4, 28))


def test_queens_day_until_2013_kings_day_from_2014():
    assert date(2013, 4, 30) in public_holidays(2013)
    assert date(2013, 4, 27) not in public_holidays(2013)
    # 2014: the first Koningsdag, and 27 April was a Sunday, so it was held on the 26th.
    assert date(2014, 4, 26) in public_holidays(2014)
    assert date(2014, 4, 30) not in public_holidays(2014)
    assert is_working_day(date(2014, 4, 30))
    # Queen's Day on a Sunday moved to Saturday 29 April (2006).
    assert date(2006, 4, 29) in public_holidays(2006)
    assert date(2006, 4, 30) not in public_holidays(2006)


def test_liberation_day_every_year_not_only_lustrum_years():
    for year in range(2020, 2031):
        assert date(year, 5, 5) in public_holidays(year)
    assert not is_working_day(date(2026, 5, 5))


def test_public_holidays_are_cached_per_year():
    assert public_holidays(2026) is public_holidays(2026)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert is_working_day(date(2026, 3, 6))  # Friday
    assert is_working_day(date(2026, 3, 9))  # Monday


def test_easter_sunday_and_whit_sunday_are_not_working_days():
    assert not is_working_day(date(2026, 4, 5))
    assert not is_working_day(date(2026, 5, 24))


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2026, 3, 5), 1, date(2026, 3, 6)),  # Thursday -> Friday
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # over a weekend
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday: the start day does not count
        (date(2026, 3, 5), 2, date(2026, 3, 9)),
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Goede Vrijdag, weekend and 2e Paasdag
        (date(2026, 4, 2), 5, date(2026, 4, 13)),
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # over the weekend and Koningsdag (Mon 27th)
        (date(2026, 5, 4), 1, date(2026, 5, 6)),  # over 5 May
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # over Hemelvaartsdag
        (date(2026, 5, 13), 2, date(2026, 5, 18)),
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # over 2e Pinksterdag
        (date(2026, 12, 24), 1, date(2026, 12, 28)),  # over Christmas and a weekend
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # over Nieuwjaarsdag and a weekend
        (date(2026, 12, 24), 5, date(2027, 1, 4)),  # over both
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_add_working_days_needs_at_least_one(n):
    with pytest.raises(ValueError, match=f"n must be at least 1, got {n}"):
        add_working_days(date(2026, 3, 5), n)


@given(any_date, st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_the_nth_working_day_after_start(start, n):
    result = add_working_days(start, n)
    assert result > start
    assert is_working_day(result)
    between = [start + timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == n


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2026, 3, 5), 0, date(2026, 3, 5)),
        (date(2026, 3, 5), 1, date(2026, 4, 5)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # from the start, not step by step
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # over the turn of the year
        (date(2026, 6, 15), 9, date(2027, 3, 15)),
    ],
)
def test_add_months(start, n, expected):
    assert add_months(start, n) == expected


def test_add_months_refuses_negative():
    with pytest.raises(ValueError, match="n must not be negative, got -1"):
        add_months(date(2026, 3, 5), -1)


@given(any_date, st.integers(min_value=0, max_value=240))
def test_add_months_properties(start, n):
    result = add_months(start, n)
    assert result.year * 12 + result.month == start.year * 12 + start.month + n
    assert result.day <= start.day
    # The day is kept unless the month is too short for it, then it is the month's last day.
    if result.day < start.day:
        assert (result + timedelta(days=1)).day == 1
