"""The daily distribution: each consultant's current caseload (running trajectories by phase,
weighted as on the team page) and a suggested consultant with the reason.

The suggestion: the routing rule of the organisation may send the item to a team; among that
team's (or else all) active consultants, one with a specialism the item needs comes first, then
the smallest weighted caseload. Four queries, whatever the number of consultants or youths.
"""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count
from django.utils.translation import gettext as _

from koers.accounts.models import Role, User
from koers.intake.models import ConsultantSpecialism, Referral, RoutingRule, Specialism
from koers.lib.small_numbers import HIDDEN, shown, suppress
from koers.trajectories.caseload import PHASE_WEIGHTS
from koers.trajectories.models import Phase, Trajectory


@dataclass(frozen=True)
class ConsultantLoad:
    consultant_id: int
    name: str
    team_id: int | None
    team_name: str
    by_phase: dict[str, int]
    weighted: float
    specialisms: tuple[str, ...]  # labels
    # As shown to the team lead (koers.lib.small_numbers): per phase of RUNNING_PHASES, the
    # total, and the weighted number unless it gives a hidden cell away (`_weighted_gives_away`).
    cells: tuple[str, ...] = ()
    total_shown: str = ""
    weighted_shown: str = ""


# The columns: the phases of a running trajectory, in the flow chart's order.
RUNNING_PHASES = tuple(PHASE_WEIGHTS)


def _weighted_gives_away(cells: tuple[int | None, ...]) -> bool:
    """With the total, the weighted number tells the sum of each weight's cells; a weight with
    exactly one hidden cell would give that cell away (as on the team page, `weighted_shown`)."""
    hidden_per_weight: dict[float, int] = defaultdict(int)
    for phase, cell in zip(RUNNING_PHASES, cells, strict=True):
        if cell is None:
            hidden_per_weight[PHASE_WEIGHTS[phase]] += 1
    return 1 in hidden_per_weight.values()


def _shown(loads: list[ConsultantLoad]) -> list[ConsultantLoad]:
    grid = suppress([[load.by_phase.get(phase, 0) for phase in RUNNING_PHASES] for load in loads])
    result = []
    for load, cells, total in zip(loads, grid.cells, grid.row_totals, strict=True):
        complete = total is not None and not _weighted_gives_away(cells)
        result.append(
            replace(
                load,
                cells=tuple(shown(cell) for cell in cells),
                total_shown=shown(total),
                weighted_shown=f"{load.weighted:.1f}".replace(".", ",") if complete else HIDDEN,
            )
        )
    return result


@dataclass(frozen=True)
class Suggestion:
    consultant_id: int
    reason: str


@dataclass(frozen=True)
class Distribution:
    loads: tuple[ConsultantLoad, ...]  # by name
    suggestion: Suggestion | None
    routed_team: str  # the team a routing rule sends the item to, or ""


def _loads(organisation_id: int) -> list[ConsultantLoad]:
    consultants = list(
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .select_related("team")
        .order_by("first_name", "last_name", "username")
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Trajectory.objects.filter(organisation_id=organisation_id, youth__consultant__isnull=False)
        .exclude(phase=Phase.CLOSED)
        .values("youth__consultant_id", "phase")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["youth__consultant_id"]][row["phase"]] = row["n"]
    specialisms: dict[int, list[str]] = defaultdict(list)
    labels = dict(Specialism.choices)
    for user_id, code in ConsultantSpecialism.objects.filter(consultant__organisation_id=organisation_id).values_list(
        "consultant_id", "specialism"
    ):
        specialisms[user_id].append(code)
    return [
        ConsultantLoad(
            consultant_id=user.pk,
            name=user.get_full_name() or user.username,
            team_id=user.team_id,
            team_name=user.team.name if user.team else "",
            by_phase=counts[user.pk],
            weighted=sum(PHASE_WEIGHTS.get(phase, 0) * n for phase, n in counts[user.pk].items()),
            specialisms=tuple(sorted(str(labels[code]) for code in specialisms[user.pk])),
        )
        for user in consultants
    ]


def _routed_team(referral: Referral) -> tuple[int, str, str] | None:
    """The team a rule sends the item to, its name, and which rule it was (in words)."""
    if referral.chain_partner is None:
        return None
    rules = RoutingRule.objects.filter(
        organisation_id=referral.organisation_id, partner_kind=referral.chain_partner.kind
    ).select_related("team")
    # A rule for this partner beats a rule for its kind.
    best = sorted(rules, key=lambda rule: (rule.chain_partner_id != referral.chain_partner_id, rule.pk))
    best = [rule for rule in best if rule.chain_partner_id in (None, referral.chain_partner_id)]
    if not best:
        return None
    rule = best[0]
    if rule.chain_partner_id is not None:
        words = _("routeringsregel: verwijzingen van %(partner)s gaan naar %(team)s")
        return rule.team_id, rule.team.name, words % {"partner": referral.chain_partner.name, "team": rule.team.name}
    words = _("routeringsregel: verwijzingen van ketenpartners van de soort %(kind)s gaan naar %(team)s")
    return rule.team_id, rule.team.name, words % {"kind": rule.get_partner_kind_display(), "team": rule.team.name}


def distribution_for(referral: Referral) -> Distribution:
    """Four queries: consultants, caseloads, specialisms, routing rules."""
    loads = _shown(_loads(referral.organisation_id))
    routed = _routed_team(referral)
    candidates = [load for load in loads if routed is None or load.team_id == routed[0]] or loads
    if not candidates:
        return Distribution(loads=tuple(loads), suggestion=None, routed_team=routed[1] if routed else "")
    labels = dict(Specialism.choices)
    needs = {str(labels[code]) for code in referral.needs if code in labels}

    def rank(load: ConsultantLoad):
        return (not (needs & set(load.specialisms)), load.weighted, load.name)

    best = min(candidates, key=rank)
    parts = []
    if routed and best.team_id == routed[0]:
        parts.append(routed[2])
    matched = sorted(needs & set(best.specialisms))
    if matched:
        parts.append(_("specialisme: %(names)s") % {"names": ", ".join(matched)})
    if matched:
        parts.append(_("van wie dit specialisme heeft de kleinste gewogen caseload"))
    else:
        parts.append(_("de kleinste gewogen caseload") + (_(" van dit team") if routed else ""))
    reason = "; ".join(parts)
    return Distribution(
        loads=tuple(loads),
        suggestion=Suggestion(consultant_id=best.consultant_id, reason=reason[:1].upper() + reason[1:] + "."),
        routed_team=routed[1] if routed else "",
    )
