"""A person's age in whole years: the one definition pages, checks and reports use."""

import datetime as dt


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years on `day`; a birthday on 29 February counts on 1 March in other years."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
