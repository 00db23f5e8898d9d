"""Reads of the team page, for team leads: per consultant of the organisation the caseload by
phase, the contact norm, overdue items, aftercare and the portal, and the totals of the team.

Support for supervision and the team meeting, not a league table: consultants are listed by name,
never ranked. Every count about youths goes through koers.lib.small_numbers: each table is one
grid of consultants × columns with its totals row, suppressed by `suppress` (a cell about 1 to 4
youths, and a second cell where a total would give it away).

A fixed number of queries, each one organisation's rows grouped by consultant, whatever the
number of consultants, youths or contacts (`team_overview` says which). What reads history is
bounded by the chosen period.
"""

import datetime as dt
import statistics
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from koers.accounts.models import Role, Team, User
from koers.accounts.selectors import person_name
from koers.agenda.models import DueItem
from koers.contacts.models import Contact, Purpose
from koers.insights.recent import counted_recently
from koers.insights.selectors.practice import Period
from koers.lib import due_rules
from koers.lib.due_rules import CHECK_IN_KINDS, DueKind
from koers.lib.small_numbers import is_small, suppress
from koers.lib.workdays import add_months
from koers.messaging.models import Message, MessageKind
from koers.trajectories.caseload import PHASE_WEIGHTS
from koers.trajectories.models import Milestone, Phase, Trajectory
from koers.trajectories.models import MilestoneKind as K

# The columns of the caseload: the phases of a running trajectory, in the flow chart's order.
CASELOAD_PHASES = (Phase.REGISTRATION, Phase.INVITED, Phase.SEARCH_PERIOD, Phase.FOLLOW_UP, Phase.AFTERCARE)
# The weighted caseload: what a youth in each phase roughly asks of a consultant. Follow-up counts
# in full (the plan, its evaluations, a substantive contact every 30 days); before the plan a youth
# needs a few conversations and searches on their own, in aftercare a check-in a month suffices.
# Two weights, and the small phases under one of them, on purpose: the weighted number and the
# total together give away the sum of each weight's cells, so it is hidden when one weight has a
# single hidden cell (`weighted_shown`). With follow-up alone at 1 that is rare; with the search
# period at 1 too, a small search period would hide it for most consultants.
# (The weights are koers.trajectories.caseload.PHASE_WEIGHTS, shared with the intake queue.)
# Messages a youth wrote (a ticked sub-goal is a notice, not a message to answer).
WRITTEN_BY_YOUTHS = (MessageKind.TEXT, MessageKind.OPTION_INTEREST, MessageKind.CHECK_IN)

# How an outflow's aftercare stands: its check-ins due so far are all done, one is not, or none is
# due yet (the first comes a month after outflow).
AFTERCARE_DONE, AFTERCARE_MISSED, AFTERCARE_NONE_DUE = 0, 1, 2


@dataclass(frozen=True)
class TeamRow:
    """One consultant's numbers as shown (None: hidden, "< 5"), or the team's in the totals row."""

    consultant_id: int | None  # None for the totals row
    name: str
    team_name: str
    caseload: tuple[int | None, ...]  # per phase of CASELOAD_PHASES
    caseload_total: int | None
    weighted: float | None  # None when hidden (it would give a small cell away)
    in_follow_up: int | None  # youths in follow-up, with a contact norm
    norm_met: int | None
    norm_missed: int | None
    overdue_items: int | None  # hidden when about fewer than 5 youths
    outflows: int | None
    aftercare_done: int | None
    aftercare_missed: int | None
    portal: int | None  # youths with a running trajectory and portal access
    writers: int | None  # youths who wrote a message in the period
    messages: int | None  # hidden with `writers`
    reply_seconds: float | None  # the median; None when no reply or about fewer than 5 youths
    reply_hidden: bool

    @property
    def norm_share(self) -> int | None:
        return _percent(self.norm_met, self.in_follow_up)

    @property
    def aftercare_share(self) -> int | None:
        """Of the outflows with a check-in due so far, the share with all of them done."""
        if self.aftercare_done is None or self.aftercare_missed is None:
            return None
        return _percent(self.aftercare_done, self.aftercare_done + self.aftercare_missed)


