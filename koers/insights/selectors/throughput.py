"""Reads of the throughput page (doorlooptijd): from registration to outflow, per route and
destination; outflow within half a year and a year; the days in each phase of the flow chart.

The cohort is the trajectories *registered* in the chosen period (and matching the filters), read
from `TrajectoryFacts`, so no milestone is scanned on a page. The database groups by the number of
days and counts, so a page reads at most a few thousand (days, count) pairs whatever the size of
the organisation; the quantiles are then exact (koers.lib.quantiles).

Every number is about youths other than the reader's own, so every count goes through
koers.lib.small_numbers and a median or quartile over fewer than five trajectories is not shown.
"""

import datetime as dt
from dataclasses import astuple, dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import YOUTH_ROLES, Team, User
from koers.insights.models import FillState, TrajectoryFacts
from koers.insights.recent import counted_recently
from koers.insights.services.throughput import MILESTONES_STATE
from koers.lib.quantiles import Spread, spread_of
from koers.lib.small_numbers import THRESHOLD, suppress, suppress_counts
from koers.trajectories.flow import FLOW_CHART
from koers.trajectories.models import Destination, Phase, Route

# "Within half a year" and "within a year", in days from the registration.
HORIZONS = ((183, _("binnen een half jaar")), (365, _("binnen een jaar")))
NO_ROUTE = "none"  # the filter's value for trajectories without a plan conversation (no route yet)
PHASE_FIELDS = (
    (Phase.REGISTRATION, "days_registration"),
    (Phase.INVITED, "days_invited"),
    (Phase.SEARCH_PERIOD, "days_search_period"),
    (Phase.FOLLOW_UP, "days_follow_up"),
    (Phase.AFTERCARE, "days_aftercare"),
)


@dataclass(frozen=True)
class ThroughputFilter:
    organisation_id: int
    first: dt.date  # registered on or after
    last: dt.date  # registered on or before
    team_id: int | None = None
    consultant_id: int | None = None
    route: str = ""  # a Route value, NO_ROUTE, or "" for all
    target_group: str = ""  # a TargetGroup value, or "" for all


def cohort(f: ThroughputFilter) -> QuerySet[TrajectoryFacts]:
    """The trajectories registered in the period that match the filters (a queryset)."""
    rows = TrajectoryFacts.objects.filter(organisation_id=f.organisation_id, registered_on__range=(f.first, f.last))
    if f.team_id:
        rows = rows.filter(team_key=f.team_id)
    if f.consultant_id:
        rows = rows.filter(consultant_key=f.consultant_id)
    if f.route == NO_ROUTE:
        rows = rows.filter(route="")
    elif f.route:
        rows = rows.filter(route=f.route)
    if f.target_group:
        rows = rows.filter(target_groups__contains=f"|{f.target_group}|")
    return rows.order_by()


