"""Reads of the routing rules: the organisation's list, one rule, and the choices of the form."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from koers.accounts.models import ChainPartner, ChainPartnerKind, Team
from koers.intake.models import RoutingRule


@dataclass(frozen=True)
class RuleRow:
    rule_id: int
    partner_kind: str  # label
    chain_partner: str  # name, or "" for every partner of the kind
    team: str


def routing_rules_of(*, organisation_id: int) -> list[RuleRow]:
    """The organisation's rules by kind of partner, the kind's own rule before single partners' (one query)."""
    rules = RoutingRule.objects.filter(organisation_id=organisation_id).select_related("chain_partner", "team")
    labels = dict(ChainPartnerKind.choices)
    ordered = sorted(
        rules,
        key=lambda rule: (
            ChainPartnerKind.values.index(rule.partner_kind) if rule.partner_kind in labels else 99,
            rule.chain_partner is not None,
            rule.chain_partner.name if rule.chain_partner else "",
            rule.pk,
        ),
    )
    return [
        RuleRow(
            rule_id=rule.pk,
            partner_kind=str(labels.get(rule.partner_kind, rule.partner_kind)),
            chain_partner=rule.chain_partner.name if rule.chain_partner else "",
            team=rule.team.name,
        )
        for rule in ordered
    ]


def routing_rule_of(*, organisation_id: int, rule_id: int) -> RoutingRule:
    """One rule of the organisation, or 404 for missing and not-yours alike (one query)."""
    rule = RoutingRule.objects.filter(pk=rule_id, organisation_id=organisation_id).first()
    if rule is None:
        raise Http404(_("Deze regel bestaat niet (meer)."))
    return rule


def routing_choices(*, organisation_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The organisation's teams and chain partners, as (id, label) for the form (two queries)."""
    labels = dict(ChainPartnerKind.choices)
    teams = list(Team.objects.filter(organisation_id=organisation_id).order_by("name").values_list("pk", "name"))
    partners = [
        (pk, f"{name} ({labels.get(kind, kind)})")
        for pk, name, kind in ChainPartner.objects.filter(organisation_id=organisation_id)
        .order_by("name")
        .values_list("pk", "name", "kind")
    ]
    return teams, partners