def _percent(part: int | None, whole: int | None) -> int | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole)


@dataclass(frozen=True)
class TeamOverview:
    period: Period
    rows: tuple[TeamRow, ...]  # by name
    totals: TeamRow
    largest_caseload: int  # the longest shown bar of all rows (one scale for every page)


def teams_of(*, organisation_id: int) -> list[tuple[int, str]]:
    """The organisation's teams as (id, name), for the filter (one query)."""
    return list(Team.objects.filter(organisation_id=organisation_id).order_by("name").values_list("pk", "name"))


def team_overview_recent(
    *, organisation_id: int, team_id: int | None, period: Period, today: dt.date
) -> tuple[TeamOverview, dt.datetime]:
    """`team_overview` as counted at most five minutes ago (koers.insights.recent), with when."""
    key = f"insights:team:{organisation_id}:{team_id or 0}:{period.first}:{period.last}:{today}"
    return counted_recently(
        key, lambda: team_overview(organisation_id=organisation_id, team_id=team_id, period=period, today=today)
    )


def team_overview(*, organisation_id: int, team_id: int | None, period: Period, today: dt.date) -> TeamOverview:
    """The team page's numbers for the active consultants of the organisation (of one team when
    `team_id` is given). Seven queries: the consultants; the caseload with portal access and the
    contact norm; the overdue items; the outflows and the contacts after them; the messages per
    consultant and for the team. One when there are no consultants."""
    users = _consultant_users(organisation_id, team_id)
    consultants = _consultants(users)
    ids = [pk for pk, _name, _team in consultants]
    if not ids:
        return TeamOverview(period=period, rows=(), totals=_empty_totals(), largest_caseload=0)
    among = users.values("pk")  # a subquery: no list of a thousand ids in every query
    counted = _caseload(organisation_id, among, today)
    caseload, portal, norm = counted.phases, counted.portal, counted.norm
    overdue = _overdue(organisation_id, among, today)
    aftercare = _aftercare(organisation_id, among, period, today)
    messages, team_messages = _messages(organisation_id, among, period)

    width = len(CASELOAD_PHASES)
    phases = _table([caseload.get(pk, [0] * width) for pk in ids], width)
    totals_of = [sum(caseload.get(pk, [0] * width)) for pk in ids]
    portal_table = _table([[portal.get(pk, 0), totals_of[i] - portal.get(pk, 0)] for i, pk in enumerate(ids)], 2)
    norm_table = _table([list(norm.get(pk, (0, 0))) for pk in ids], 2)
    aftercare_table = _table([list(aftercare.get(pk, (0, 0, 0))) for pk in ids], 3)
    overdue_youths = _table([[overdue.get(pk, (0, 0))[1]] for pk in ids], 1)
    writers = _table([[messages.get(pk, _NO_MESSAGES).writers] for pk in ids], 1)

    rows = []
    for i, (pk, name, team_name) in enumerate(consultants):
        raw_caseload = caseload.get(pk, [0] * width)
        stats = messages.get(pk, _NO_MESSAGES)
        rows.append(
            _row(
                consultant_id=pk,
                name=name,
                team_name=team_name,
                phases=(phases.cells[i], phases.row_totals[i], raw_caseload),
                norm=(norm_table.cells[i], norm_table.row_totals[i]),
                overdue_items=overdue.get(pk, (0, 0))[0] if overdue_youths.cells[i][0] is not None else None,
                aftercare=(aftercare_table.cells[i], aftercare_table.row_totals[i]),
                portal=portal_table.cells[i][0],
                writers=writers.cells[i][0],
                stats=stats,
            )
        )
    team_overdue = sum(overdue.get(pk, (0, 0))[0] for pk in ids)
    column_caseload = [sum(row[c] for row in (caseload.get(pk, [0] * width) for pk in ids)) for c in range(width)]
    totals = _row(
        consultant_id=None,
        name="",
        team_name="",
        phases=(phases.totals, phases.total, column_caseload),
        norm=(norm_table.totals, norm_table.total),
        overdue_items=team_overdue if overdue_youths.totals[0] is not None else None,
        aftercare=(aftercare_table.totals, aftercare_table.total),
        portal=portal_table.totals[0],
        writers=writers.totals[0],
        stats=team_messages,
    )
    largest = max((row.caseload_total for row in rows if row.caseload_total is not None), default=0)
    return TeamOverview(period=period, rows=tuple(rows), totals=totals, largest_caseload=largest)


