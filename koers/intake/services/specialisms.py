"""Consultants' specialisms (what they know well, e.g. debt help, LVB or GGZ): the consultant
records their own, a team lead those of any consultant of the organisation (the team lead
distributes the whole organisation's intake queue). The suggestion of the daily distribution
reads them (koers.intake.selectors.distribution)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Role, User
from koers.db.inserts import insert_if_absent
from koers.intake.models import ConsultantSpecialism, Specialism
from koers.intake.services.decisions import may_decide_intake


def may_set_specialisms(actor: User, consultant: User) -> bool:
    """The consultant themselves, or a team lead of the same organisation."""
    if not (actor.is_authenticated and actor.works_with_youths):
        return False
    if consultant.organisation_id != actor.organisation_id or consultant.role != Role.CONSULTANT:
        return False
    return actor.pk == consultant.pk or may_decide_intake(actor)


def consultant_specialisms_set(*, actor: User, consultant_id: int, specialisms: list[str]) -> list[str]:
    """Make the consultant's specialisms exactly `specialisms` (codes of Specialism); returns them
    sorted. Setting the same list twice changes nothing the second time, so a repeated form is
    harmless. The consultant's row is locked, so two saves at once end as one of the two lists."""
    unknown = sorted(set(specialisms) - set(Specialism.values))
    if unknown:
        raise ValidationError({"specialisms": [_("Kies alleen specialismen uit de lijst.")]})
    wanted = set(specialisms)
    with transaction.atomic():
        consultant = (
            User.objects.select_for_update()
            .filter(pk=consultant_id, organisation_id=actor.organisation_id, is_active=True)
            .first()
        )
        if consultant is None or not may_set_specialisms(actor, consultant):
            raise PermissionDenied(_("U mag de specialismen van deze medewerker niet wijzigen."))
        ConsultantSpecialism.objects.filter(consultant_id=consultant.pk).exclude(specialism__in=wanted).delete()
        for code in sorted(wanted):
            insert_if_absent(ConsultantSpecialism(consultant_id=consultant.pk, specialism=code))
    return sorted(wanted)
