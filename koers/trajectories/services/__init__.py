"""Writes for youths and their trajectories, one module per subdomain: youths (registering,
the duplicate check), milestones (the flow chart), hand_over, barriers, network and research (the
consent for research). Each write is one transaction; the ones that change what the agenda reads
refresh it inside (ADR 0002).
Import from here (`koers.trajectories.services`) or from the submodule."""

from koers.trajectories.services.barriers import BARRIER_NOTE_MAX_LENGTH, barrier_record, barrier_resolve
from koers.trajectories.services.hand_over import HAND_OVER_NOTE_MAX_LENGTH, youth_hand_over
from koers.trajectories.services.milestones import (
    NOTE_MAX_LENGTH,
    K,
    milestone_record,
    milestone_withdraw,
    trajectory_create,
)
from koers.trajectories.services.network import (
    NETWORK_TEXT_MAX_LENGTH,
    network_consent_record,
    network_consent_revoke,
    network_member_add,
)
from koers.trajectories.services.research import (
    research_consent_record,
    research_consent_revoke,
    research_consent_withdraw_by_youth,
)
from koers.trajectories.services.youths import (
    MAX_AGE_YEARS,
    MIN_AGE_MONTHS,
    DuplicateYouth,
    check_age,
    youth_create,
    youth_register,
)

__all__ = [
    "BARRIER_NOTE_MAX_LENGTH",
    "DuplicateYouth",
    "HAND_OVER_NOTE_MAX_LENGTH",
    "K",
    "MAX_AGE_YEARS",
    "MIN_AGE_MONTHS",
    "NETWORK_TEXT_MAX_LENGTH",
    "NOTE_MAX_LENGTH",
    "barrier_record",
    "barrier_resolve",
    "check_age",
    "milestone_record",
    "milestone_withdraw",
    "network_consent_record",
    "network_consent_revoke",
    "network_member_add",
    "research_consent_record",
    "research_consent_revoke",
    "research_consent_withdraw_by_youth",
    "trajectory_create",
    "youth_create",
    "youth_hand_over",
    "youth_register",
]