def filter_choices(*, organisation_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The organisation's teams and the staff who can have youths (also those no longer active:
    their trajectories still count), by name (two queries)."""
    teams = list(Team.objects.filter(organisation_id=organisation_id).order_by("name").values_list("pk", "name"))
    staff = []
    for pk, first_name, last_name, username, active in (
        User.objects.filter(organisation_id=organisation_id, role__in=YOUTH_ROLES)
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username", "is_active")
    ):
        name = f"{first_name} {last_name}".strip() or username
        staff.append((pk, name if active else str(_("%(name)s (niet actief)") % {"name": name})))
    return teams, staff


@dataclass(frozen=True)
class SpreadRow:
    """One line of a table of days: how many trajectories (None: hidden, "< 5") and their spread
    (None when fewer than five: not shown)."""

    key: str
    label: str
    count: int | None
    spread: Spread | None


@dataclass(frozen=True)
class RateCell:
    started: int | None  # trajectories registered long enough ago to count (None: hidden)
    out: int | None  # of them, with an outflow within the horizon (None: hidden)

    @property
    def share(self) -> float | None:
        if self.started is None or self.out is None or not self.started:
            return None
        return self.out / self.started


@dataclass(frozen=True)
class RateRow:
    key: str
    label: str
    cells: tuple[RateCell, ...]  # one per horizon


@dataclass(frozen=True)
class Throughput:
    filter: ThroughputFilter
    registered: int | None  # trajectories in the cohort (None: hidden)
    with_outflow: int | None
    total: SpreadRow
    by_route: tuple[SpreadRow, ...]
    by_destination: tuple[SpreadRow, ...]
    rates: tuple[RateRow, ...]  # per route, the last row all routes
    horizons: tuple[str, ...]
    phases: tuple[SpreadRow, ...]
    counted_until: dt.datetime | None


def _spread(counts: dict[int, int]) -> Spread | None:
    spread = spread_of(counts)
    return spread if spread is not None and spread.n >= THRESHOLD else None


def _spread_rows(keys_labels, counts_by_key: dict[str, dict[int, int]], *, total_shown: bool) -> tuple[SpreadRow, ...]:
    """Rows of a partition of the trajectories with an outflow: counts suppressed together (a
    hidden one cannot be worked back from the total). When the total itself may not be shown, a
    cell is hidden too where the shown ones would add up to it."""
    numbers = [sum(counts_by_key.get(key, {}).values()) for key, _label in keys_labels]
    shown = list(suppress_counts(numbers))
    nonzero = [i for i, n in enumerate(numbers) if n]
    if not total_shown and nonzero and all(shown[i] is not None for i in nonzero):
        shown[min(nonzero, key=lambda i: (numbers[i], i))] = None
    return tuple(
        SpreadRow(key, str(label), count, _spread(counts_by_key.get(key, {})) if count is not None else None)
        for (key, label), count in zip(keys_labels, shown, strict=True)
    )


def _route_choices() -> list[tuple[str, str]]:
    return [*Route.choices, ("", str(_("geen plan (nog geen route)")))]


def throughput_recent(f: ThroughputFilter, *, today: dt.date) -> tuple[Throughput, dt.datetime]:
    """`throughput_of` as counted at most five minutes ago (koers.insights.recent), with when."""
    key = "insights:throughput:" + ":".join(str(value) for value in (*astuple(f), today))
    return counted_recently(key, lambda: throughput_of(f, today=today))


def throughput_of(f: ThroughputFilter, *, today: dt.date) -> Throughput:
    """The throughput of the cohort (eight queries, whatever the number of trajectories)."""
    rows = cohort(f)
    by_route: dict[str, dict[int, int]] = {}
    by_destination: dict[str, dict[int, int]] = {}
    everything: dict[int, int] = {}
    for route, destination, days, n in (
        rows.filter(days_to_outflow__isnull=False)
        .values("route", "destination", "days_to_outflow")
        .annotate(n=Count("pk"))
        .values_list("route", "destination", "days_to_outflow", "n")
    ):
        for table, key in ((by_route, route), (by_destination, destination)):
            table.setdefault(key, {})
            table[key][days] = table[key].get(days, 0) + n
        everything[days] = everything.get(days, 0) + n

    horizon_filters = {}
    for days, _label in HORIZONS:
        started = Q(registered_on__lte=today - dt.timedelta(days=days))
        horizon_filters[f"started_{days}"] = Count("pk", filter=started)
        horizon_filters[f"out_{days}"] = Count("pk", filter=started & Q(days_to_outflow__lte=days))
    per_route = {row["route"]: row for row in rows.values("route").annotate(n=Count("pk"), **horizon_filters)}
    registered = sum(row["n"] for row in per_route.values())
    with_outflow = sum(everything.values())

    phases = []
    for phase, field in PHASE_FIELDS:
        counts = dict(
            rows.filter(**{f"{field}__isnull": False}).values(field).annotate(n=Count("pk")).values_list(field, "n")
        )
        count = suppress_counts([sum(counts.values())])[0]
        phases.append(
            SpreadRow(phase, str(dict(FLOW_CHART)[phase]), count, _spread(counts) if count is not None else None)
        )

    state = FillState.objects.filter(name=MILESTONES_STATE).values_list("updated_at", flat=True).first()
    # Registered and flowed out side by side: the difference (still without outflow) is a count
    # too, so both follow one two-cell table; the tables below never add up to a hidden total.
    summary = suppress([[with_outflow, registered - with_outflow]])
    outflows = summary.cells[0][0] if summary.total is not None else None
    return Throughput(
        filter=f,
        registered=summary.total,
        with_outflow=outflows,
        total=SpreadRow("", str(_("Totaal")), outflows, _spread(everything) if outflows is not None else None),
        by_route=_spread_rows(_route_choices(), by_route, total_shown=outflows is not None),
        by_destination=_spread_rows(list(Destination.choices), by_destination, total_shown=outflows is not None),
        rates=_rates(per_route),
        horizons=tuple(str(label) for _days, label in HORIZONS),
        phases=tuple(phases),
        counted_until=state,
    )


def _rates(per_route: dict[str, dict]) -> tuple[RateRow, ...]:
    """Outflow within each horizon per route and for all: per horizon a grid of (with outflow,
    without) per route, suppressed as one table, so neither a small count nor its complement shows."""
    choices = _route_choices()
    cells_by_horizon = []
    for days, _label in HORIZONS:
        grid = []
        for key, _route_label in choices:
            row = per_route.get(key, {})
            started, out = row.get(f"started_{days}", 0), row.get(f"out_{days}", 0)
            grid.append([out, started - out])
        result = suppress(grid)
        column = [
            RateCell(started=total, out=cells[0] if total is not None else None)
            for cells, total in zip(result.cells, result.row_totals, strict=True)
        ]
        all_started = sum(r[0] + r[1] for r in grid)
        all_out = sum(r[0] for r in grid)
        # The total row: its own small-number check (the two totals of the grid).
        total_cells = suppress([[all_out, all_started - all_out]])
        column.append(RateCell(started=total_cells.total, out=total_cells.cells[0][0]))
        cells_by_horizon.append(column)
    labels = [*choices, ("all", str(_("Alle routes")))]
    return tuple(
        RateRow(key, str(label), tuple(column[i] for column in cells_by_horizon))
        for i, (key, label) in enumerate(labels)
    )
