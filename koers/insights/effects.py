"""A single-case analysis of one series: split at the start of an intervention into a baseline
(A, before) and an intervention phase (B, from the start on), the effect sizes of
koers.lib.single_case, and for each a plain-Dutch line that says what it means; a warning when a
phase is short, and the reason in words when a statistic cannot be computed.

The numbers are exactly those of koers.lib.single_case (and so of SingleCaseES): this module only
splits the series and puts the results into words.
"""

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.insights.selectors.n1 import Point, Series, SeriesKind, monday_of
from koers.lib import single_case
from koers.lib.single_case import (
    MIN_POINTS_PER_PHASE,
    ConstantBaseline,
    GoalAtBaseline,
    NegativeValue,
    NotANumber,
    SingleCaseError,
    TooFewPoints,
    ZeroMean,
)


@dataclass(frozen=True)
class Effect:
    code: str  # "nap", "tau", "tau_u", "pnd", "smd", "lrr", "pogo"
    name: str
    meaning: str  # what the statistic measures, in words
    estimate: float | None  # None: it could not be computed (see `problem`)
    se: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    shown: str = ""  # the estimate as the page shows it
    interval: str = ""  # the 95 % interval as the page shows it, or ""
    reading: str = ""  # one line in plain Dutch
    problem: str = ""  # why it could not be computed


@dataclass(frozen=True)
class Analysis:
    split_on: dt.date
    a: tuple[Point, ...]
    b: tuple[Point, ...]
    effects: tuple[Effect, ...]
    warnings: tuple[str, ...]

    @property
    def mean_a(self) -> float | None:
        return math.fsum(p.value for p in self.a) / len(self.a) if self.a else None

    @property
    def mean_b(self) -> float | None:
        return math.fsum(p.value for p in self.b) / len(self.b) if self.b else None

    def effect(self, code: str) -> Effect | None:
        return next((e for e in self.effects if e.code == code), None)

    @property
    def enough_points(self) -> bool:
        return len(self.a) >= MIN_POINTS_PER_PHASE and len(self.b) >= MIN_POINTS_PER_PHASE


def number(value: float, decimals: int = 2) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals)


def phases_of(series: Series, split_on: dt.date) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """A: the points before the start; B: from the start on. A week counts in B from the week of
    the start date on."""
    boundary = monday_of(split_on) if series.kind.weekly else split_on
    return (
        tuple(p for p in series.points if p.day < boundary),
        tuple(p for p in series.points if p.day >= boundary),
    )


def analyse(series: Series, split_on: dt.date, *, goal: float | None = None, full: bool = True) -> Analysis:
    """The effect sizes of the series split at `split_on` (`full=False`: only NAP, Tau and PND,
    for the overview across youths)."""
    a, b = phases_of(series, split_on)
    values_a, values_b = [p.value for p in a], [p.value for p in b]
    words = _Words(series.kind, len(a), len(b), values_a, values_b, goal)
    makers: list[Callable[[], Effect]] = [words.nap, words.tau, words.pnd]
    if full:
        makers = [words.nap, words.tau, words.tau_u, words.pnd, words.smd, words.lrr]
        if goal is not None:
            makers.append(words.pogo)
    return Analysis(split_on, a, b, tuple(make() for make in makers), tuple(_warnings(series.kind, a, b)))


def _warnings(kind: SeriesKind, a: Sequence[Point], b: Sequence[Point]) -> list[str]:
    notes = []
    for phase, points, where in (("A", a, _("vóór de start")), ("B", b, _("vanaf de start"))):
        if not points:
            notes.append(
                _("Fase %(phase)s (%(where)s) heeft geen metingen. Kies een andere startdatum.")
                % {"phase": phase, "where": where}
            )
        elif len(points) < MIN_POINTS_PER_PHASE:
            notes.append(
                ngettext(
                    "Fase %(phase)s (%(where)s) heeft maar %(count)s meting. Voor een betrouwbare uitkomst "
                    "zijn minstens %(minimum)s metingen per fase nodig.",
                    "Fase %(phase)s (%(where)s) heeft maar %(count)s metingen. Voor een betrouwbare uitkomst "
                    "zijn minstens %(minimum)s metingen per fase nodig.",
                    len(points),
                )
                % {"phase": phase, "where": where, "count": len(points), "minimum": MIN_POINTS_PER_PHASE}
            )
    return notes


