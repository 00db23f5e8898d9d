"""The team's working-element profile: the consultant × working-element picture of the N=1 study,
for intervision and the learning network. Each consultant's column is the share of their contacts
in which they logged each element. Not a league table: consultants are in a fixed, meaningless
order (a keyed hash), named only to themselves and — when they agree — to their team; otherwise a
letter. Read from the summary table (two queries plus the names), whatever the number of contacts.
"""

import hashlib
import hmac
import string
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum

from koers.accounts.models import Team, User
from koers.insights.models import CountKind, InsightSharing, PracticeCount
from koers.insights.selectors.practice import Period
from koers.lib.small_numbers import is_small
from koers.method.selectors import element_groups, working_elements

# Bands of the share of contacts, for the colour of a cell (the number is always written in it).
HEAT_BANDS = (0.0, 0.05, 0.2, 0.5, 0.8)


def heat_of(share: float) -> int:
    """0 (never) to 4 (in 80 % of the contacts or more)."""
    return max(i for i, lower in enumerate(HEAT_BANDS) if share >= lower) if share > 0 else 0


@dataclass(frozen=True)
class Column:
    label: str
    is_viewer: bool
    contacts: int

    @property
    def too_few(self) -> bool:
        return is_small(self.contacts)


@dataclass(frozen=True)
class Cell:
    count: int
    share: float | None  # None: too few contacts or a count about fewer than 5 to show

    @property
    def heat(self) -> int:
        return heat_of(self.share or 0.0)


@dataclass(frozen=True)
class ProfileRow:
    code: str
    name: str
    cells: tuple[Cell, ...]
    team_share: float | None


@dataclass(frozen=True)
class ThemeProfile:
    theme: str
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class TeamProfile:
    team: Team
    period: Period
    columns: tuple[Column, ...]
    themes: tuple[ThemeProfile, ...]
    contacts: int

    @property
    def most_used(self) -> ProfileRow | None:
        rows = [row for theme in self.themes for row in theme.rows if row.team_share is not None]
        return max(rows, key=lambda row: (row.team_share, row.name), default=None)

    @property
    def least_used(self) -> ProfileRow | None:
        rows = [row for theme in self.themes for row in theme.rows if row.team_share is not None]
        return min(rows, key=lambda row: (row.team_share, row.name), default=None)


def _order_key(consultant_id: int) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"team-profile:{consultant_id}".encode(), hashlib.sha256).hexdigest()


def _letter(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else letters[index // 26 - 1] + letters[index % 26]


def team_profile(viewer: User, team: Team, period: Period) -> TeamProfile:
    rows = (
        PracticeCount.objects.filter(
            organisation_id=team.organisation_id,
            team_key=team.pk,
            month__range=(period.first, period.last),
            kind__in=(CountKind.CONTACT, CountKind.ELEMENT),
        )
        .exclude(consultant_key=0)
        .values("consultant_key", "kind", "key")
        .annotate(total=Sum("count"))
    )
    contacts: dict[int, int] = {}
    elements: dict[tuple[int, str], int] = {}
    for row in rows:
        if row["kind"] == CountKind.CONTACT:
            contacts[row["consultant_key"]] = contacts.get(row["consultant_key"], 0) + row["total"]
        else:
            elements[(row["consultant_key"], row["key"])] = row["total"]
    consultant_ids = sorted(contacts, key=_order_key)
    named = set(
        InsightSharing.objects.filter(
            consultant_id__in=consultant_ids, name_in_team_profile=True, consultant__team_id=team.pk
        ).values_list("consultant_id", flat=True)
    )
    # Names are shown to the team's own consultants (the intervision group), never to others.
    in_group = viewer.team_id == team.pk and not viewer.is_team_lead
    names = dict(
        (pk, f"{first} {last}".strip())
        for pk, first, last in User.objects.filter(pk__in=named | {viewer.pk}).values_list(
            "pk", "first_name", "last_name"
        )
    )
    columns = []
    for index, pk in enumerate(consultant_ids):
        letter = _letter(index)
        if pk == viewer.pk or (in_group and pk in named):
            label = names.get(pk) or letter
        else:
            label = letter
        columns.append(Column(label=label, is_viewer=pk == viewer.pk, contacts=contacts[pk]))
    total_contacts = sum(contacts.values())
    themes = []
    for group in element_groups(working_elements()):
        theme_rows = []
        for code, name in group.elements:
            cells = []
            for pk in consultant_ids:
                count = elements.get((pk, code), 0)
                hidden = is_small(contacts[pk]) or is_small(count)
                cells.append(Cell(count, None if hidden else count / contacts[pk]))
            team_count = sum(elements.get((pk, code), 0) for pk in consultant_ids)
            team_share = team_count / total_contacts if total_contacts and not is_small(total_contacts) else None
            theme_rows.append(ProfileRow(code, name, tuple(cells), team_share))
        themes.append(ThemeProfile(group.theme, tuple(theme_rows)))
    return TeamProfile(team, period, tuple(columns), tuple(themes), total_contacts)


def profile_teams(viewer: User) -> list[Team]:
    """The teams whose profile the viewer may open: a team lead every team of the organisation, a
    consultant their own team."""
    if not viewer.works_with_youths:
        return []
    teams = Team.objects.filter(organisation_id=viewer.organisation_id)
    return list(teams if viewer.is_team_lead else teams.filter(pk=viewer.team_id))
