"""Reads of the caseload experiment: a group of consultants (e.g. with a smaller caseload from a
date) compared with the organisation's other consultants, and with itself before that date.

Periods are whole months. "After" runs from the first whole month from the group's date to the
last complete month (at most twelve months); "before" is as many months directly before it.

Three measures, each for the four cells (group / others × before / after):

- throughput time: the days from registration to outflow of the trajectories that flowed out in
  the period (median), the consultant being the one at the outflow (TrajectoryFacts);
- contact frequency: per consultant, the contacts recorded in the period (PracticeCount) divided
  by their youth-months (the trajectories open on the 15th of each month, summed), then the mean
  over the consultants; consultants with less than one open trajectory on average are left out;
- outflow: of the trajectories waiting for an outflow at some time in the period (registered
  before its end, no outflow and not closed before its start), the share that flowed out in it.

The differences come with a 95 % bootstrap interval (koers.lib.bootstrap, seeded: the page shows
the same interval each time). A cell about fewer than five youths is not shown, and neither is
a difference that needs it. Every query is grouped in the database: a fixed number of queries
and of rows read, whatever the number of trajectories and contacts.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, Sum, Value, When

from koers.accounts.models import YOUTH_ROLES, User
from koers.insights.models import CountKind, ExperimentGroup, PracticeCount, TrajectoryFacts
from koers.insights.recent import counted_recently
from koers.lib.bootstrap import Bootstrap, Cell, Interval, MeanCell, MedianCell, ProportionCell
from koers.lib.bootstrap import difference as _difference
from koers.lib.bootstrap import difference_in_differences as _did
from koers.lib.small_numbers import THRESHOLD, suppress
from koers.lib.workdays import add_months

MAX_MONTHS = 12
MID_MONTH = 15
CELLS = ("group_before", "group_after", "others_before", "others_after")


def experiment_groups(*, organisation_id: int) -> list[ExperimentGroup]:
    """The organisation's groups with their consultants, newest date first (two queries)."""
    return list(
        ExperimentGroup.objects.filter(organisation_id=organisation_id)
        .prefetch_related("consultants")
        .order_by("-starts_on", "name")
    )


def staff_choices(*, organisation_id: int) -> list[tuple[int, str]]:
    """Who can be in a group: the active staff with youths, by name, with their team (one query)."""
    rows = (
        User.objects.filter(organisation_id=organisation_id, role__in=YOUTH_ROLES, is_active=True)
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username", "team__name")
    )
    return [
        (pk, f"{(f'{first} {last}'.strip() or username)}{f' ({team})' if team else ''}")
        for pk, first, last, username, team in rows
    ]


@dataclass(frozen=True)
class Window:
    first: dt.date  # the first day of the first month
    until: dt.date  # the first day after the last month
    months: int

    @property
    def last(self) -> dt.date:
        return self.until - dt.timedelta(days=1)

    def month_starts(self) -> list[dt.date]:
        return [add_months(self.first, i) for i in range(self.months)]


def _months_between(first: dt.date, until: dt.date) -> int:
    return (until.year - first.year) * 12 + until.month - first.month


def windows_of(starts_on: dt.date, today: dt.date) -> tuple[Window, Window] | None:
    """(before, after), or None while there is no complete month after the date yet."""
    start = starts_on if starts_on.day == 1 else add_months(starts_on.replace(day=1), 1)
    this_month = today.replace(day=1)
    months = min(_months_between(start, this_month), MAX_MONTHS)
    if months < 1:
        return None
    year, month0 = divmod(start.year * 12 + start.month - 1 - months, 12)
    before_first = dt.date(year, month0 + 1, 1)
    return Window(before_first, start, months), Window(start, add_months(start, months), months)


@dataclass(frozen=True)
class CellValue:
    """One cell of a measure: its value (None: not shown) and how many it is about."""

    value: float | None
    n: int | None  # trajectories or consultants (None: hidden, "< 5")
    youths: int | None = None  # for contact frequency: the average number of open trajectories


