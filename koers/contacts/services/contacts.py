"""Writes: a contact with its interventions (working elements, method steps, toolbox items),
the network members who took part, self-ratings and agreements; ticking off an agreement. Both
refresh the trajectory's agenda in their transaction (ADR 0002). The limits here hold for pages,
API and commands alike."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.models import User
from koers.agenda.services import agenda_refresh
from koers.contacts.models import (
    Agreement,
    AgreementOwner,
    Channel,
    Contact,
    ContactParticipant,
    Intervention,
    InterventionSource,
    Participant,
    Purpose,
    SelfRating,
)
from koers.method.models import MethodStep, ToolboxItem, WorkingElement
from koers.method.selectors import current_version_of
from koers.trajectories.dates import check_past_event, check_planned_date
from koers.trajectories.flow import phase_on
from koers.trajectories.models import Milestone, MilestoneKind, NetworkConsent, NetworkMember, Trajectory
from koers.trajectories.selectors import is_current
from koers.trajectories.text import text_field

# Limits for pages, API and commands alike: a contact is a short record, not a document store.
NOTES_MAX_LENGTH = 10_000
AGREEMENTS_MAX = 5


AGREEMENT_DESCRIPTION_MAX_LENGTH = 300


# A referral from the toolbox becomes an agreement for the consultant: check that it worked.
REFERRAL_FOLLOW_UP_DAYS = 14


@dataclass(frozen=True)
class NewAgreement:
    owner: str
    description: str
    due_on: dt.date | None = None


def _check_choice(field: str, value: str, choices) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Kies een van: %(options)s.") % {"options": ", ".join(choices.values)}})


def _registered_on(trajectory: Trajectory) -> dt.date | None:
    row = trajectory.milestones.filter(kind=MilestoneKind.REGISTRATION, withdrawn=False).order_by("-id").first()
    return row.date if row else None


def _check_not_before_registration(trajectory: Trajectory, date: dt.date) -> None:
    registered_on = _registered_on(trajectory)
    if registered_on and date < registered_on:
        raise ValidationError({"date": _("De datum ligt vóór de melding van dit traject.")})


def _check_current(trajectory: Trajectory) -> None:
    """Only the youth's current trajectory can change; earlier ones are history."""
    if not is_current(trajectory):
        raise ValidationError(_("Dit is een eerder traject van deze jongere. Leg dit vast bij het huidige traject."))


