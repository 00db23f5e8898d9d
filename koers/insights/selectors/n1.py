"""Reads for single-case (N=1) analysis: which series a youth has (self-ratings, life-domain
scores, contacts per week, daily steps per week), one series' points, the interventions used with
the youth and when each was first used; and the same series for many youths at once.

Every series covers at most the last WINDOW_WEEKS weeks and MAX_POINTS points, so a read never
grows with a long history. Weekly series leave out the running week (it is not over yet) and
count weeks without anything as 0, from the first week with something to the last complete week
(or, when the trajectory or the daily step has ended, the last week with something).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext_lazy as _

from koers.contacts.models import Contact, Intervention, LifeDomainScore, SelfRating
from koers.method.life_domains import LIFE_DOMAIN_SETS
from koers.plans.models import DailyStepChoice, DailyStepDone
from koers.trajectories.models import Phase, Trajectory, Youth

WINDOW_WEEKS = 104
MAX_POINTS = 104

INCREASE, DECREASE = "increase", "decrease"


@dataclass(frozen=True)
class SeriesKind:
    key: str  # "rating:stress", "domain:housing", "contacts", "steps": what the form sends
    label: str
    improvement: str  # INCREASE or DECREASE: which way is better
    weekly: bool  # one point per week (a count), else one per measurement
    low: float
    high: float | None  # None: a count without an upper end
    counts: bool = False  # a count (the log response ratio fits), not a rating on a scale

    @property
    def lower_is_better(self) -> bool:
        return self.improvement == DECREASE


# The self-rating questions (koers.contacts.models.SelfRating, ranges in contacts.services
# RATING_RANGES): for stress a lower number is better, for the other two a higher one.
RATING_KINDS = {
    "stress": SeriesKind("rating:stress", _("Stress (0 tot 10, lager is beter)"), DECREASE, False, 0, 10),
    "confidence": SeriesKind(
        "rating:confidence", _("Vertrouwen in de volgende stap (0 tot 10)"), INCREASE, False, 0, 10
    ),
    "mark": SeriesKind("rating:mark", _("Cijfer voor het traject (1 tot 10)"), INCREASE, False, 1, 10),
}
CONTACTS = SeriesKind("contacts", _("Contacten per week"), INCREASE, True, 0, None, counts=True)
STEPS = SeriesKind("steps", _("Dagelijkse stap: dagen gedaan per week (0 tot 7)"), INCREASE, True, 0, 7, counts=True)
DOMAIN_LABELS = {code: label for domains in LIFE_DOMAIN_SETS.values() for code, label in domains}


def domain_kind(code: str) -> SeriesKind:
    label = DOMAIN_LABELS.get(code, code)
    return SeriesKind(f"domain:{code}", _("Leefgebied %(domain)s (1 tot 5)") % {"domain": label}, INCREASE, False, 1, 5)


def kind_of(key: str) -> SeriesKind | None:
    """The series kind a form value names, or None."""
    if key.startswith("rating:"):
        return RATING_KINDS.get(key.removeprefix("rating:"))
    if key.startswith("domain:") and key.removeprefix("domain:") in DOMAIN_LABELS:
        return domain_kind(key.removeprefix("domain:"))
    return {CONTACTS.key: CONTACTS, STEPS.key: STEPS}.get(key)


def kinds_for_organisation(domain_set: str) -> list[SeriesKind]:
    """Every series kind an organisation's youths can have (for the overview across youths)."""
    domains = LIFE_DOMAIN_SETS.get(domain_set, LIFE_DOMAIN_SETS["self_reliance"])
    return [*RATING_KINDS.values(), *(domain_kind(code) for code, _label in domains), CONTACTS, STEPS]


