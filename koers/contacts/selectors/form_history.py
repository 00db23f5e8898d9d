"""Reads: what the contact form takes from the trajectory's history, in one query.

The form offers first what the consultant usually records for this youth (the working elements
used most in the last HABIT_CONTACTS contacts, the channel of the latest contact), marks the
method's steps already done, and brings the stress-sensitive approach forward when the latest
stress rating is high. As four queries these small reads were a quarter of the youth file's
queries (issue 18); here they are the parts of one UNION ALL, each row tagged with its part.
Every part is bounded: at most one row per working element, per method step, and one each for
the channel and the stress, however long the history is.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import CharField, Count, DateField, F, IntegerField, Max, Value

from koers.contacts.models import Contact, Intervention, SelfRating
from koers.trajectories.models import Trajectory

HABIT_CONTACTS = 20  # the recent contacts that count
FREQUENT_SHOWN = 6


@dataclass(frozen=True)
class ContactHabits:
    elements: tuple[str, ...]  # working-element codes, most used first
    channel: str | None  # the channel of the latest contact, None without contacts


@dataclass(frozen=True)
class StressRating:
    stress: int
    date: dt.date


@dataclass(frozen=True)
class FormHistory:
    habits: ContactHabits
    done: dict[str, dt.date]  # method step key -> the latest contact date it was ticked
    latest_stress: StressRating | None


def _row(queryset, part: str, *, key, number, day):
    """One part of the union: (part, key, number, day), without the model's ordering."""
    return (
        queryset.annotate(part=Value(part, output_field=CharField()), k=key, n=number, d=day)
        .order_by()
        .values_list("part", "k", "n", "d")
    )


NO_KEY = Value(None, output_field=CharField())
NO_NUMBER = Value(None, output_field=IntegerField())
NO_DAY = Value(None, output_field=DateField())


def contact_form_history(trajectory: Trajectory) -> FormHistory:
    contacts = Contact.objects.filter(trajectory=trajectory).order_by("-date", "-id").values("id")
    stress = SelfRating.objects.filter(trajectory=trajectory, stress__isnull=False).order_by("-date", "-id")
    parts = [
        _row(
            Contact.steps.through.objects.filter(contact__trajectory=trajectory).values("methodstep__key"),
            "step",
            key=F("methodstep__key"),
            number=NO_NUMBER,
            day=Max("contact__date"),
        ),
        _row(
            Intervention.objects.filter(contact_id__in=contacts[:HABIT_CONTACTS]).values("element__code"),
            "element",
            key=F("element__code"),
            number=Count("id"),
            day=NO_DAY,
        ),
        _row(Contact.objects.filter(pk__in=contacts[:1]), "channel", key=F("channel"), number=NO_NUMBER, day=NO_DAY),
        _row(
            SelfRating.objects.filter(pk__in=stress.values("id")[:1]),
            "stress",
            key=NO_KEY,
            number=F("stress"),
            day=F("date"),
        ),
    ]
    rows = list(parts[0].union(*parts[1:], all=True))
    elements = sorted(((key, number) for part, key, number, _day in rows if part == "element"), key=_most_used)
    channel = next((key for part, key, _n, _d in rows if part == "channel"), None)
    stress_row = next(((number, day) for part, _k, number, day in rows if part == "stress"), None)
    return FormHistory(
        habits=ContactHabits(elements=tuple(code for code, _ in elements[:FREQUENT_SHOWN]), channel=channel),
        done={key: day for part, key, _n, day in rows if part == "step"},
        latest_stress=StressRating(stress=stress_row[0], date=stress_row[1]) if stress_row else None,
    )


def _most_used(element: tuple[str, int]) -> tuple[int, str]:
    code, times = element
    return (-times, code)
