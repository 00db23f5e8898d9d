"""Routing rules per organisation (Signalen's routing): referrals of a kind of chain partner, or
of one partner, go to a team; the distribution then suggests a consultant of that team. Team
leads (who distribute the queue) and functional administrators keep the rules.

One rule per kind of partner, plus at most one per single partner (it beats the rule for its
kind). The organisation's row is locked while a rule is checked and written, so two team leads
adding the same rule at once end with one rule and a clear message for the second."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import ChainPartner, ChainPartnerKind, Organisation, Role, Team, User
from koers.intake.models import RoutingRule


def may_manage_routing(user: User) -> bool:
    if not (user.is_authenticated and user.is_active and user.organisation_id is not None):
        return False
    return (user.works_with_youths and user.is_team_lead) or user.role == Role.FUNCTIONAL_ADMIN


def _require(actor: User) -> None:
    if not may_manage_routing(actor):
        raise PermissionDenied(_("Alleen teamleiders en functioneel beheerders stellen de routering in."))


def _checked(
    actor: User, *, partner_kind: str, chain_partner_id: int | None, team_id: int | None, rule_id: int | None
) -> tuple[Team, ChainPartner | None]:
    organisation_id = actor.organisation_id
    errors: dict[str, str] = {}
    if partner_kind not in ChainPartnerKind.values:
        errors["partner_kind"] = _("Kies de soort ketenpartner.")
    team = Team.objects.filter(pk=team_id, organisation_id=organisation_id).first() if team_id else None
    if team is None:
        errors["team"] = (
            _("Kies een team van uw eigen organisatie.")
            if team_id
            else _("Kies het team dat deze verwijzingen krijgt.")
        )
    partner = None
    if chain_partner_id:
        partner = ChainPartner.objects.filter(pk=chain_partner_id, organisation_id=organisation_id).first()
        if partner is None:
            errors["chain_partner"] = _("Kies een ketenpartner van uw eigen organisatie, of laat dit leeg.")
        elif "partner_kind" not in errors and partner.kind != partner_kind:
            errors["chain_partner"] = _(
                "%(partner)s is geen %(kind)s. Kies een ketenpartner van deze soort, of laat dit leeg."
            ) % {"partner": partner.name, "kind": ChainPartnerKind(partner_kind).label}
    if not errors:
        same = RoutingRule.objects.filter(
            organisation_id=organisation_id, partner_kind=partner_kind, chain_partner_id=partner.pk if partner else None
        ).exclude(pk=rule_id)
        if same.exists():
            errors["__all__"] = (
                _("Er is al een regel voor %(partner)s. Wijzig die regel in de lijst.") % {"partner": partner.name}
                if partner
                else _("Er is al een regel voor de soort %(kind)s. Wijzig die regel in de lijst.")
                % {"kind": ChainPartnerKind(partner_kind).label}
            )
    if errors:
        raise ValidationError(errors)
    assert team is not None
    return team, partner


def routing_rule_save(
    *, actor: User, partner_kind: str, chain_partner_id: int | None, team_id: int | None, rule_id: int | None = None
) -> RoutingRule:
    """Add a rule (`rule_id` None) or change one of the actor's organisation."""
    _require(actor)
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()
        rule = None
        if rule_id is not None:
            rule = RoutingRule.objects.filter(pk=rule_id, organisation_id=actor.organisation_id).first()
            if rule is None:
                raise ValidationError({"__all__": [_("Deze regel bestaat niet meer. Voeg hem opnieuw toe.")]})
        team, partner = _checked(
            actor, partner_kind=partner_kind, chain_partner_id=chain_partner_id, team_id=team_id, rule_id=rule_id
        )
        if rule is None:
            return RoutingRule.objects.create(
                organisation_id=actor.organisation_id, partner_kind=partner_kind, chain_partner=partner, team=team
            )
        rule.partner_kind, rule.chain_partner, rule.team = partner_kind, partner, team
        rule.save(update_fields=["partner_kind", "chain_partner", "team"])
        return rule


def routing_rule_delete(*, actor: User, rule_id: int) -> bool:
    """Remove a rule of the actor's organisation; False when it was gone already (a second click)."""
    _require(actor)
    deleted, _rows = RoutingRule.objects.filter(pk=rule_id, organisation_id=actor.organisation_id).delete()
    return deleted > 0
