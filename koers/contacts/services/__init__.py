"""Writes for contacts, one module per subdomain: contacts (with interventions, self-ratings
and agreements), appointments, enforcement and life domains. Import from here
(`koers.contacts.services`) or from the submodule."""

from koers.contacts.services.appointments import (
    APPOINTMENT_DESCRIPTION_MAX_LENGTH,
    appointment_create,
    appointment_set_status,
)
from koers.contacts.services.contacts import (
    AGREEMENT_DESCRIPTION_MAX_LENGTH,
    AGREEMENTS_MAX,
    NOTES_MAX_LENGTH,
    RATING_RANGES,
    REFERRAL_FOLLOW_UP_DAYS,
    NewAgreement,
    agreement_mark_done,
    check_participants,
    check_ratings,
    contact_record,
    elements_for_codes,
    network_members_for_ids,
    rating_message,
    steps_for_ids,
    toolbox_items_for_ids,
)
from koers.contacts.services.enforcement import (
    ENFORCEMENT_REASON_MAX_LENGTH,
    enforcement_propose,
)
from koers.contacts.services.life_domains import DomainScore, life_domains_record

__all__ = [
    "check_participants",
    "rating_message",
    "AGREEMENTS_MAX",
    "AGREEMENT_DESCRIPTION_MAX_LENGTH",
    "APPOINTMENT_DESCRIPTION_MAX_LENGTH",
    "DomainScore",
    "ENFORCEMENT_REASON_MAX_LENGTH",
    "NOTES_MAX_LENGTH",
    "NewAgreement",
    "RATING_RANGES",
    "REFERRAL_FOLLOW_UP_DAYS",
    "agreement_mark_done",
    "appointment_create",
    "appointment_set_status",
    "check_ratings",
    "contact_record",
    "elements_for_codes",
    "enforcement_propose",
    "life_domains_record",
    "network_members_for_ids",
    "steps_for_ids",
    "toolbox_items_for_ids",
]
