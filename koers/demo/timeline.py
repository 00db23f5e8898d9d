"""The key dates of a made-up trajectory, drawn so that the milestones end in the wanted phase.

All dates lie in the past relative to today (except the follow-up message after closure, which
koers.demo.histories handles) and follow the flow chart: registration, invitation 0-3 days later,
first conversation 5-15 days after registration, plan conversation 28-35 days after that, outflow
months later, aftercare of 3 months plus extensions, closure with a reason.
"""

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

from koers.lib.due_rules import aftercare_end
from koers.lib.workdays import add_months
from koers.trajectories.models import ClosingReason, Destination, Phase, Route

D = dt.timedelta
PHASE_WEIGHTS = {
    Phase.REGISTRATION: 6,
    Phase.INVITED: 8,
    Phase.SEARCH_PERIOD: 14,
    Phase.FOLLOW_UP: 42,
    Phase.AFTERCARE: 14,
    Phase.CLOSED: 16,
}
FOLLOW_UP_ROUTES = {Route.WORK: 45, Route.SCHOOL: 25, Route.CARE: 26, Route.NO_ENTITLEMENT: 4}
DESTINATIONS = {Destination.WORK: 55, Destination.SCHOOL: 35, Destination.OTHER: 10}
# The route that usually leads to a destination, and the less usual one.
ROUTE_TO = {
    Destination.WORK: (Route.WORK, Route.CARE),
    Destination.SCHOOL: (Route.SCHOOL, Route.WORK),
    Destination.OTHER: (Route.CARE, Route.WORK),
}
CLOSING = {
    ClosingReason.COMPLETED: 45,
    ClosingReason.STOPPED: 15,
    ClosingReason.MOVED: 10,
    ClosingReason.NO_ENTITLEMENT: 12,
    ClosingReason.HANDED_OVER: 18,
}
EXTENSIONS = {0: 70, 1: 25, 2: 5}
HANDOVER_CHANCE = 0.12


@dataclass
class Dates:
    """The key dates of a trajectory; None when that step has not happened."""

    R: dt.date = dt.date.min  # registration
    I: dt.date | None = None  # noqa: E741 - invitation
    F: dt.date | None = None  # first conversation
    P: dt.date | None = None  # plan conversation
    U: dt.date | None = None  # outflow
    X: list[dt.date] = field(default_factory=list)  # aftercare extensions
    C: dt.date | None = None  # closed
    H: dt.date | None = None  # hand-over to another consultant
    route: str = ""
    destination: str = ""
    reason: str = ""


def pick(rng: random.Random, table: dict):
    """A key of `table`, drawn with the values as weights."""
    return rng.choices(list(table), weights=list(table.values()))[0]


def phases_for(rng: random.Random, count: int) -> list[str]:
    """Every phase at least once (when there are enough youths), the rest by weight, shuffled."""
    phases = list(PHASE_WEIGHTS)
    if count < len(phases):
        return rng.sample(phases, count)
    phases += rng.choices(list(PHASE_WEIGHTS), weights=list(PHASE_WEIGHTS.values()), k=count - len(phases))
    rng.shuffle(phases)
    return phases


def months_ago(day: dt.date, months: int) -> dt.date:
    """`day` minus whole months, the day clamped to the month's length."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


class Draw:
    """Random draws relative to today (for an earlier trajectory: the day it was looked at)."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.T = rng, today

    def days(self, low: int, high: int) -> D:
        return D(days=self.rng.randint(low, high))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


