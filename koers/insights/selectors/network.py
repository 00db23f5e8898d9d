"""The learning network: organisations that joined (`Organisation.in_learning_network`) see each
other's numbers side by side — never a person's: the open trajectories per phase and what the
consultants logged (contacts, working elements per contact, the share of contacts per element).
Counts of youths go through koers.lib.small_numbers (with complementary suppression across the
organisations and phases). Two aggregate queries over indexed, summary-sized tables.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum

from koers.accounts.models import Organisation, User
from koers.insights.models import CountKind, PracticeCount
from koers.insights.selectors.practice import PRACTICE_PHASES, Period
from koers.lib.small_numbers import is_small, suppress
from koers.method.selectors import element_groups, working_elements
from koers.trajectories.models import Trajectory


def may_see_network(viewer: User) -> bool:
    return bool(
        viewer.works_with_youths
        and viewer.is_team_lead
        and Organisation.objects.filter(pk=viewer.organisation_id, in_learning_network=True).exists()
    )


@dataclass(frozen=True)
class NetworkColumn:
    name: str
    is_own: bool
    open_by_phase: tuple[int | None, ...]  # None: hidden
    open_total: int | None
    contacts: int
    interventions: int

    @property
    def per_contact(self) -> float | None:
        return self.interventions / self.contacts if self.contacts and not is_small(self.contacts) else None


@dataclass(frozen=True)
class NetworkRow:
    code: str
    name: str
    shares: tuple[float | None, ...]  # per organisation; None: too few contacts to show


@dataclass(frozen=True)
class LearningNetwork:
    period: Period
    columns: tuple[NetworkColumn, ...]
    themes: tuple[tuple[str, tuple[NetworkRow, ...]], ...]


def learning_network(viewer: User, period: Period) -> LearningNetwork:
    organisations = list(
        Organisation.objects.filter(in_learning_network=True).order_by("name").values_list("pk", "name")
    )
    ids = [pk for pk, _name in organisations]
    open_counts = {
        (row["organisation_id"], row["phase"]): row["n"]
        for row in Trajectory.objects.filter(organisation_id__in=ids, phase__in=PRACTICE_PHASES)
        .values("organisation_id", "phase")
        .annotate(n=Count("pk"))
    }
    grid = suppress([[open_counts.get((pk, phase), 0) for phase in PRACTICE_PHASES] for pk in ids])
    contacts: dict[int, int] = {}
    elements: dict[tuple[int, str], int] = {}
    for row in (
        PracticeCount.objects.filter(
            organisation_id__in=ids,
            month__range=(period.first, period.last),
            kind__in=(CountKind.CONTACT, CountKind.ELEMENT),
        )
        .values("organisation_id", "kind", "key")
        .annotate(total=Sum("count"))
    ):
        if row["kind"] == CountKind.CONTACT:
            contacts[row["organisation_id"]] = contacts.get(row["organisation_id"], 0) + row["total"]
        else:
            elements[(row["organisation_id"], row["key"])] = row["total"]
    columns = tuple(
        NetworkColumn(
            name=name,
            is_own=pk == viewer.organisation_id,
            open_by_phase=grid.cells[index],
            open_total=grid.row_totals[index],
            contacts=contacts.get(pk, 0),
            interventions=sum(n for (org, _code), n in elements.items() if org == pk),
        )
        for index, (pk, name) in enumerate(organisations)
    )
    themes = []
    for group in element_groups(working_elements()):
        rows = []
        for code, name in group.elements:
            shares = []
            for pk in ids:
                total, count = contacts.get(pk, 0), elements.get((pk, code), 0)
                shares.append(None if not total or is_small(total) or is_small(count) else count / total)
            rows.append(NetworkRow(code, name, tuple(shares)))
        themes.append((group.theme, tuple(rows)))
    return LearningNetwork(period, columns, tuple(themes))
