"""Writes: an employer (new or changed) and a contact of the team with an employer."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.contacts.models import Channel
from koers.trajectories.dates import check_past_event
from koers.trajectories.text import text_field
from koers.work.models import Employer, EmployerContact
from koers.work.sectors import by_code

NOTES_MAX_LENGTH = 5000


def check_sector(field: str, code: str) -> str:
    if code not in by_code():
        raise ValidationError({field: _("Kies een sector uit de lijst.")})
    return code


@transaction.atomic
def employer_save(
    *,
    actor: User,
    employer: Employer | None = None,
    name: str,
    sector: str,
    contact_person: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    socially_committed: bool = False,
    notes: str = "",
) -> Employer:
    """A new employer of the actor's organisation, or changes to one (locked while checked)."""
    name = text_field("name", name, max_length=150, required=True)
    check_sector("sector", sector)
    same_name = Employer.objects.filter(organisation_id=actor.organisation_id, name__iexact=name)
    if employer is not None:
        employer = Employer.objects.select_for_update().get(pk=employer.pk, organisation_id=actor.organisation_id)
        same_name = same_name.exclude(pk=employer.pk)
    if same_name.exists():
        raise ValidationError(
            {"name": _("Er is al een werkgever met deze naam. Kies die werkgever of een andere naam.")}
        )
    values = {
        "name": name,
        "sector": sector,
        "contact_person": text_field("contact_person", contact_person, max_length=150),
        "contact_phone": text_field("contact_phone", contact_phone, max_length=20),
        "contact_email": contact_email.strip(),
        "socially_committed": socially_committed,
        "notes": text_field("notes", notes, max_length=NOTES_MAX_LENGTH, multiline=True),
    }
    if employer is None:
        return Employer.objects.create(organisation_id=actor.organisation_id, **values)
    for attribute, value in values.items():
        setattr(employer, attribute, value)
    employer.save(update_fields=list(values))
    return employer


@transaction.atomic
def employer_contact_record(
    *, actor: User, employer: Employer, date: dt.date, channel: str, person: str = "", notes: str
) -> EmployerContact:
    if employer.organisation_id != actor.organisation_id:
        raise ValidationError(_("Deze werkgever hoort niet bij uw organisatie."))
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kies hoe het contact was.")})
    check_past_event("date", date)
    return EmployerContact.objects.create(
        organisation_id=employer.organisation_id,
        employer=employer,
        date=date,
        channel=channel,
        person=text_field("person", person, max_length=150),
        notes=text_field("notes", notes, max_length=NOTES_MAX_LENGTH, multiline=True, required=True),
        recorded_by=actor,
    )