def problem_of(error: SingleCaseError) -> str:
    """Why a statistic could not be computed, in plain Dutch."""
    if isinstance(error, TooFewPoints):
        return ngettext(
            "Niet te berekenen: %(statistic)s heeft minstens %(minimum)s meting in fase %(phase)s nodig, "
            "en er zijn er %(count)s.",
            "Niet te berekenen: %(statistic)s heeft minstens %(minimum)s metingen in fase %(phase)s nodig, "
            "en er zijn er %(count)s.",
            error.minimum,
        ) % {"statistic": error.statistic, "minimum": error.minimum, "phase": error.phase, "count": error.count}
    if isinstance(error, ConstantBaseline):
        return _(
            "Niet te berekenen: alle metingen vóór de start zijn gelijk, "
            "dus er is geen spreiding om mee te vergelijken."
        )
    if isinstance(error, NegativeValue):
        return _("Niet te berekenen: in fase %(phase)s staat een getal onder 0.") % {"phase": error.phase}
    if isinstance(error, ZeroMean):
        return _("Niet te berekenen: het gemiddelde in fase %(phase)s is 0.") % {"phase": error.phase}
    if isinstance(error, GoalAtBaseline):
        return _("Niet te berekenen: het doel is gelijk aan het gemiddelde vóór de start. Kies een ander doel.")
    if isinstance(error, NotANumber):
        return _("Niet te berekenen: meting %(position)s in fase %(phase)s is geen getal.") % {
            "position": error.position,
            "phase": error.phase,
        }
    return _("Niet te berekenen met deze metingen.")


