"""Writes for youths and their trajectories: registering a youth (with the duplicate check),
milestones with their corrections and withdrawals, hand-overs to another consultant, barriers, and
the network with the youth's consent. Each write is one transaction; the ones that change what the
agenda reads (milestones, hand-overs) refresh the agenda inside it (ADR 0002)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.agenda.services import agenda_refresh
from koers.audit.models import AccessAction, AccessChannel
from koers.audit.services import access_log_write
from koers.lib.workdays import add_months
from koers.method.models import BarrierKind
from koers.trajectories import flow
from koers.trajectories.access import may_hand_over, visible_youths
from koers.trajectories.dates import check_birth_date, check_past_event
from koers.trajectories.models import (
    MILESTONE_EXTRA_FIELDS,
    Barrier,
    BarrierSource,
    ConsultantAssignment,
    Milestone,
    MilestoneKind,
    NetworkConsent,
    NetworkInfluence,
    NetworkMember,
    NetworkRelation,
    Phase,
    Trajectory,
    Youth,
)
from koers.trajectories.selectors import is_current
from koers.trajectories.text import name_field, text_field

K = MilestoneKind
# The note on a milestone or a withdrawal (pages, API and commands alike).
NOTE_MAX_LENGTH = 300


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


@transaction.atomic
def trajectory_create(*, actor: User, youth: Youth, registered_on: dt.date, source: str) -> Trajectory:
    Youth.objects.select_for_update().filter(pk=youth.pk).first()  # one new trajectory at a time
    if youth.trajectories.exclude(phase=Phase.CLOSED).exists():
        raise ValidationError({"registered_on": _("Deze jongere heeft al een lopend traject. Sluit dat eerst af.")})
    last_closed = (
        Milestone.objects.filter(trajectory__youth=youth, kind=K.CLOSED, withdrawn=False, replaced_by__isnull=True)
        .order_by("-date")
        .first()
    )
    if last_closed is not None and registered_on < last_closed.date:
        raise ValidationError({"registered_on": _("De melding ligt vóór de afsluiting van het vorige traject.")})
    trajectory = Trajectory.objects.create(organisation_id=youth.organisation_id, youth=youth)
    milestone_record(actor=actor, trajectory=trajectory, kind=K.REGISTRATION, date=registered_on, source=source)
    return trajectory


def _check_fields(kind: str, values: dict[str, str]) -> dict[str, str]:
    needed = MILESTONE_EXTRA_FIELDS.get(kind)
    cleaned = {}
    for name in MILESTONE_EXTRA_FIELDS.values():
        value = values.get(name) or ""
        if name == needed:
            choices = dict(Milestone._meta.get_field(name).choices)
            if not value:
                raise ValidationError({name: _("Dit veld is verplicht bij %(kind)s.") % {"kind": K(kind).label}})
            if value not in choices:
                raise ValidationError({name: _("Kies een van: %(options)s.") % {"options": ", ".join(choices)}})
            cleaned[name] = value
        elif value:
            raise ValidationError({name: _("Dit veld hoort niet bij %(kind)s.") % {"kind": K(kind).label}})
    return cleaned


@transaction.atomic
def milestone_record(
    *,
    actor: User,
    trajectory: Trajectory,
    kind: str,
    date: dt.date,
    replaces: Milestone | None = None,
    note: str = "",
    **values: str,
) -> Milestone:
    """Record a milestone, or a correction of one (`replaces`), refusing impossible orders."""
    if kind not in K.values:
        raise ValidationError({"kind": _("Onbekende mijlpaal: %(kind)s.") % {"kind": kind}})
    if kind == K.REGISTRATION and replaces is None and trajectory.milestones.exists():
        raise ValidationError({"kind": _("De melding is al vastgelegd. Corrigeer die als die niet klopt.")})
    fields = _check_fields(kind, values)
    note = text_field("note", note, max_length=NOTE_MAX_LENGTH)
    check_past_event("date", date)
    current = flow.effective(Trajectory.objects.select_for_update().get(pk=trajectory.pk).milestones.all())
    if replaces is not None:
        if replaces.trajectory_id != trajectory.pk or replaces not in current:
            raise ValidationError(
                {"replaces": _("Alleen een geldende mijlpaal van dit traject kan worden gecorrigeerd.")}
            )
        if replaces.kind != kind:
            raise ValidationError({"kind": _("Een correctie heeft dezelfde soort mijlpaal.")})
    elif any(row.kind == K.CLOSED for row in current):
        raise ValidationError(
            {"kind": _("Dit traject is afgesloten. Er kan geen mijlpaal meer bij; corrigeer zo nodig de afsluiting.")}
        )
    milestone = Milestone(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        kind=kind,
        date=date,
        replaces=replaces,
        note=note,
        recorded_by=actor,
        **fields,
    )
    remaining = [row for row in current if row != replaces] + [milestone]
    flow.check_sequence(flow.effective(remaining), new=milestone)
    _check_reopening(trajectory, remaining)
    milestone.save()
    _after_milestones_change(trajectory, remaining)
    return milestone


@transaction.atomic
def milestone_withdraw(*, actor: User, milestone: Milestone, note: str) -> Milestone:
    """Withdraw a milestone recorded in error; the row stays visible in the history. The reason is
    required: a later reader (a colleague, an auditor, the youth) must see why it was taken back."""
    note = text_field("note", note, max_length=NOTE_MAX_LENGTH)
    if not note:
        raise ValidationError({"note": _("Schrijf kort op waarom u dit intrekt.")})
    trajectory = Trajectory.objects.select_for_update().get(pk=milestone.trajectory_id)
    current = flow.effective(trajectory.milestones.all())
    if milestone not in current:
        raise ValidationError({"replaces": _("Deze mijlpaal is al gecorrigeerd of ingetrokken.")})
    if milestone.kind == K.REGISTRATION:
        raise ValidationError({"kind": _("De melding kan niet worden ingetrokken, alleen gecorrigeerd.")})
    remaining = [row for row in current if row != milestone]
    flow.check_sequence(remaining)
    _check_reopening(trajectory, remaining)
    withdrawal = Milestone.objects.create(
        organisation_id=milestone.organisation_id,
        trajectory=trajectory,
        kind=milestone.kind,
        date=milestone.date,
        replaces=milestone,
        withdrawn=True,
        note=note,
        recorded_by=actor,
    )
    _after_milestones_change(trajectory, remaining)
    return withdrawal


def _check_reopening(trajectory: Trajectory, milestones: list) -> None:
    """A closed trajectory may only reopen while the youth has no later trajectory."""
    if trajectory.phase == Phase.CLOSED and not any(row.kind == K.CLOSED for row in milestones):
        if not is_current(trajectory):
            raise ValidationError(
                {"kind": _("Deze jongere heeft al een nieuwer traject. Dit traject kan niet meer worden heropend.")}
            )


def _after_milestones_change(trajectory: Trajectory, milestones: list) -> None:
    phase = flow.phase_of(flow.effective(milestones))
    if phase != trajectory.phase:
        trajectory.phase = phase
        trajectory.save(update_fields=["phase"])
    agenda_refresh(trajectory=trajectory)


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


# Barriers: recorded with date and source; resolving one keeps it as history.
BARRIER_NOTE_MAX_LENGTH = 300


@transaction.atomic
def barrier_record(*, actor: User, youth: Youth, kind: str, noted_on: dt.date, source: str, note: str = "") -> Barrier:
    """Record a barrier. Under a lock on the youth: a kind that is already open is refused, so a
    double click records it once."""
    if kind not in BarrierKind.values:
        raise ValidationError({"kind": _("Kies een belemmering uit de lijst.")})
    if source not in BarrierSource.values:
        raise ValidationError({"source": _("Kies van wie u het weet.")})
    check_past_event("noted_on", noted_on)
    note = text_field("note", note, max_length=BARRIER_NOTE_MAX_LENGTH)
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if Barrier.objects.filter(youth=youth, kind=kind, resolved_on__isnull=True).exists():
        raise ValidationError({"kind": _("Deze belemmering staat al open.")})
    return Barrier.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        kind=kind,
        noted_on=noted_on,
        source=source,
        note=note,
        recorded_by=actor,
    )


@transaction.atomic
def barrier_resolve(*, actor: User, barrier: Barrier, on: dt.date) -> Barrier:
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if barrier.resolved_on is not None:
        raise ValidationError({"resolved_on": _("Deze belemmering is al opgelost.")})
    check_past_event("resolved_on", on)
    if on < barrier.noted_on:
        raise ValidationError({"resolved_on": _("Deze datum ligt vóór de datum van signaleren.")})
    barrier.resolved_on = on
    barrier.save(update_fields=["resolved_on"])
    return barrier


# The network: people around the youth; involving them needs the youth's recorded consent.
NETWORK_TEXT_MAX_LENGTH = 300


@transaction.atomic
def network_member_add(
    *, actor: User, youth: Youth, name: str, relation: str, influence: str, phone: str = "", email: str = ""
) -> NetworkMember:
    if relation not in NetworkRelation.values:
        raise ValidationError({"relation": _("Kies de relatie uit de lijst.")})
    if influence not in NetworkInfluence.values:
        raise ValidationError({"influence": _("Kies of deze persoon steunt of belemmert.")})
    name = name_field("name", name, max_length=150)
    phone = text_field("phone", phone, max_length=20)
    email = text_field("email", email, max_length=254)
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    return NetworkMember.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        name=name,
        relation=relation,
        influence=influence,
        phone=phone,
        email=email,
        recorded_by=actor,
    )


@transaction.atomic
def network_consent_record(
    *, actor: User, member: NetworkMember, purpose: str, given_by: str, given_on: dt.date
) -> NetworkConsent:
    """The youth agreed that this person is involved, for this purpose. Under a lock on the member:
    an open consent already there is refused (revoke it first to record a new one)."""
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    purpose = text_field("purpose", purpose, max_length=NETWORK_TEXT_MAX_LENGTH)
    given_by = text_field("given_by", given_by, max_length=150)
    if not purpose:
        raise ValidationError({"purpose": _("Schrijf op waarvoor de jongere toestemming geeft.")})
    if not given_by:
        raise ValidationError({"given_by": _("Schrijf op wie de toestemming gaf.")})
    check_past_event("given_on", given_on)
    if NetworkConsent.objects.filter(member=member, revoked_on__isnull=True).exists():
        raise ValidationError({"purpose": _("Er is al toestemming voor deze persoon.")})
    return NetworkConsent.objects.create(
        organisation_id=member.organisation_id,
        member=member,
        purpose=purpose,
        given_by=given_by,
        given_on=given_on,
        recorded_by=actor,
    )


@transaction.atomic
def network_consent_revoke(*, actor: User, member: NetworkMember, on: dt.date) -> NetworkConsent:
    """The youth withdrew consent: from `on`, this person can no longer be involved."""
    consent = NetworkConsent.objects.select_for_update().filter(member=member, revoked_on__isnull=True).first()
    if consent is None:
        raise ValidationError({"revoked_on": _("Er is geen toestemming om in te trekken.")})
    check_past_event("revoked_on", on)
    if on < consent.given_on:
        raise ValidationError({"revoked_on": _("Deze datum ligt vóór de datum van de toestemming.")})
    consent.revoked_on = on
    consent.save(update_fields=["revoked_on"])
    return consent