# Suppression: one grid per table, its totals row suppressed the same way.


@dataclass(frozen=True)
class _Shown:
    cells: tuple[tuple[int | None, ...], ...]  # per consultant
    row_totals: tuple[int | None, ...]
    totals: tuple[int | None, ...]  # the totals row, per column
    total: int | None


def _table(grid: list[list[int]], width: int) -> _Shown:
    """The grid with its small cells hidden (`suppress`: against each row's and each column's
    total), and its totals row with complementary suppression against the grand total too."""
    body = suppress(grid)
    column_totals = [sum(row[c] for row in grid) for c in range(width)]
    foot = suppress([column_totals])
    return _Shown(cells=body.cells, row_totals=body.row_totals, totals=foot.cells[0], total=foot.total)


def weighted_shown(cells: Sequence[int | None], total: int | None) -> bool:
    """Whether the weighted caseload may be shown beside these shown cells and total. Together
    with the total it tells the sum of each weight's cells; a weight with exactly one hidden cell
    would give that cell away."""
    if total is None:
        return False
    hidden_per_weight: dict[float, int] = defaultdict(int)
    for phase, value in zip(CASELOAD_PHASES, cells, strict=True):
        if value is None:
            hidden_per_weight[PHASE_WEIGHTS[phase]] += 1
    return all(count != 1 for count in hidden_per_weight.values())


def weighted_caseload(counts: Sequence[int]) -> float:
    return sum(PHASE_WEIGHTS[phase] * count for phase, count in zip(CASELOAD_PHASES, counts, strict=True))


def _row(*, consultant_id, name, team_name, phases, norm, overdue_items, aftercare, portal, writers, stats) -> TeamRow:
    cells, total, raw = phases
    norm_cells, in_follow_up = norm
    aftercare_cells, outflows = aftercare
    replied_enough = stats.replied_youths > 0 and not is_small(stats.replied_youths)
    return TeamRow(
        consultant_id=consultant_id,
        name=name,
        team_name=team_name,
        caseload=tuple(cells),
        caseload_total=total,
        weighted=weighted_caseload(raw) if weighted_shown(cells, total) else None,
        in_follow_up=in_follow_up,
        norm_met=norm_cells[0],
        norm_missed=norm_cells[1],
        overdue_items=overdue_items,
        outflows=outflows,
        aftercare_done=aftercare_cells[0],
        aftercare_missed=aftercare_cells[1],
        portal=portal,
        writers=writers,
        messages=stats.messages if writers is not None else None,
        reply_seconds=stats.median_seconds if replied_enough else None,
        reply_hidden=stats.replied_youths > 0 and not replied_enough,
    )


def _empty_totals() -> TeamRow:
    return _row(
        consultant_id=None,
        name="",
        team_name="",
        phases=((0,) * len(CASELOAD_PHASES), 0, [0] * len(CASELOAD_PHASES)),
        norm=((0, 0), 0),
        overdue_items=0,
        aftercare=((0, 0, 0), 0),
        portal=0,
        writers=0,
        stats=_NO_MESSAGES,
    )


# The queries, each grouped by consultant.


