"""Writes of the intake queue; the package re-exports every name."""

from koers.intake.services.decisions import referral_refuse, referral_take_on
from koers.intake.services.referrals import REASON_MAX_LENGTH, check_consent, check_contact, referral_submit

__all__ = [
    "REASON_MAX_LENGTH",
    "check_consent",
    "check_contact",
    "referral_refuse",
    "referral_submit",
    "referral_take_on",
]