def elements_for_codes(codes: Sequence[str]) -> list[WorkingElement]:
    unique = list(dict.fromkeys(codes))
    elements = list(WorkingElement.objects.filter(code__in=unique, active=True))
    unknown = sorted(set(unique) - {element.code for element in elements})
    if unknown:
        raise ValidationError(
            {"interventions": _("Onbekende interventiecode(s): %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return elements


def _current_method_rows(model, trajectory: Trajectory, ids: Sequence[int], *, field: str, message: str) -> list:
    """The chosen rows (steps or toolbox items), which must be of the organisation's current method
    version; refused with `message` at `field` otherwise (an old form, or a made-up id)."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    rows = list(
        model.objects.filter(
            pk__in=unique, version_id__in=current_version_of(trajectory.organisation_id)
        ).prefetch_related("working_elements")
    )
    if len(rows) != len(unique):
        raise ValidationError({field: message})
    return rows


def steps_for_ids(trajectory: Trajectory, step_ids: Sequence[int]) -> list[MethodStep]:
    return _current_method_rows(
        MethodStep,
        trajectory,
        step_ids,
        field="steps",
        message=_("Deze stappen horen niet bij de werkwijze van nu. Kies de stappen opnieuw."),
    )


def toolbox_items_for_ids(trajectory: Trajectory, item_ids: Sequence[int]) -> list[ToolboxItem]:
    return _current_method_rows(
        ToolboxItem,
        trajectory,
        item_ids,
        field="toolbox",
        message=_("Deze hulp hoort niet bij de werkwijze van nu. Kies opnieuw uit de gereedschapskist."),
    )


def network_members_for_ids(trajectory: Trajectory, member_ids: Sequence[int], on: dt.date) -> list[NetworkMember]:
    """The network members who took part: the youth's own, each with consent valid on that day."""
    unique = list(dict.fromkeys(member_ids))
    if not unique:
        return []
    members = list(NetworkMember.objects.filter(pk__in=unique, youth_id=trajectory.youth_id))
    if len(members) != len(unique):
        raise ValidationError({"network": _("Deze persoon hoort niet bij het netwerk van deze jongere.")})
    consents = NetworkConsent.objects.filter(member__in=members, given_on__lte=on)
    consented = {c.member_id for c in consents if c.valid_on(on)}
    missing = [m.name for m in members if m.pk not in consented]
    if missing:
        raise ValidationError(
            {
                "network": _("De jongere gaf geen toestemming om %(names)s te betrekken (op die datum).")
                % {"names": ", ".join(missing)}
            }
        )
    return members


def _referral_agreements(items: list[ToolboxItem], contact_date: dt.date) -> list[NewAgreement]:
    due = contact_date + dt.timedelta(days=REFERRAL_FOLLOW_UP_DAYS)
    agreements = []
    for item in items:
        if item.referral:
            partners = ", ".join(item.partners)
            text = _("Verwijzing opvolgen: %(action)s") % {"action": item.action}
            if partners:
                text = f"{text} ({partners})"
            agreements.append(
                NewAgreement(
                    owner=AgreementOwner.CONSULTANT, description=text[:AGREEMENT_DESCRIPTION_MAX_LENGTH], due_on=due
                )
            )
    return agreements


def check_participants(participants: Sequence[str], network_member_ids: Sequence[int] = ()) -> None:
    """Someone took part in a contact: the youth, a parent, a partner, or someone of the network."""
    if not participants and not network_member_ids:
        raise ValidationError({"participants": _("Kies wie erbij waren.")})


@transaction.atomic
def contact_record(
    *,
    actor: User | None,
    trajectory: Trajectory,
    date: dt.date,
    channel: str,
    purpose: str = Purpose.STATUS_CHECK,
    participants: Sequence[str] = (Participant.YOUTH,),
    intervention_codes: Sequence[str] = (),
    step_ids: Sequence[int] = (),
    toolbox_ids: Sequence[int] = (),
    network_member_ids: Sequence[int] = (),
    ratings: dict[str, int | None] | None = None,
    agreements: Sequence[NewAgreement] = (),
    notes: str = "",
    evaluation_question_asked: bool = False,
) -> Contact:
    _check_choice("channel", channel, Channel)
    _check_choice("purpose", purpose, Purpose)
    check_participants(participants, network_member_ids)
    for participant in participants:
        _check_choice("participants", participant, Participant)
    check_past_event("date", date)
    _check_current(trajectory)
    _check_not_before_registration(trajectory, date)
    steps = steps_for_ids(trajectory, step_ids)
    toolbox = toolbox_items_for_ids(trajectory, toolbox_ids)
    network = network_members_for_ids(trajectory, network_member_ids, date)
    ratings = check_ratings({k: v for k, v in (ratings or {}).items() if k in RATING_RANGES})
    if network and Participant.NETWORK not in participants:
        participants = [*participants, Participant.NETWORK]
    # A ticked step or toolbox item is an intervention too: its working elements join the coded ones.
    sources: dict[int, str] = {}
    for source, chosen in (
        (InterventionSource.CODED, elements_for_codes(intervention_codes)),
        (InterventionSource.STEP, _elements_of(steps)),
        (InterventionSource.TOOLBOX, _elements_of(toolbox)),
    ):
        for element in chosen:
            sources.setdefault(element.pk, source)
    notes = text_field("notes", notes, max_length=NOTES_MAX_LENGTH, multiline=True)
    agreements = [*_checked_agreements(agreements, contact_date=date), *_referral_agreements(toolbox, date)]
    contact = Contact.objects.create(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        date=date,
        channel=channel,
        purpose=purpose,
        phase=phase_on(Milestone.objects.filter(trajectory=trajectory), date),
        notes=notes,
        evaluation_question_asked=evaluation_question_asked,
        consultant=actor,
    )
    ContactParticipant.objects.bulk_create(
        ContactParticipant(organisation_id=trajectory.organisation_id, contact=contact, kind=kind)
        for kind in dict.fromkeys(participants)
    )
    _record_interventions(contact, sources, actor=actor)
    contact.steps.set(steps)
    contact.toolbox_items.set(toolbox)
    contact.network_members.set(network)
    if any(value is not None for value in ratings.values()):
        SelfRating.objects.create(
            organisation_id=trajectory.organisation_id, trajectory=trajectory, contact=contact, date=date, **ratings
        )
    Agreement.objects.bulk_create(
        Agreement(
            organisation_id=trajectory.organisation_id,
            trajectory=trajectory,
            contact=contact,
            owner=agreement.owner,
            description=agreement.description,
            due_on=agreement.due_on,
        )
        for agreement in agreements
    )
    agenda_refresh(trajectory=trajectory)
    return contact


def _record_interventions(contact: Contact, sources: dict[int, str], *, actor: User | None) -> None:
    """The coded working elements as rows that carry, as they are today, the consultant's team and
    the trajectory's phase on the contact's date: what the insights count, unchanged by later moves."""
    if not sources:
        return
    trajectory = contact.trajectory
    Intervention.objects.bulk_create(
        Intervention(
            organisation_id=trajectory.organisation_id,
            contact=contact,
            element_id=element_id,
            source=source,
            date=contact.date,
            youth_id=trajectory.youth_id,
            trajectory=trajectory,
            consultant=actor,
            team_id=actor.team_id if actor else None,
            phase=contact.phase,
        )
        for element_id, source in sources.items()
    )


def _elements_of(rows: Sequence[MethodStep | ToolboxItem]) -> list[WorkingElement]:
    return [element for row in rows for element in row.working_elements.all()]


def _checked_agreements(agreements: Sequence[NewAgreement], *, contact_date: dt.date) -> list[NewAgreement]:
    if len(agreements) > AGREEMENTS_MAX:
        raise ValidationError(
            {"agreements": _("Leg hoogstens %(max)s afspraken per contact vast.") % {"max": AGREEMENTS_MAX}}
        )
    checked = []
    for agreement in agreements:
        _check_choice("agreements", agreement.owner, AgreementOwner)
        description = text_field("agreements", agreement.description, max_length=AGREEMENT_DESCRIPTION_MAX_LENGTH)
        if not description:
            raise ValidationError({"agreements": _("Beschrijf elke afspraak.")})
        if agreement.due_on is not None:
            check_planned_date("agreements", agreement.due_on)
            if agreement.due_on < contact_date:
                raise ValidationError({"agreements": _("De uiterlijke datum van een afspraak ligt vóór het contact.")})
        checked.append(NewAgreement(owner=agreement.owner, description=description, due_on=agreement.due_on))
    return checked


@transaction.atomic
def agreement_mark_done(*, actor: User, agreement: Agreement, on: dt.date) -> Agreement:
    # Locked and re-read: a double click must not tick it twice or refresh the agenda twice.
    agreement = Agreement.objects.select_for_update().select_related("trajectory").get(pk=agreement.pk)
    if agreement.done_on is not None:
        raise ValidationError({"done_on": _("Deze afspraak is al afgevinkt.")})
    check_past_event("done_on", on)
    _check_current(agreement.trajectory)
    agreement.done_on = on
    agreement.save(update_fields=["done_on"])
    agenda_refresh(trajectory=agreement.trajectory)
    return agreement


# Life domains and self-ratings.
RATING_RANGES = {"stress": (0, 10), "confidence": (0, 10), "mark": (1, 10)}
RATING_NAMES = {
    "stress": gettext_lazy("Stress"),
    "confidence": gettext_lazy("Vertrouwen"),
    "mark": gettext_lazy("Cijfer"),
}


def rating_message(name: str) -> str:
    """'Stress: kies een getal van 0 tot en met 10.' — the rating named, also in a list of errors."""
    low, high = RATING_RANGES[name]
    return _("%(name)s: kies een getal van %(low)s tot en met %(high)s.") % {
        "name": RATING_NAMES[name],
        "low": low,
        "high": high,
    }


def check_ratings(ratings: dict[str, int | None]) -> dict[str, int | None]:
    for name, value in ratings.items():
        low, high = RATING_RANGES[name]
        if value is not None and not low <= value <= high:
            raise ValidationError({name: rating_message(name)})
    return ratings
