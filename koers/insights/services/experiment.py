"""Writes: the groups of the caseload experiment, which a team lead makes, changes and removes.

A group is a name, a date and the consultants it is about; it changes nothing in anyone's work,
so no second person needs to approve it. The organisation's row is locked while a name is
checked, so two team leads saving the same name at once get one group and a clear message.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import YOUTH_ROLES, Organisation, User
from koers.insights.models import ExperimentGroup
from koers.trajectories.text import text_field

NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 1000
EARLIEST = dt.date(2000, 1, 1)


def _require_team_lead(actor: User) -> None:
    if not (actor.works_with_youths and actor.is_team_lead):
        raise PermissionDenied(_("Alleen teamleiders maken groepen voor een experiment."))


@transaction.atomic
def experiment_group_save(
    *,
    actor: User,
    name: str,
    starts_on: dt.date,
    consultant_ids: list[int],
    note: str = "",
    group: ExperimentGroup | None = None,
) -> ExperimentGroup:
    """Make a group (or change `group`) of consultants of the actor's organisation."""
    _require_team_lead(actor)
    name = text_field("name", name, max_length=NAME_MAX_LENGTH, required=True)
    note = text_field("note", note, max_length=NOTE_MAX_LENGTH, multiline=True)
    today = timezone.localdate()
    if starts_on < EARLIEST or starts_on > today + dt.timedelta(days=366):
        raise ValidationError({"starts_on": _("Kies een datum tussen 2000 en een jaar na vandaag.")})
    wanted = set(consultant_ids)
    if not wanted:
        raise ValidationError({"consultant_ids": _("Kies minstens één consulent.")})
    consultants = list(User.objects.filter(organisation_id=actor.organisation_id, role__in=YOUTH_ROLES, pk__in=wanted))
    if len(consultants) != len(wanted):
        raise ValidationError({"consultant_ids": _("Kies consulenten van uw eigen organisatie.")})
    Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()  # one name check at a time
    if group is not None:
        group = (
            ExperimentGroup.objects.select_for_update()
            .filter(pk=group.pk, organisation_id=actor.organisation_id)
            .first()
        )
        if group is None:
            raise ValidationError(_("Deze groep bestaat niet meer."))
    taken = ExperimentGroup.objects.filter(organisation_id=actor.organisation_id, name=name)
    if group is not None:
        taken = taken.exclude(pk=group.pk)
    if taken.exists():
        raise ValidationError({"name": _("Er is al een groep met deze naam. Kies een andere naam.")})
    if group is None:
        group = ExperimentGroup.objects.create(
            organisation_id=actor.organisation_id, name=name, starts_on=starts_on, note=note, created_by=actor
        )
    else:
        group.name, group.starts_on, group.note = name, starts_on, note
        group.save(update_fields=["name", "starts_on", "note", "updated_at"])
    group.consultants.set(consultants)
    return group


@transaction.atomic
def experiment_group_delete(*, actor: User, group_id: int) -> None:
    """Remove a group of the actor's organisation (nothing else changes: it only selected whom to
    compare). Removing one that is gone already is fine."""
    _require_team_lead(actor)
    ExperimentGroup.objects.filter(pk=group_id, organisation_id=actor.organisation_id).delete()