@dataclass(frozen=True)
class Comparison:
    key: str
    interval: Interval | None  # None: a cell it needs is not shown


@dataclass(frozen=True)
class Measure:
    key: str
    cells: dict[str, CellValue]
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class Experiment:
    group: ExperimentGroup
    before: Window
    after: Window
    throughput: Measure
    contacts: Measure
    outflow: Measure


COMPARISONS = (
    ("after_group_vs_others", ("group_after", "others_after"), _difference),
    ("group_after_vs_before", ("group_after", "group_before"), _difference),
    ("others_after_vs_before", ("others_after", "others_before"), _difference),
    ("change_group_vs_others", ("group_after", "group_before", "others_after", "others_before"), _did),
)


def _measure(key: str, cells: dict[str, Cell | None], values: dict[str, CellValue], seed: int) -> Measure:
    bootstrap = Bootstrap(seed=seed)
    comparisons = []
    for name, needed, combine in COMPARISONS:
        parts = [cells.get(cell) for cell in needed]
        if any(part is None for part in parts):
            comparisons.append(Comparison(name, None))
        else:
            comparisons.append(Comparison(name, bootstrap.interval(*parts, combine=combine)))
    return Measure(key, values, tuple(comparisons))


def experiment_recent(group: ExperimentGroup, *, today: dt.date) -> tuple[Experiment | None, dt.datetime]:
    """`experiment_of` as computed at most five minutes ago (koers.insights.recent), with when.
    A changed group (its date or consultants: `updated_at`, the ids) is counted afresh."""
    ids = sorted(user.pk for user in group.consultants.all())  # prefetched by experiment_groups
    key = f"insights:experiment:{group.pk}:{group.updated_at.isoformat()}:{today}:{hash(tuple(ids))}"
    return counted_recently(key, lambda: experiment_of(group, today=today))


