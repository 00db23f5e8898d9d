"""Writes from the youth's side that also tell the consultant: the aftercare answers (a contact
that settles the check-in, and the answers as a message) and a sub-goal ticked off."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.lib.due_rules import DueKind
from koers.messaging.models import Message, MessageKind
from koers.messaging.services.messages import message_send
from koers.trajectories.models import Youth


class CheckInAnswered(Exception):
    """The form was for a check-in that is answered already (a double tap, a reload)."""


@transaction.atomic
def check_in_answer(*, youth: Youth, ref: str, answers: dict[str, str], mark: int | None) -> Message:
    """The youth answered the aftercare questions: a contact by message that settles the check-in
    (the agenda rules count any contact after the previous check-in), and the answers as a
    message for the consultant. The service finds the open check-in and its purpose itself; `ref`
    is the check-in the form was for, so an old form never answers the next one. The same
    check-in answered twice counts once."""
    from koers.agenda.selectors import open_check_in
    from koers.contacts.models import Channel, Participant, Purpose
    from koers.contacts.services import contact_record
    from koers.trajectories.models import Trajectory
    from koers.trajectories.selectors import current_trajectory

    # One answer at a time per youth: two taps at once settle one check-in, not two.
    trajectory = current_trajectory(youth)
    if trajectory is not None:
        Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    item = open_check_in(youth_id=youth.pk, today=timezone.localdate())
    if item is None or item.ref != ref:
        if (
            trajectory is not None
            and Message.objects.filter(youth=youth, client_key=_check_in_key(trajectory.pk, ref)).exists()
        ):
            raise CheckInAnswered()
        raise ValidationError(_("Deze vragen staan niet meer open. Er is niets verstuurd."))
    key = _check_in_key(item.trajectory_id, item.ref)
    if mark is not None and not 1 <= mark <= 10:
        raise ValidationError({"mark": _("Kies een cijfer van 1 tot en met 10.")})
    lines = [f"{label}\n{text.strip() or '-'}" for label, text in answers.items()]
    if mark is not None:
        lines.append(_("Cijfer: %(mark)s") % {"mark": mark})
    body = "\n\n".join(lines)
    purpose = Purpose.AFTERCARE_FOLLOW_UP if item.kind == DueKind.AFTERCARE_FOLLOW_UP else Purpose.AFTERCARE_CHECK_IN
    # Recorded as the youth's own contact when no consultant is assigned: the check-in is settled.
    contact_record(
        actor=youth.consultant,
        trajectory=item.trajectory,
        date=timezone.localdate(),
        channel=Channel.MESSAGE,
        purpose=purpose,
        participants=[Participant.YOUTH],
        ratings={"mark": mark},
        notes=_("Antwoord in het portaal:") + "\n" + body[:1800],
    )
    return message_send(youth=youth, from_youth=True, kind=MessageKind.CHECK_IN, body=body, client_key=key)


def _check_in_key(trajectory_id: int, ref: str) -> str:
    return f"server:check_in:{trajectory_id}:{ref}"


@transaction.atomic
def sub_goal_done_by_youth(*, youth: Youth, sub_goal, note: str = ""):
    """The youth ticked an own sub-goal off in the portal: the tick, and in the same transaction a
    message that tells the consultant (once; nothing when it was done already)."""
    from koers.plans.models import SubGoalStatus
    from koers.plans.services import sub_goal_mark_done

    was_open = sub_goal.status == SubGoalStatus.OPEN
    done = sub_goal_mark_done(sub_goal=sub_goal, by_youth=True, note=note)
    if was_open and done.status == SubGoalStatus.DONE and done.done_by_youth:
        body = _("Gedaan: %(text)s") % {"text": done.text} + (f"\n{done.youth_note}" if note.strip() else "")
        message_send(
            youth=youth,
            from_youth=True,
            kind=MessageKind.SUB_GOAL_DONE,
            body=body,
            client_key=f"server:sub_goal_done:{done.pk}:{done.done_on.isoformat()}",
        )
    return done