def _consultant_users(organisation_id: int, team_id: int | None):
    """The active consultants (Vandaag's choice of "Van wie"), of one team when it is given."""
    users = User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
    return users.filter(team_id=team_id) if team_id is not None else users


def _consultants(users) -> list[tuple[int, str, str]]:
    rows = users.order_by("first_name", "last_name", "username", "pk").values_list(
        "pk", "first_name", "last_name", "username", "team__name"
    )
    return [(pk, person_name(first, last, username), team or "") for pk, first, last, username, team in rows]


@dataclass(frozen=True)
class _Caseload:
    phases: dict[int, list[int]]  # per consultant, in CASELOAD_PHASES order
    portal: dict[int, int]
    norm: dict[int, tuple[int, int]]  # youths in follow-up with the contact norm met, missed


def _caseload(organisation_id: int, among, today: dt.date) -> _Caseload:
    """Running trajectories per consultant and phase, with how many of those youths have portal
    access and, in follow-up, whether their contact norm is met: the stored agenda's item, read
    as Vandaag reads it (overdue when its due date lies before today). One query."""
    column = {phase: i for i, phase in enumerate(CASELOAD_PHASES)}
    phases: dict[int, list[int]] = defaultdict(lambda: [0] * len(CASELOAD_PHASES))
    portal: dict[int, int] = defaultdict(int)
    norm: dict[int, tuple[int, int]] = {}
    rows = (
        Trajectory.objects.filter(
            organisation_id=organisation_id, phase__in=CASELOAD_PHASES, youth__consultant_id__in=among
        )
        # A trajectory has one contact-norm item at most (ref "contact_norm").
        .annotate(norm=FilteredRelation("due_items", condition=Q(due_items__kind=DueKind.CONTACT_NORM)))
        .values("youth__consultant_id", "phase")
        .annotate(
            n=Count("pk"),
            portal=Count("pk", filter=Q(youth__portal_access__active=True)),
            norm_items=Count("norm__id"),
            norm_missed=Count("norm__id", filter=Q(norm__due__lt=today)),
        )
        .order_by()
    )
    for row in rows:
        consultant_id = row["youth__consultant_id"]
        phases[consultant_id][column[row["phase"]]] += row["n"]
        portal[consultant_id] += row["portal"]
        if row["phase"] == Phase.FOLLOW_UP:
            norm[consultant_id] = (row["norm_items"] - row["norm_missed"], row["norm_missed"])
    return _Caseload(phases=phases, portal=portal, norm=norm)


def _overdue(organisation_id: int, among, today: dt.date) -> dict[int, tuple[int, int]]:
    """Per consultant: overdue due items and the youths they are about (Vandaag's "te laat"; on
    the (organisation, due) index)."""
    rows = (
        DueItem.objects.filter(organisation_id=organisation_id, consultant_id__in=among, due__lt=today)
        .values("consultant_id")
        .annotate(items=Count("pk"), youths=Count("youth_id", distinct=True))
        .order_by()
    )
    return {row["consultant_id"]: (row["items"], row["youths"]) for row in rows}


def _effective(milestones):
    """Milestones that count (flow.effective): not withdrawn, not replaced by a correction."""
    return milestones.filter(withdrawn=False).exclude(Exists(Milestone.objects.filter(replaces_id=OuterRef("pk"))))


