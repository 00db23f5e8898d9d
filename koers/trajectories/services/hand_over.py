"""Writes: handing a youth over to another consultant, warmly: a note for the new consultant,
the youth told first, and the introduction on the new consultant's agenda."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.agenda.services import agenda_refresh
from koers.trajectories.access import may_hand_over
from koers.trajectories.models import (
    ConsultantAssignment,
    Youth,
)
from koers.trajectories.services.youths import _check_consultant
from koers.trajectories.text import text_field

HAND_OVER_NOTE_MAX_LENGTH = 2000


@transaction.atomic
def youth_hand_over(
    *,
    actor: User,
    youth: Youth,
    consultant: User,
    note: str,
    youth_informed: bool,
    on: dt.date | None = None,
) -> ConsultantAssignment:
    """Give the youth a new fixed consultant, warmly: with a note for the new consultant, after
    telling the youth who comes. The agenda gets an introduction contact.

    The youth is locked and re-read first: of two hand-overs at the same moment, the second sees
    the first one's result (and is refused when it no longer makes sense).
    """
    note = text_field("note", note, max_length=HAND_OVER_NOTE_MAX_LENGTH, multiline=True)
    if not note:
        raise ValidationError({"note": _("Schrijf voor de nieuwe consulent op wat die moet weten.")})
    if not youth_informed:
        raise ValidationError({"youth_informed": _("Vertel de jongere eerst wie de nieuwe consulent wordt.")})
    locked = Youth.objects.select_for_update().get(pk=youth.pk)
    consultant = User.objects.get(pk=consultant.pk)
    if not may_hand_over(actor, locked):
        raise ValidationError(
            {"consultant": _("Alleen de eigen consulent of een teamleider kan een jongere overdragen.")}
        )
    _check_consultant(consultant, locked.organisation_id)
    if consultant.pk == locked.consultant_id:
        raise ValidationError({"consultant": _("Deze consulent begeleidt de jongere al.")})
    assignment = ConsultantAssignment.objects.create(
        organisation_id=locked.organisation_id,
        youth=locked,
        consultant=consultant,
        previous_consultant_id=locked.consultant_id,
        starts_on=on or timezone.localdate(),
        note=note,
        youth_informed=True,
        recorded_by=actor,
    )
    locked.consultant = consultant
    locked.save(update_fields=["consultant"])
    youth.consultant = consultant
    # Closed trajectories can still hold the aftercare follow-up: every item moves along.
    for trajectory in locked.trajectories.all():
        agenda_refresh(trajectory=trajectory)
    return assignment
