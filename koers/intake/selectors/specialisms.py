"""Reads of consultants' specialisms: one consultant's (their own page, or the team lead's form)
and the organisation's overview for the team lead. Staff data, no youth's data."""

from collections import defaultdict
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from koers.accounts.models import Role, User
from koers.intake.models import ConsultantSpecialism, Specialism


def specialisms_of(consultant_id: int) -> list[str]:
    """The consultant's specialism codes in the list's order (one query)."""
    codes = set(ConsultantSpecialism.objects.filter(consultant_id=consultant_id).values_list("specialism", flat=True))
    return [code for code in Specialism.values if code in codes]


def consultant_of_organisation(*, organisation_id: int, consultant_id: int) -> User:
    """An active consultant of the organisation, or 404 for missing and not-yours alike (one query)."""
    consultant = (
        User.objects.filter(pk=consultant_id, organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .select_related("team")
        .first()
    )
    if consultant is None:
        raise Http404(_("Deze consulent bestaat niet of werkt niet bij uw organisatie."))
    return consultant


@dataclass(frozen=True)
class ConsultantSpecialisms:
    consultant_id: int
    name: str
    team_name: str
    specialisms: tuple[str, ...]  # labels, in the list's order


def organisation_specialisms(*, organisation_id: int) -> list[ConsultantSpecialisms]:
    """Every active consultant of the organisation by team and name, with their specialisms
    (two queries, whatever the number of consultants)."""
    consultants = list(
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .select_related("team")
        .order_by("team__name", "first_name", "last_name", "username")
    )
    codes: dict[int, set[str]] = defaultdict(set)
    for user_id, code in ConsultantSpecialism.objects.filter(
        consultant__organisation_id=organisation_id, consultant__role=Role.CONSULTANT
    ).values_list("consultant_id", "specialism"):
        codes[user_id].add(code)
    return [
        ConsultantSpecialisms(
            consultant_id=user.pk,
            name=user.get_full_name() or user.username,
            team_name=user.team.name if user.team else "",
            specialisms=tuple(str(label) for code, label in Specialism.choices if code in codes[user.pk]),
        )
        for user in consultants
    ]