def _aftercare(organisation_id: int, among, period: Period, today: dt.date) -> dict[int, list[int]]:
    """Per consultant: the outflows in the period whose aftercare check-ins due so far are done,
    missed, or none due yet (two queries: the outflows with their extensions and closure, and the
    contacts after them — a few per outflow, not the youth's history)."""
    first, until = period.first, add_months(period.last, 1)
    of_trajectory = {"trajectory_id": OuterRef("trajectory_id")}
    extensions = (
        _effective(Milestone.objects.filter(**of_trajectory, kind=K.AFTERCARE_EXTENSION))
        .values("trajectory_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    closed = _effective(Milestone.objects.filter(**of_trajectory, kind=K.CLOSED)).values("date")[:1]
    in_period = _effective(Milestone.objects.filter(organisation_id=organisation_id, kind=K.OUTFLOW)).filter(
        date__gte=first, date__lt=until
    )
    outflows = list(
        in_period.filter(trajectory__youth__consultant_id__in=among)
        .annotate(extensions=Coalesce(Subquery(extensions), 0), closed_on=Subquery(closed))
        .values_list("trajectory_id", "date", "extensions", "closed_on", "trajectory__youth__consultant_id")
    )
    contacts: dict[int, list[dt.date]] = defaultdict(list)
    follow_ups: dict[int, list[dt.date]] = defaultdict(list)
    if outflows:
        # Joined to the period's outflow milestones (on the (organisation, kind, date) index), so
        # only contacts dated after an outflow are read (by the (trajectory, date) index). A
        # withdrawn or corrected outflow may bring a contact too: kept only when it lies after the
        # outflow that counts, and once.
        outflow_on = {trajectory_id: date for trajectory_id, date, *_rest in outflows}
        seen: set[int] = set()
        for contact_id, trajectory_id, date, purpose in (
            Contact.objects.filter(
                trajectory__milestones__organisation_id=organisation_id,
                trajectory__milestones__kind=K.OUTFLOW,
                trajectory__milestones__date__gte=first,
                trajectory__milestones__date__lt=until,
                date__gt=F("trajectory__milestones__date"),
            )
            .order_by()  # sorted per trajectory below; no sort of every row in the database
            .values_list("pk", "trajectory_id", "date", "purpose")
        ):
            if contact_id in seen or date <= outflow_on.get(trajectory_id, date):
                continue
            seen.add(contact_id)
            contacts[trajectory_id].append(date)
            if purpose == Purpose.AFTERCARE_FOLLOW_UP:
                follow_ups[trajectory_id].append(date)
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for trajectory_id, outflow_on, extension_count, closed_on, consultant_id in outflows:
        status = aftercare_status(
            outflow_on=outflow_on,
            extensions=extension_count,
            closed_on=closed_on,
            contact_dates=sorted(contacts[trajectory_id]),
            follow_up_dates=follow_ups[trajectory_id],
            today=today,
        )
        result[consultant_id][status] += 1
    return result


@lru_cache(maxsize=16384)
def _check_ins_due(outflow_on: dt.date, extensions: int, closed_on: dt.date | None, today: dt.date):
    """The check-ins (CHECK_IN_KINDS) of an outflow that were due before today, by the agenda's
    rules: (kind, due) in due order. For a closed trajectory only those due by its closure (the
    follow-up message also after it: it is sent after the file is closed)."""
    facts = due_rules.TrajectoryFacts(
        registered_on=outflow_on,
        # An outflow needs a first conversation (the flow chart); the rules ask only whether there was one.
        first_conversation_on=outflow_on,
        outflow_on=outflow_on,
        # The rules count extensions; the flow chart refuses one after closure.
        aftercare_extensions=(outflow_on,) * extensions,
    )
    return tuple(
        (item.kind, item.due)
        for item in due_rules.all_items(facts)
        if item.kind in CHECK_IN_KINDS
        and item.due < today
        and (closed_on is None or item.kind == DueKind.AFTERCARE_FOLLOW_UP or item.due <= closed_on)
    )


def aftercare_status(
    *,
    outflow_on: dt.date,
    extensions: int,
    closed_on: dt.date | None,
    contact_dates: Sequence[dt.date],
    follow_up_dates: Sequence[dt.date],
    today: dt.date,
) -> int:
    """How one outflow's aftercare stands today: its check-ins due so far all done, one missed,
    or none due yet. `contact_dates`: the trajectory's contacts after the outflow, sorted;
    `follow_up_dates`: those with the purpose of the follow-up message.

    The due dates come from the rules (due_rules); whether each is done follows their matching —
    each check-in takes its own contact dated after the previous check-in's due date (after the
    outflow for the first), earliest first — counted instead of matched one by one, which is
    the same: the first K check-ins are all done when, for each j, at least K - j + 1 contacts
    lie after the j-th start. tests/insights/test_team.py checks it against the rules."""
    due = _check_ins_due(outflow_on, extensions, closed_on, today)
    if not due:
        return AFTERCARE_NONE_DUE
    check_ins = [day for kind, day in due if kind == DueKind.AFTERCARE_CHECK_IN]
    starts = [outflow_on, *check_ins[:-1]]
    for j, start in enumerate(starts):
        after = len(contact_dates) - bisect_right(contact_dates, start)
        if after < len(check_ins) - j:
            return AFTERCARE_MISSED
    if any(kind == DueKind.AFTERCARE_FOLLOW_UP for kind, _day in due):
        end = due_rules.aftercare_end(outflow_on, extensions)
        if not any(day > end for day in follow_up_dates):
            return AFTERCARE_MISSED
    return AFTERCARE_DONE


@dataclass(frozen=True)
class _MessageStats:
    messages: int
    writers: int
    replied_youths: int  # youths with at least one message answered
    median_seconds: float | None


_NO_MESSAGES = _MessageStats(messages=0, writers=0, replied_youths=0, median_seconds=None)


class _Median(Aggregate):
    """PostgreSQL's median (NULLs, unanswered messages, are left out)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class _Seconds(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def _messages(organisation_id: int, among, period: Period) -> tuple[dict[int, _MessageStats], _MessageStats]:
    """Messages youths wrote in the period, per consultant of the youth and for all of them, with
    the median time to the next staff message to that youth (two queries; the reply is found on
    the (youth, created_at) index). A message written in the period counts, answered later or not."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(add_months(period.last, 1), dt.time.min, tzinfo=zone)
    reply = (
        Message.objects.filter(youth_id=OuterRef("youth_id"), from_youth=False, created_at__gt=OuterRef("created_at"))
        .exclude(kind=MessageKind.LETTER)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    written = Message.objects.filter(
        organisation_id=organisation_id,
        from_youth=True,
        kind__in=WRITTEN_BY_YOUTHS,
        created_at__gte=start,
        created_at__lt=end,
        youth__consultant_id__in=among,
    ).annotate(replied_at=Subquery(reply))
    counts = {
        "messages": Count("pk"),
        "writers": Count("youth_id", distinct=True),
        "replied_youths": Count("youth_id", distinct=True, filter=Q(replied_at__isnull=False)),
    }
    if connection.vendor != "postgresql":
        return _messages_in_python(written)  # SQLite, for the demo: no median in SQL
    waited = _Seconds(ExpressionWrapper(F("replied_at") - F("created_at"), output_field=DurationField()))
    per = written.values("youth__consultant_id").annotate(**counts, median=_Median(waited)).order_by()
    result = {
        row["youth__consultant_id"]: _MessageStats(
            row["messages"], row["writers"], row["replied_youths"], row["median"]
        )
        for row in per
    }
    team = written.aggregate(**counts, median=_Median(waited))
    return result, _MessageStats(team["messages"], team["writers"], team["replied_youths"], team["median"])


def _messages_in_python(written) -> tuple[dict[int, _MessageStats], _MessageStats]:
    rows = list(written.values_list("youth__consultant_id", "youth_id", "created_at", "replied_at"))
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)

    def stats(of: list) -> _MessageStats:
        waits = [(replied - created).total_seconds() for _c, _y, created, replied in of if replied is not None]
        return _MessageStats(
            messages=len(of),
            writers=len({youth for _c, youth, _created, _replied in of}),
            replied_youths=len({youth for _c, youth, _created, replied in of if replied is not None}),
            median_seconds=statistics.median(waits) if waits else None,
        )

    return {pk: stats(of) for pk, of in grouped.items()}, stats(rows)
