"""Writes of the intake queue; the package re-exports every name."""

from koers.intake.services.decisions import referral_refuse, referral_take_on
from koers.intake.services.referrals import REASON_MAX_LENGTH, check_consent, check_contact, referral_submit
from koers.intake.services.routing import may_manage_routing, routing_rule_delete, routing_rule_save
from koers.intake.services.specialisms import consultant_specialisms_set, may_set_specialisms

__all__ = [
    "REASON_MAX_LENGTH",
    "check_consent",
    "check_contact",
    "consultant_specialisms_set",
    "may_manage_routing",
    "may_set_specialisms",
    "referral_refuse",
    "referral_submit",
    "referral_take_on",
    "routing_rule_delete",
    "routing_rule_save",
]
