"""Writes: registering a youth (the age rule, the active consultant, the check for a youth
with the same name and birth date among the youths the user may see), and registering with the
first trajectory in one go."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.audit.models import AccessAction, AccessChannel
from koers.audit.services import access_log_write
from koers.lib.workdays import add_months
from koers.trajectories.access import visible_youths
from koers.trajectories.dates import check_birth_date
from koers.trajectories.models import (
    ConsultantAssignment,
    Youth,
)
from koers.trajectories.services.milestones import trajectory_create
from koers.trajectories.text import name_field, text_field


def _check_consultant(consultant: User | None, organisation_id: int) -> None:
    """A youth's fixed consultant is an active consultant of the youth's own organisation."""
    if consultant is None:
        return
    if consultant.organisation_id != organisation_id or consultant.role != Role.CONSULTANT:
        raise ValidationError({"consultant": _("Kies een consulent van uw eigen organisatie.")})
    if not consultant.is_active:
        raise ValidationError({"consultant": _("Deze consulent werkt niet meer bij de organisatie. Kies een ander.")})


# Youths are 18-27; a chain partner may refer from 17 years and 9 months.
MIN_AGE_MONTHS = 17 * 12 + 9
MAX_AGE_YEARS = 27


def check_age(birth_date: dt.date, on: dt.date) -> None:
    check_birth_date(birth_date)
    if add_months(birth_date, MIN_AGE_MONTHS) > on:
        raise ValidationError({"birth_date": _("De jongere moet minstens 17 jaar en 9 maanden oud zijn.")})
    if add_months(birth_date, (MAX_AGE_YEARS + 1) * 12) <= on:
        raise ValidationError({"birth_date": _("Koers is voor jongeren tot en met 27 jaar.")})


class DuplicateYouth(ValidationError):
    """A youth with this name and birth date is already in the user's visible caseload.

    The caller shows the existing file (and logs that it did: `access.duplicate_shown`) and may
    repeat the call with `confirm_duplicate=True` when it really is another person.
    """

    def __init__(self, youth_id: int):
        super().__init__(
            {
                "confirm_duplicate": _(
                    "Er is al een jongere met deze naam en geboortedatum. Is het dezelfde jongere? Open dan "
                    "het bestaande dossier. Is het iemand anders? Bevestig dan dat u toch wilt aanmelden."
                )
            }
        )
        self.youth_id = youth_id


def _youth_text(fields: dict) -> dict:
    """The youth's text fields in Koers's normal form (koers.lib.text)."""
    cleaned = dict(fields)
    for name, limit in (("first_name", 100), ("last_name", 150)):
        if name in cleaned:
            cleaned[name] = name_field(name, cleaned[name], max_length=limit)
    for name, limit in (("email", 254), ("phone", 20)):
        if name in cleaned:
            cleaned[name] = text_field(name, cleaned[name], max_length=limit)
    return cleaned


def _visible_twin(actor: User, fields: dict) -> int | None:
    """The id of a youth the actor may see with the same name and birth date, if any."""
    if not fields.get("birth_date"):
        return None
    return (
        visible_youths(actor)
        .filter(
            first_name__iexact=fields.get("first_name", ""),
            last_name__iexact=fields.get("last_name", ""),
            birth_date=fields["birth_date"],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def youth_create(
    *,
    actor: User,
    consultant: User | None,
    channel: str = AccessChannel.COMMAND,
    confirm_duplicate: bool = False,
    **fields,
) -> Youth:
    """Create a youth; the creation is written to the access log (channel: web, api or command).

    Refuses (DuplicateYouth) a name and birth date the actor already sees, unless confirmed. The
    check runs under a lock on the organisation, so simultaneous registrations cannot both pass it.
    """
    fields = _youth_text(fields)
    _check_consultant(consultant, actor.organisation_id)
    if fields.get("birth_date"):
        check_age(fields["birth_date"], timezone.localdate())
    youth = Youth(organisation_id=actor.organisation_id, consultant=consultant, **fields)
    youth.full_clean()
    Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()
    if not confirm_duplicate:
        twin = _visible_twin(actor, fields)
        if twin is not None:
            raise DuplicateYouth(twin)
    youth.save()
    if consultant is not None:
        ConsultantAssignment.objects.create(
            organisation_id=youth.organisation_id,
            youth=youth,
            consultant=consultant,
            starts_on=timezone.localdate(),
            recorded_by=actor,
        )
    access_log_write(
        user=actor,
        organisation_id=youth.organisation_id,
        youth_id=youth.pk,
        action=AccessAction.CREATE,
        channel=channel,
        subject="youth",
    )
    return youth


@transaction.atomic
def youth_register(
    *,
    actor: User,
    consultant: User | None,
    registered_on: dt.date,
    source: str,
    channel: str,
    confirm_duplicate: bool = False,
    **youth_fields,
) -> Youth:
    """A new youth and their first trajectory (phase registration), together or not at all."""
    youth = youth_create(
        actor=actor, consultant=consultant, channel=channel, confirm_duplicate=confirm_duplicate, **youth_fields
    )
    trajectory_create(actor=actor, youth=youth, registered_on=registered_on, source=source)
    return youth