def series_options(youth: Youth) -> list[SeriesKind]:
    """The series this youth has data for (two queries: what exists, the domains scored)."""
    flags = (
        Youth.objects.filter(pk=youth.pk)
        .annotate(
            **{
                f"has_{name}": Exists(
                    SelfRating.objects.filter(trajectory__youth_id=OuterRef("pk"), **{f"{name}__isnull": False})
                )
                for name in RATING_KINDS
            },
            has_contacts=Exists(Contact.objects.filter(trajectory__youth_id=OuterRef("pk"))),
            has_steps=Exists(DailyStepDone.objects.filter(youth_id=OuterRef("pk"))),
        )
        .values(*(f"has_{name}" for name in [*RATING_KINDS, "contacts", "steps"]))
        .get()
    )
    domains = (
        LifeDomainScore.objects.filter(assessment__trajectory__youth_id=youth.pk)
        .values_list("domain", flat=True)
        .distinct()
        .order_by("domain")
    )
    kinds = [kind for name, kind in RATING_KINDS.items() if flags[f"has_{name}"]]
    order = {code: i for i, code in enumerate(DOMAIN_LABELS)}
    kinds += [domain_kind(code) for code in sorted(domains, key=lambda code: order.get(code, len(order)))]
    kinds += [kind for kind, flag in ((CONTACTS, "has_contacts"), (STEPS, "has_steps")) if flags[flag]]
    return kinds


@dataclass(frozen=True)
class Point:
    day: dt.date  # the measurement's date, or the Monday of its week
    value: float


@dataclass(frozen=True)
class Series:
    kind: SeriesKind
    points: tuple[Point, ...]  # oldest first
    capped: bool  # older points were left out (the window or MAX_POINTS)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def window_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of the window and the Monday of the running week (weekly series end before it)."""
    this_monday = monday_of(today)
    return this_monday - dt.timedelta(weeks=WINDOW_WEEKS), this_monday


def series_of(youth_id: int, kind: SeriesKind, today: dt.date) -> Series:
    """One series of one youth (see `series_for_youths`: two or three queries)."""
    return series_for_youths([youth_id], kind, today)[youth_id]


def series_for_youths(youth_ids: Iterable[int], kind: SeriesKind, today: dt.date) -> dict[int, Series]:
    """The series of each youth, bounded by the window and MAX_POINTS; a youth without data gets an
    empty one. Two queries for measurements (the window, and who has older ones), three for
    weekly counts (also: whose trajectory or daily step still runs), whatever the number of youths."""
    ids = list(dict.fromkeys(youth_ids))
    start, this_monday = window_of(today)
    rows, youth_field, date_field = _source(ids, kind)
    older = set(rows.filter(**{f"{date_field}__lt": start}).order_by().values_list(youth_field, flat=True).distinct())
    if kind.weekly:
        by_youth = _weekly(
            ids,
            kind,
            rows.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": this_monday}),
            youth_field,
            date_field,
            this_monday,
        )
    else:
        by_youth = defaultdict(list)
        for youth_id, day, value in rows.filter(**{f"{date_field}__gte": start}).values_list(
            youth_field, date_field, _value_field(kind)
        ):
            by_youth[youth_id].append(Point(day, float(value)))
    result = {}
    for youth_id in ids:
        points = by_youth.get(youth_id, [])
        capped = youth_id in older or len(points) > MAX_POINTS
        result[youth_id] = Series(kind, tuple(points[-MAX_POINTS:]), capped)
    return result


def _source(ids: list[int], kind: SeriesKind) -> tuple[QuerySet, str, str]:
    """The rows of the series for these youths, in time order, with the names of their youth and date fields."""
    if kind.key.startswith("rating:"):
        field = kind.key.removeprefix("rating:")
        rows = SelfRating.objects.filter(trajectory__youth_id__in=ids, **{f"{field}__isnull": False})
        return rows.order_by("trajectory__youth_id", "date", "id"), "trajectory__youth_id", "date"
    if kind.key.startswith("domain:"):
        rows = LifeDomainScore.objects.filter(
            assessment__trajectory__youth_id__in=ids, domain=kind.key.removeprefix("domain:")
        )
        order = ("assessment__trajectory__youth_id", "assessment__date", "assessment_id")
        return rows.order_by(*order), "assessment__trajectory__youth_id", "assessment__date"
    if kind.key == CONTACTS.key:
        return Contact.objects.filter(trajectory__youth_id__in=ids), "trajectory__youth_id", "date"
    return DailyStepDone.objects.filter(youth_id__in=ids), "youth_id", "day"