class _Words:
    """Each statistic computed by koers.lib.single_case, with its reading in words."""

    def __init__(self, kind: SeriesKind, m: int, n: int, a: list[float], b: list[float], goal: float | None):
        self.kind, self.m, self.n, self.a, self.b, self.goal = kind, m, n, a, b, goal
        self.one = _("week") if kind.weekly else _("meting")
        self.many = _("weken") if kind.weekly else _("metingen")

    def _compute(self, code: str, name: str, meaning: str, compute: Callable[[], object], read) -> Effect:
        try:
            result = compute()
        except SingleCaseError as error:
            return Effect(code, name, meaning, None, problem=problem_of(error))
        estimate = result.estimate
        se, lower, upper = (getattr(result, field, None) for field in ("se", "ci_lower", "ci_upper"))
        shown, reading = read(estimate)
        interval = ""
        if lower is not None and upper is not None:
            interval = _("%(lower)s tot %(upper)s") % {
                "lower": self._format(code, lower),
                "upper": self._format(code, upper),
            }
        return Effect(code, name, meaning, estimate, se, lower, upper, shown, interval, reading)

    def _format(self, code: str, value: float) -> str:
        return f"{number(value, 0)} %" if code == "pogo" else number(value)

    def nap(self) -> Effect:
        def read(p: float) -> tuple[str, str]:
            tenths = round(p * 10)
            if tenths == 10 and p < 1:
                share = _("In bijna alle vergelijkingen")
            elif tenths == 0 and p > 0:
                share = _("In bijna geen enkele vergelijking")
            elif math.isclose(p * 10, tenths, abs_tol=1e-9):
                share = _("In %(count)s van de 10 vergelijkingen") % {"count": tenths}
            else:
                share = _("In ongeveer %(count)s van de 10 vergelijkingen") % {"count": tenths}
            reading = _("%(share)s was een %(one)s na de start beter dan een %(one)s ervoor.") % {
                "share": share,
                "one": self.one,
            }
            return number(p), reading

        meaning = _(
            "NAP vergelijkt elke %(one)s vóór de start met elke %(one)s erna (%(pairs)s vergelijkingen). "
            "0,5 betekent: geen verschil; 1: erna altijd beter; 0: erna altijd slechter. Gelijk telt als een half."
        ) % {"one": self.one, "pairs": self.m * self.n}
        return self._compute(
            "nap", "NAP", meaning, lambda: single_case.nap(self.a, self.b, self.kind.improvement), read
        )

    def tau(self) -> Effect:
        def read(t: float) -> tuple[str, str]:
            if t > 0:
                reading = _("Na de start was het vaker beter dan slechter.")
            elif t < 0:
                reading = _("Na de start was het vaker slechter dan beter.")
            else:
                reading = _("Na de start was het even vaak beter als slechter.")
            return number(t), reading

        meaning = _(
            "Tau is NAP omgerekend naar −1 tot 1: 0 is geen verschil, 1 is erna altijd beter, −1 altijd slechter."
        )
        return self._compute(
            "tau", "Tau", meaning, lambda: single_case.tau(self.a, self.b, self.kind.improvement), read
        )

    def tau_u(self) -> Effect:
        def read(value: float) -> tuple[str, str]:
            tau = single_case.tau(self.a, self.b, self.kind.improvement).estimate
            if abs(value - tau) < 0.1:
                reading = _("De trend vóór de start verandert weinig aan het beeld.")
            elif value < tau:
                reading = _(
                    "Vóór de start ging het al de goede kant op; daarvoor gecorrigeerd blijft er minder verschil over."
                )
            else:
                reading = _(
                    "Vóór de start ging het de verkeerde kant op; daarvoor gecorrigeerd is het verschil groter."
                )
            return number(value), reading

        meaning = _("Tau-U is Tau, gecorrigeerd voor een trend die er vóór de start al was.")
        return self._compute(
            "tau_u", "Tau-U", meaning, lambda: single_case.tau_u(self.a, self.b, self.kind.improvement), read
        )

    def pnd(self) -> Effect:
        def read(share: float) -> tuple[str, str]:
            count = round(share * self.n)
            reading = ngettext(
                "%(count)s van de %(total)s %(many)s na de start was beter dan de beste %(one)s ervoor.",
                "%(count)s van de %(total)s %(many)s na de start waren beter dan de beste %(one)s ervoor.",
                count,
            ) % {"count": count, "total": self.n, "many": self.many, "one": self.one}
            return f"{number(share * 100, 0)} %", reading

        meaning = _("PND is het deel van de %(many)s na de start dat beter is dan de beste %(one)s ervoor.") % {
            "many": self.many,
            "one": self.one,
        }
        return self._compute(
            "pnd", "PND", meaning, lambda: single_case.pnd(self.a, self.b, self.kind.improvement), read
        )

    def smd(self) -> Effect:
        def read(d: float) -> tuple[str, str]:
            direction = _("in de goede richting") if d > 0 else _("in de verkeerde richting") if d < 0 else ""
            reading = _(
                "Gemiddeld %(before)s vóór en %(after)s na de start: een verschil van %(size)s keer de spreiding "
                "vóór de start %(direction)s."
            ) % {
                "before": number(math.fsum(self.a) / len(self.a), 1),
                "after": number(math.fsum(self.b) / len(self.b), 1),
                "size": number(abs(d)),
                "direction": direction,
            }
            return number(d), reading.replace(" .", ".")

        meaning = _(
            "SMD is het verschil tussen de gemiddelden, gedeeld door de spreiding vóór de start (met de correctie "
            "van Hedges voor weinig metingen). Positief is beter."
        )
        return self._compute(
            "smd", "SMD", meaning, lambda: single_case.smd(self.a, self.b, self.kind.improvement), read
        )

    def lrr(self) -> Effect:
        version = "LRRd" if self.kind.lower_is_better else "LRRi"
        if not self.kind.counts:
            meaning = _("De log-responsratio vergelijkt gemiddelden van aantallen, zoals contacten per week.")
            return Effect(
                "lrr", version, meaning, None, problem=_("Niet berekend: dit is een cijfer op een schaal, geen aantal.")
            )

        def read(value: float) -> tuple[str, str]:
            change = (math.exp(value) - 1) * 100
            if abs(change) < 0.5:
                reading = _("Het gemiddelde na de start is ongeveer gelijk aan dat ervoor.")
            elif change > 0:
                reading = _("Het gemiddelde na de start is ongeveer %(percent)s %% hoger dan ervoor.") % {
                    "percent": number(change, 0)
                }
            else:
                reading = _("Het gemiddelde na de start is ongeveer %(percent)s %% lager dan ervoor.") % {
                    "percent": number(-change, 0)
                }
            return number(value), reading

        meaning = _(
            "De log-responsratio (%(version)s) is de logaritme van het gemiddelde na de start gedeeld door het "
            "gemiddelde ervoor, gecorrigeerd voor weinig metingen. 0 is geen verschil."
        ) % {"version": version}
        return self._compute(
            "lrr", version, meaning, lambda: single_case.lrr(self.a, self.b, self.kind.improvement), read
        )

    def pogo(self) -> Effect:
        goal = self.goal
        assert goal is not None  # only made with a goal

        def read(percent: float) -> tuple[str, str]:
            reading = _(
                "Van het gemiddelde vóór de start (%(before)s) naar het doel (%(goal)s) "
                "is %(percent)s %% van de weg afgelegd."
            ) % {
                "before": number(math.fsum(self.a) / len(self.a), 1),
                "goal": number(goal, 1),
                "percent": number(percent, 0),
            }
            return f"{number(percent, 0)} %", reading

        meaning = _(
            "PoGO is het deel van de weg naar het doel dat is afgelegd: "
            "0 % is het gemiddelde vóór de start, 100 % het doel."
        )
        return self._compute(
            "pogo", "PoGO", meaning, lambda: single_case.pogo(self.a, self.b, goal, self.kind.improvement), read
        )