class Timeline(Draw):
    def birth_date(self, registered_on: dt.date) -> dt.date:
        """18-27 years old today, and at least 17 years and 9 months old when registered."""
        oldest = months_ago(self.T, 28 * 12) + D(days=1)
        youngest = min(months_ago(self.T, 18 * 12), months_ago(registered_on, 17 * 12 + 9))
        return oldest + self.days(0, (youngest - oldest).days)

    def dates(self, phase: str, *, long: bool = False) -> Dates:
        """The key dates for a trajectory that is in `phase` today.

        `long`: a trajectory in follow-up for years (the long tail of files with hundreds of
        contacts).
        """
        d, T = Dates(), self.T
        if long:
            d.P = T - self.days(700, 1500)
            d.route = pick(self.rng, {Route.CARE: 60, Route.WORK: 30, Route.SCHOOL: 10})
            d.F = d.P - self.days(28, 35)
            self.before_first(d)
        elif phase == Phase.REGISTRATION:
            d.R = T - self.days(0, 10)
        elif phase == Phase.INVITED:
            d.I = T - self.days(0, 21)
            d.R = d.I - self.days(0, 5)
        elif phase == Phase.SEARCH_PERIOD:
            d.F = T - self.days(0, 40)  # beyond 28 days the second conversation is overdue
            self.before_first(d)
        elif phase == Phase.FOLLOW_UP:
            d.P = T - self.days(0, 330)
            d.route = pick(self.rng, FOLLOW_UP_ROUTES)
            d.F = d.P - self.days(28, 35)
            self.before_first(d)
        elif phase == Phase.AFTERCARE:
            extensions = pick(self.rng, EXTENSIONS)
            d.U = months_ago(T, 3 * extensions) - self.days(5, 89)
            while aftercare_end(d.U, extensions) <= T:  # still in aftercare today
                d.U += D(days=5)
            self.extensions(d, extensions)
            self.before_outflow(d)
        else:
            self.closed(d)
        if d.F and self.chance(HANDOVER_CHANCE):
            span = ((d.C or T) - d.F).days
            if span >= 10:
                d.H = d.F + self.days(7, span)
        return d

    def before_first(self, d: Dates) -> None:
        d.R = d.F - self.days(5, 15)
        if self.chance(0.9):
            d.I = d.R + self.days(0, 3)

    def before_outflow(self, d: Dates) -> None:
        d.destination = pick(self.rng, DESTINATIONS)
        if self.chance(0.85):
            d.P = d.U - self.days(20, 240)
            usual, other = ROUTE_TO[d.destination]
            d.route = usual if self.chance(0.85) else other
            d.F = d.P - self.days(28, 35)
        else:  # found work or school during the search period
            d.F = d.U - self.days(7, 27)
        self.before_first(d)

    def extensions(self, d: Dates, count: int) -> None:
        """Each extension is recorded in the last two weeks before aftercare would end."""
        d.X = [min(self.T, add_months(d.U, 3 * k) - self.days(0, 14)) for k in range(1, count + 1)]

    def closed(self, d: Dates) -> None:
        T = self.T
        d.reason = pick(self.rng, CLOSING)
        if d.reason == ClosingReason.COMPLETED:
            extensions = pick(self.rng, EXTENSIONS)
            months = 3 * (1 + extensions)
            d.U = T - self.days(31 * months + 15, 31 * months + 320)
            self.extensions(d, extensions)
            self.before_outflow(d)
            d.C = aftercare_end(d.U, extensions) + self.days(0, 14)
        elif d.reason == ClosingReason.HANDED_OVER:  # contact could not be made: to the wijkteam
            d.R = T - self.days(60, 400)
            d.I = d.R + self.days(0, 3)
            d.C = d.I + self.days(30, 60)
        elif d.reason == ClosingReason.NO_ENTITLEMENT and self.chance(0.5):
            d.R = T - self.days(10, 300)
            d.C = d.R + self.days(3, 20)
        else:
            d.F = T - self.days(45, 400)
            if d.reason != ClosingReason.STOPPED or self.chance(0.5):
                d.P = d.F + self.days(28, 35)
                no_entitlement = d.reason == ClosingReason.NO_ENTITLEMENT
                d.route = Route.NO_ENTITLEMENT if no_entitlement else pick(self.rng, FOLLOW_UP_ROUTES)
            self.before_first(d)
            d.C = (d.P or d.F) + (self.days(1, 14) if d.route == Route.NO_ENTITLEMENT else self.days(7, 150))
        d.C = min(d.C, T)
