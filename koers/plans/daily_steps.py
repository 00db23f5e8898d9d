"""The library of small daily activation steps (koers/plans/data/daily_steps.json) and the choice
of today's step. A streak counts the days in a row, but a missed day never takes anything away:
the youth sees how many days they did it in all and the longest run, never "you broke it"."""

import datetime as dt
import functools
import json
from dataclasses import dataclass
from importlib import resources

from koers.lib.vacancy_match import rotate


@functools.cache
def library() -> tuple[dict, ...]:
    text = resources.files("koers.plans").joinpath("data/daily_steps.json").read_text(encoding="utf-8")
    return tuple(json.loads(text))


@functools.cache
def celebrations() -> tuple[str, ...]:
    text = resources.files("koers.plans").joinpath("data/celebrations.json").read_text(encoding="utf-8")
    return tuple(json.loads(text))


def celebration_for(number: int) -> str:
    """A warm acknowledgement that varies with the sub-goal, but stays the same on a reload."""
    options = celebrations()
    return options[number % len(options)]


def step_for_day(day: dt.date, *, keys: list[str], plan_steps: list[tuple[str, str]]) -> dict:
    """Today's step: the youth's own open sub-goals first (one per day, in turn), else one from
    the chosen part of the library. The same all day long."""
    if plan_steps:
        key, text = plan_steps[day.toordinal() % len(plan_steps)]
        return {"key": key, "text": text, "encouragement": "Elke stap van je plan telt."}
    steps = [s for s in library() if not keys or s["key"] in keys] or list(library())
    return steps[day.toordinal() % len(steps)]


# Open volunteering vacancies shown beside the daily step as something to try (koers.work): a few,
# a different few each day.
VOLUNTEERING_SUGGESTIONS = 3


def suggestions_for_day(items: list, day: dt.date, *, limit: int = VOLUNTEERING_SUGGESTIONS) -> list:
    return rotate(items, day, limit)


@dataclass(frozen=True)
class Streak:
    days_done: int  # in all
    current: int  # days in a row up to today (or yesterday: today is not over yet)
    longest: int


def streak_of(days: list[dt.date], today: dt.date) -> Streak:
    done = sorted(set(days))
    longest = run = 0
    previous: dt.date | None = None
    for day in done:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if done and (today - done[-1]).days <= 1:
        current = 1
        for a, b in zip(reversed(done[:-1]), reversed(done[1:]), strict=False):
            if (b - a).days != 1:
                break
            current += 1
    return Streak(days_done=len(done), current=current, longest=longest)