def experiment_of(group: ExperimentGroup, *, today: dt.date) -> Experiment | None:
    """The comparison for the group (four queries), or None while no month after its date is complete."""
    windows = windows_of(group.starts_on, today)
    if windows is None:
        return None
    before, after = windows
    ids = [user.pk for user in group.consultants.all()]  # prefetched by experiment_groups
    in_group = Case(
        When(consultant_key__in=ids or [0], then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    facts = TrajectoryFacts.objects.filter(organisation_id=group.organisation_id, consultant_key__gt=0).order_by()
    return Experiment(
        group=group,
        before=before,
        after=after,
        throughput=_throughput(facts, in_group, before, after),
        contacts=_contacts(group.organisation_id, facts, set(ids), before, after),
        outflow=_outflow(facts, in_group, before, after),
    )


def _cell_name(in_group: bool, is_after: bool) -> str:
    return f"{'group' if in_group else 'others'}_{'after' if is_after else 'before'}"


def _throughput(facts, in_group, before: Window, after: Window) -> Measure:
    counts: dict[str, dict[int, int]] = {name: {} for name in CELLS}
    rows = (
        facts.filter(outflow_on__gte=before.first, outflow_on__lt=after.until)
        .annotate(
            in_group=in_group,
            is_after=Case(
                When(outflow_on__gte=after.first, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
        )
        .values("in_group", "is_after", "days_to_outflow")
        .annotate(n=Count("pk"))
        .values_list("in_group", "is_after", "days_to_outflow", "n")
    )
    for group_flag, after_flag, days, n in rows:
        counts[_cell_name(group_flag, after_flag)][days] = n
    cells: dict[str, Cell | None] = {}
    values = {}
    for name in CELLS:
        n = sum(counts[name].values())
        if n >= THRESHOLD:
            cell = MedianCell.of(counts[name])
            cells[name] = cell
            values[name] = CellValue(cell.estimate, n)
        else:
            cells[name] = None
            values[name] = CellValue(None, n if n == 0 else None)
    return _measure("throughput", cells, values, seed=1)


def _outflow(facts, in_group, before: Window, after: Window) -> Measure:
    aggregates = {}
    for label, window in (("before", before), ("after", after)):
        waiting = (
            Q(registered_on__lt=window.until)
            & (Q(outflow_on__isnull=True) | Q(outflow_on__gte=window.first))
            & (Q(closed_on__isnull=True) | Q(closed_on__gte=window.first))
        )
        aggregates[f"waiting_{label}"] = Count("pk", filter=waiting)
        aggregates[f"out_{label}"] = Count("pk", filter=waiting & Q(outflow_on__lt=window.until))
    rows = {
        row["in_group"]: row
        for row in facts.filter(registered_on__lt=after.until)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=before.first))
        .annotate(in_group=in_group)
        .values("in_group")
        .annotate(**aggregates)
    }
    # Per cell (with outflow, without): suppressed as one table, so a small count cannot be
    # worked back from a shown total and its complement.
    grid = []
    for name in CELLS:
        row = rows.get(name.startswith("group"), {})
        label = name.split("_")[1]
        waiting, out = row.get(f"waiting_{label}", 0), row.get(f"out_{label}", 0)
        grid.append([out, waiting - out])
    result = suppress(grid)
    cells: dict[str, Cell | None] = {}
    values = {}
    for name, (out, without), shown, total in zip(CELLS, grid, result.cells, result.row_totals, strict=True):
        visible = total is not None and shown[0] is not None and shown[1] is not None
        if visible and out + without:
            cell = ProportionCell(out, out + without)
            cells[name] = cell
            values[name] = CellValue(cell.estimate, total)
        else:
            cells[name] = None
            values[name] = CellValue(None, total)
    return _measure("outflow", cells, values, seed=2)


def _contacts(organisation_id: int, facts, group_ids: set[int], before: Window, after: Window) -> Measure:
    contacts: dict[tuple[int, bool], int] = {}
    for consultant, month_after, total in (
        PracticeCount.objects.filter(
            organisation_id=organisation_id,
            kind=CountKind.CONTACT,
            month__gte=before.first,
            month__lt=after.until,
            consultant_key__gt=0,
        )
        .annotate(
            is_after=Case(
                When(month__gte=after.first, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .values("consultant_key", "is_after")
        .annotate(total=Sum("count"))
        .values_list("consultant_key", "is_after", "total")
        .order_by()
    ):
        contacts[(consultant, month_after)] = total
    months = [*before.month_starts(), *after.month_starts()]
    open_on = {}
    for number, month in enumerate(months):
        middle = month.replace(day=MID_MONTH)
        open_on[f"m{number}"] = Count(
            "pk", filter=Q(registered_on__lte=middle) & (Q(closed_on__isnull=True) | Q(closed_on__gt=middle))
        )
    youth_months: dict[tuple[int, bool], int] = {}
    for row in (
        facts.filter(registered_on__lt=after.until)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=before.first))
        .values("consultant_key")
        .annotate(**open_on)
    ):
        counts = [row[f"m{number}"] for number in range(len(months))]
        youth_months[(row["consultant_key"], False)] = sum(counts[: before.months])
        youth_months[(row["consultant_key"], True)] = sum(counts[before.months :])
    rates: dict[str, list[float]] = {name: [] for name in CELLS}
    load: dict[str, int] = dict.fromkeys(CELLS, 0)
    for (consultant, is_after), held in youth_months.items():
        window_months = after.months if is_after else before.months
        if held < window_months:
            continue  # less than one open trajectory on average: no rate to speak of
        name = _cell_name(consultant in group_ids, is_after)
        rates[name].append(contacts.get((consultant, is_after), 0) / held)
        load[name] += held
    cells: dict[str, Cell | None] = {}
    values = {}
    for name in CELLS:
        window_months = after.months if name.endswith("after") else before.months
        youths = round(load[name] / window_months)
        if rates[name] and youths >= THRESHOLD:
            cell = MeanCell.of(rates[name])
            cells[name] = cell
            values[name] = CellValue(cell.estimate, len(rates[name]), youths)
        else:
            cells[name] = None
            values[name] = CellValue(None, len(rates[name]), youths if youths >= THRESHOLD or youths == 0 else None)
    return _measure("contacts", cells, values, seed=3)