def _value_field(kind: SeriesKind) -> str:
    return kind.key.removeprefix("rating:") if kind.key.startswith("rating:") else "score"


def _weekly(
    ids: list[int], kind: SeriesKind, rows: QuerySet, youth_field: str, date_field: str, this_monday: dt.date
) -> dict[int, list[Point]]:
    """Counts per week, from each youth's first week with something to the last complete week
    while it still runs (an open trajectory; a daily step switched on), else to its last week."""
    per_week = rows.annotate(week=TruncWeek(date_field)).values_list(youth_field, "week").annotate(n=Count("pk"))
    if kind.key == CONTACTS.key:
        running = Trajectory.objects.filter(youth_id__in=ids).exclude(phase=Phase.CLOSED)
    else:
        running = DailyStepChoice.objects.filter(youth_id__in=ids, active=True)
    still_running = set(running.values_list("youth_id", flat=True))
    counts: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for youth_id, week, n in per_week.order_by():
        counts[youth_id][week.date() if isinstance(week, dt.datetime) else week] = n
    last_complete = this_monday - dt.timedelta(weeks=1)
    by_youth = {}
    for youth_id, weeks in counts.items():
        first = min(weeks)
        end = last_complete if youth_id in still_running else max(weeks)
        mondays = [first + dt.timedelta(weeks=i) for i in range((end - first).days // 7 + 1)]
        by_youth[youth_id] = [Point(monday, float(weeks.get(monday, 0))) for monday in mondays]
    return by_youth


# Interventions: a working element (coded, or through a step or toolbox item) or a toolbox item.

ELEMENT, TOOLBOX = "element", "toolbox"


@dataclass(frozen=True)
class UsedIntervention:
    key: str  # "element:<code>" or "toolbox:<key>": what the form sends
    label: str
    kind_label: str
    first_on: dt.date  # the date of the first contact with it


def interventions_of(youth_id: int) -> list[UsedIntervention]:
    """The working elements and toolbox items used at the youth's contacts, each with the date of
    its first contact, earliest first (two grouped queries, bounded by the taxonomy's size)."""
    elements = (
        Intervention.objects.filter(youth_id=youth_id)
        .values_list("element__code", "element__name")
        .annotate(first=Min("date"))
        .order_by()
    )
    toolbox = (
        Contact.toolbox_items.through.objects.filter(contact__trajectory__youth_id=youth_id)
        .values_list("toolboxitem__key")
        .annotate(text=Max("toolboxitem__action"), first=Min("contact__date"))
        .order_by()
    )
    used = [
        UsedIntervention(f"{ELEMENT}:{code}", name, str(_("werkzaam element")), first) for code, name, first in elements
    ]
    used += [
        UsedIntervention(f"{TOOLBOX}:{key}", text, str(_("gereedschapskist")), first) for key, text, first in toolbox
    ]
    return sorted(used, key=lambda item: (item.first_on, item.label))


def first_use_by_youth(youths: QuerySet[Youth], intervention_key: str, *, limit: int) -> list[tuple[int, str, dt.date]]:
    """For each youth of `youths` with whom the intervention was used: (youth id, name, date of the
    first contact with it), the latest starters first, at most `limit` (one grouped query)."""
    kind, _sep, code = intervention_key.partition(":")
    if kind == ELEMENT:
        rows = (
            Intervention.objects.filter(element__code=code, youth__in=youths)
            .values_list("youth_id", "youth__first_name", "youth__last_name")
            .annotate(first=Min("date"))
        )
    elif kind == TOOLBOX:
        rows = (
            Contact.toolbox_items.through.objects.filter(toolboxitem__key=code, contact__trajectory__youth__in=youths)
            .values_list(
                "contact__trajectory__youth_id",
                "contact__trajectory__youth__first_name",
                "contact__trajectory__youth__last_name",
            )
            .annotate(first=Min("contact__date"))
        )
    else:
        return []
    return [
        (youth_id, f"{first_name} {last_name}", first)
        for youth_id, first_name, last_name, first in rows.order_by("-first", youth_id_field(kind))[:limit]
    ]


def youth_id_field(kind: str) -> str:
    return "youth_id" if kind == ELEMENT else "contact__trajectory__youth_id"
