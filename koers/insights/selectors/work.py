"""Werk en werkgevers, for team leads: per team, the introductions to employers (kennismakingen)
made in the period and what became of them, the outcomes reached in the period (from the
append-only outcome history), and the team's employer relations: contacts with employers,
vacancies tipped and "Ik heb interesse".

A team is the team of the consultant who did the work (who recorded the introduction, the contact
or the tip), as the practice counts do; "Ik heb interesse" counts for the youth's consultant's
team. Five grouped, organisation-scoped queries. Counts about youths (introductions, outcomes,
tips, interests) pass koers.lib.small_numbers; contacts with employers are about the organisation's
business contacts, not about youths, and are shown as they are."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from koers.insights.recent import counted_recently
from koers.lib.small_numbers import suppress
from koers.work.models import (
    EmployerContact,
    Introduction,
    IntroductionOutcome,
    IntroductionOutcomeChange,
    VacancyInterest,
    VacancyTip,
)

# What a kennismaking can lead to after the introduction itself.
LATER_OUTCOMES = tuple(outcome for outcome in IntroductionOutcome if outcome != IntroductionOutcome.INTRODUCED)


@dataclass(frozen=True)
class WorkFilter:
    organisation_id: int
    first: dt.date
    last: dt.date
    team_id: int | None  # None: every team


@dataclass(frozen=True)
class CountRow:
    team: str
    cells: tuple[int | None, ...]  # None: hidden
    total: int | None


@dataclass(frozen=True)
class Table:
    rows: tuple[CountRow, ...]
    column_totals: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class RelationRow:
    team: str
    contacts: int  # about employers, not youths: not hidden
    employers: int | None  # None in the total row
    tips: int | None  # None: hidden
    interests: int | None


@dataclass(frozen=True)
class WorkCounts:
    introductions: Table  # columns: IntroductionOutcome (the latest outcome of those made in the period)
    outcomes: Table  # columns: LATER_OUTCOMES reached in the period
    relations: tuple[RelationRow, ...]
    relations_total: RelationRow | None  # None with one team


def _grid(counts: dict, columns, team_ids: list, names: dict) -> Table:
    grid = suppress([[counts.get((team_id, column), 0) for column in columns] for team_id in team_ids])
    return Table(
        rows=tuple(
            CountRow(team=names[team_id], cells=cells, total=total)
            for team_id, cells, total in zip(team_ids, grid.cells, grid.row_totals, strict=True)
        ),
        column_totals=grid.column_totals,
        total=grid.total,
    )


def work_counts(selection: WorkFilter, *, teams: list[tuple[int, str]]) -> WorkCounts:
    """Five queries, whatever the number of introductions, contacts or teams; `teams` are the
    organisation's (id, name), read once by the page for its filter."""
    org, first, last, team_id = selection.organisation_id, selection.first, selection.last, selection.team_id
    names: dict[int | None, str] = dict(teams)

    def team_of(raw: int | None) -> int | None:
        return raw if raw in names else None  # recorded by someone without a team: a row of its own

    def only_team(field: str) -> dict:
        return {field: team_id} if team_id else {}

    introductions: dict = defaultdict(int)
    for row in (
        Introduction.objects.filter(
            organisation_id=org, date__gte=first, date__lte=last, **only_team("recorded_by__team_id")
        )
        .values("recorded_by__team_id", "outcome")
        .annotate(n=Count("pk"))
    ):
        introductions[(team_of(row["recorded_by__team_id"]), row["outcome"])] += row["n"]

    outcomes: dict = defaultdict(int)
    for row in (
        IntroductionOutcomeChange.objects.filter(
            introduction__organisation_id=org,
            on__gte=first,
            on__lte=last,
            outcome__in=LATER_OUTCOMES,
            **only_team("introduction__recorded_by__team_id"),
        )
        .values("introduction__recorded_by__team_id", "outcome")
        .annotate(n=Count("introduction_id", distinct=True))
    ):
        outcomes[(team_of(row["introduction__recorded_by__team_id"]), row["outcome"])] += row["n"]

    relations: dict = defaultdict(lambda: [0, 0, 0, 0])  # contacts, employers, tips, interests
    for row in (
        EmployerContact.objects.filter(
            organisation_id=org, date__gte=first, date__lte=last, **only_team("recorded_by__team_id")
        )
        .values("recorded_by__team_id")
        .annotate(n=Count("pk"), employers=Count("employer_id", distinct=True))
    ):
        counts = relations[team_of(row["recorded_by__team_id"])]
        counts[0] += row["n"]
        counts[1] += row["employers"]
    for row in (
        VacancyTip.objects.filter(
            organisation_id=org,
            created_at__date__gte=first,
            created_at__date__lte=last,
            **only_team("tipped_by__team_id"),
        )
        .values("tipped_by__team_id")
        .annotate(n=Count("pk"))
    ):
        relations[team_of(row["tipped_by__team_id"])][2] += row["n"]
    for row in (
        VacancyInterest.objects.filter(
            organisation_id=org,
            created_at__date__gte=first,
            created_at__date__lte=last,
            **only_team("youth__consultant__team_id"),
        )
        .values("youth__consultant__team_id")
        .annotate(n=Count("pk"))
    ):
        relations[team_of(row["youth__consultant__team_id"])][3] += row["n"]

    shown_teams: list[int | None] = [pk for pk, _name in teams if team_id in (None, pk)]
    found = {key for key, _column in introductions} | {key for key, _column in outcomes} | set(relations)
    if team_id is None and None in found:
        shown_teams.append(None)
    names[None] = _("Zonder team")

    youth_counts = suppress([relations[pk][2:4] for pk in shown_teams])
    relation_rows = tuple(
        RelationRow(
            team=names[pk],
            contacts=relations[pk][0],
            employers=relations[pk][1],
            tips=youth_counts.cells[index][0],
            interests=youth_counts.cells[index][1],
        )
        for index, pk in enumerate(shown_teams)
    )
    relations_total = None
    if len(shown_teams) > 1:
        relations_total = RelationRow(
            team=_("Alle teams"),
            contacts=sum(relations[pk][0] for pk in shown_teams),
            employers=None,  # an employer two teams spoke to counts once: not the sum of the rows
            tips=youth_counts.column_totals[0],
            interests=youth_counts.column_totals[1],
        )
    return WorkCounts(
        introductions=_grid(introductions, tuple(IntroductionOutcome), shown_teams, names),
        outcomes=_grid(outcomes, LATER_OUTCOMES, shown_teams, names),
        relations=relation_rows,
        relations_total=relations_total,
    )


def work_counts_recent(selection: WorkFilter, *, teams: list[tuple[int, str]]) -> tuple[WorkCounts, dt.datetime]:
    """`work_counts` as counted at most five minutes ago (koers.insights.recent), with when."""
    key = f"insights:work:{selection.organisation_id}:{selection.team_id or 0}:{selection.first}:{selection.last}"
    return counted_recently(key, lambda: work_counts(selection, teams=teams))
