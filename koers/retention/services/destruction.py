"""Destruction lists (docs/retention.md, "Vernietigen"), after Open Archiefbeheer: the nightly job
proposes the files past their retention date; a functional administrator reviews the list (and
may keep a file longer, with a reason); a team lead, not the reviewer, approves it; after the
waiting period the job destroys the files one per transaction, so it can stop anywhere and go on
the next run. The list with its counts and who decided is the destruction report.
"""

import datetime as dt
import time
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.audit.models import AccessAction, AccessChannel
from koers.audit.services import access_log_write
from koers.retention.models import DestructionItem, DestructionList, DestructionStatus, ItemStatus
from koers.retention.rules import retention, terms_with, trajectory_end
from koers.retention.selectors import own_terms, retention_of
from koers.retention.services.anonymise import file_destroy
from koers.trajectories.models import Milestone, MilestoneKind, Youth

# At most this many files on one list: a list a person can still review.
LIST_SIZE = 500
# Youths whose milestones are read in one query while looking for files past their date.
SCAN_CHUNK = 500
# A file kept longer by the reviewer is not proposed again before this.
POSTPONE = dt.timedelta(days=365)
# The statuses in which a list still waits for people: no second list is proposed beside it.
WAITING = (DestructionStatus.PROPOSED, DestructionStatus.REVIEWED)
# Before the destruction starts, a file can still be kept longer and the list stopped.
OPEN = (DestructionStatus.PROPOSED, DestructionStatus.REVIEWED, DestructionStatus.APPROVED)


def may_review(user: User) -> bool:
    return bool(user.is_authenticated and user.organisation_id and user.role == Role.FUNCTIONAL_ADMIN)


def may_approve(user: User) -> bool:
    return bool(user.is_authenticated and user.organisation_id and user.works_with_youths and user.is_team_lead)


def may_see(user: User) -> bool:
    return may_review(user) or may_approve(user)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _locked_list(user: User, list_id: int) -> DestructionList:
    found = DestructionList.objects.select_for_update().filter(pk=list_id, organisation_id=user.organisation_id).first()
    if found is None:
        raise DestructionList.DoesNotExist
    return found


# Proposing


def past_retention(organisation_id: int, today: dt.date) -> list[tuple[int, object]]:
    """Youths of the organisation whose file is past its retention date, with that retention,
    oldest first; without those on a list still open and those kept longer."""
    busy = DestructionItem.objects.filter(
        destruction_list__organisation_id=organisation_id,
        destruction_list__status__in=(*OPEN, DestructionStatus.DESTROYING),
        status=ItemStatus.PROPOSED,
    ).values("youth_id")
    kept = DestructionItem.objects.filter(
        destruction_list__organisation_id=organisation_id, postponed_until__gt=today
    ).values("youth_id")
    ids = list(
        Youth.objects.filter(
            organisation_id=organisation_id,
            destroyed_on__isnull=True,
            trajectories__milestones__kind__in=(MilestoneKind.OUTFLOW, MilestoneKind.CLOSED),
        )
        .exclude(pk__in=busy)
        .exclude(pk__in=kept)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    terms = terms_with(own_terms(organisation_id))
    found = []
    for start in range(0, len(ids), SCAN_CHUNK):
        per_youth: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        # Every trajectory of the youth counts: one without milestones has no end, so it runs.
        for youth_id, trajectory_id in Youth.objects.filter(pk__in=ids[start : start + SCAN_CHUNK]).values_list(
            "pk", "trajectories__id"
        ):
            if trajectory_id is not None:
                per_youth[youth_id][trajectory_id] = []
        rows = Milestone.objects.filter(trajectory__youth_id__in=ids[start : start + SCAN_CHUNK]).values(
            "id", "trajectory_id", "trajectory__youth_id", "kind", "date", "replaces_id", "withdrawn"
        )
        for row in rows:
            per_youth[row["trajectory__youth_id"]][row["trajectory_id"]].append(_Row(row))
        for youth_id, trajectories in per_youth.items():
            kept_until = retention([trajectory_end(ms) for ms in trajectories.values()], terms)
            if kept_until is not None and kept_until.keep_until < today:
                found.append((youth_id, kept_until))
    found.sort(key=lambda pair: (pair[1].keep_until, pair[0]))
    return found


class _Row:
    """A milestone as the retention rules read it, from a values() row."""

    __slots__ = ("id", "kind", "date", "replaces_id", "withdrawn")

    def __init__(self, row: dict) -> None:
        self.id, self.kind, self.date = row["id"], row["kind"], row["date"]
        self.replaces_id, self.withdrawn = row["replaces_id"], row["withdrawn"]


@transaction.atomic
def destruction_propose(organisation_id: int, *, today: dt.date | None = None) -> DestructionList | None:
    """A new list of the files past their date, or None (nothing past it, or a list still waits).

    The organisation row is locked, so two nightly runs at once make one list."""
    today = today or timezone.localdate()
    Organisation.objects.select_for_update().get(pk=organisation_id)
    if DestructionList.objects.filter(organisation_id=organisation_id, status__in=WAITING).exists():
        return None
    found = past_retention(organisation_id, today)[:LIST_SIZE]
    if not found:
        return None
    new = DestructionList.objects.create(organisation_id=organisation_id)
    DestructionItem.objects.bulk_create(
        DestructionItem(
            destruction_list=new,
            youth_id=youth_id,
            line=kept.line,
            ended_on=kept.ended_on,
            keep_until=kept.keep_until,
        )
        for youth_id, kept in found
    )
    return new


# The people's steps


@transaction.atomic
def item_postpone(user: User, item_id: int, *, reason: str, today: dt.date | None = None) -> DestructionItem:
    """Keep one file longer (an objection or a court case still running): it leaves the list and
    is not proposed again for a year."""
    _require(may_see(user), _("Alleen functioneel beheer en teamleiders werken met vernietigingslijsten."))
    item = (
        DestructionItem.objects.select_for_update()
        .select_related("destruction_list")
        .filter(pk=item_id, destruction_list__organisation_id=user.organisation_id)
        .first()
    )
    if item is None:
        raise DestructionItem.DoesNotExist
    if item.destruction_list.status not in OPEN:
        raise ValidationError(_("De vernietiging van deze lijst is al begonnen; een dossier kan er niet meer af."))
    if item.status == ItemStatus.POSTPONED:
        return item  # a double click
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom dit dossier langer bewaard blijft.")})
    item.status = ItemStatus.POSTPONED
    item.postponed_reason = reason
    item.postponed_until = (today or timezone.localdate()) + POSTPONE
    item.save(update_fields=["status", "postponed_reason", "postponed_until"])
    return item


@transaction.atomic
def destruction_review(user: User, list_id: int) -> DestructionList:
    """The functional administrator has gone through the list: it goes to a team lead."""
    _require(may_review(user), _("Alleen functioneel beheer beoordeelt een vernietigingslijst."))
    found = _locked_list(user, list_id)
    if found.status == DestructionStatus.REVIEWED and found.reviewed_by_id == user.pk:
        return found  # a double click
    if found.status != DestructionStatus.PROPOSED:
        raise ValidationError(_("Deze lijst is al beoordeeld."))
    found.status = DestructionStatus.REVIEWED
    found.reviewed_by, found.reviewed_at = user, timezone.now()
    found.decision_note = ""
    found.save(update_fields=["status", "reviewed_by", "reviewed_at", "decision_note"])
    return found


@transaction.atomic
def destruction_approve(user: User, list_id: int) -> DestructionList:
    """A team lead approves: the files are destroyed after the waiting period."""
    _require(may_approve(user), _("Alleen een teamleider keurt een vernietigingslijst goed."))
    found = _locked_list(user, list_id)
    if found.status == DestructionStatus.APPROVED and found.decided_by_id == user.pk:
        return found
    if found.status != DestructionStatus.REVIEWED:
        raise ValidationError(_("Deze lijst wacht niet op goedkeuring."))
    if found.reviewed_by_id == user.pk:
        raise ValidationError(_("Een tweede persoon keurt goed: u heeft deze lijst zelf beoordeeld."))
    now = timezone.now()
    found.status = DestructionStatus.APPROVED
    found.decided_by, found.decided_at = user, now
    found.destroy_after = now + dt.timedelta(days=settings.KOERS_DESTRUCTION_WAIT_DAYS)
    found.save(update_fields=["status", "decided_by", "decided_at", "destroy_after"])
    return found


@transaction.atomic
def destruction_send_back(user: User, list_id: int, *, note: str) -> DestructionList:
    """A team lead does not approve: the list goes back to the reviewer with the reason."""
    _require(may_approve(user), _("Alleen een teamleider keurt een vernietigingslijst goed of af."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Schrijf op wat er aan de lijst moet veranderen.")})
    found = _locked_list(user, list_id)
    if found.status != DestructionStatus.REVIEWED:
        raise ValidationError(_("Deze lijst wacht niet op goedkeuring."))
    found.status, found.decision_note = DestructionStatus.PROPOSED, note
    found.save(update_fields=["status", "decision_note"])
    return found


@transaction.atomic
def destruction_cancel(user: User, list_id: int, *, note: str) -> DestructionList:
    """Stop a list before its destruction starts; its files are proposed again on a later night."""
    _require(may_see(user), _("Alleen functioneel beheer en teamleiders werken met vernietigingslijsten."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Schrijf op waarom deze lijst stopt.")})
    found = _locked_list(user, list_id)
    if found.status == DestructionStatus.CANCELLED:
        return found
    if found.status not in OPEN:
        raise ValidationError(_("De vernietiging van deze lijst is al begonnen; stoppen kan niet meer."))
    found.status, found.decision_note = DestructionStatus.CANCELLED, note
    found.decided_by, found.decided_at = user, timezone.now()
    found.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    return found


# The nightly job


def _destroy_item(item_id: int, today: dt.date) -> bool:
    """Destroy one file of a list in its own transaction; False when no item was left to take.

    Claimed with SKIP LOCKED, so two workers share a list instead of doing the same file twice."""
    with transaction.atomic():
        item = (
            DestructionItem.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("destruction_list", "youth")
            .filter(pk=item_id, status=ItemStatus.PROPOSED)
            .first()
        )
        if item is None:
            return False
        # The file may have come back into use during the waiting period (a new trajectory).
        now_kept = retention_of(item.youth)
        if now_kept is None or now_kept.keep_until >= today:
            item.status = ItemStatus.POSTPONED
            item.postponed_reason = _("Het dossier is weer in gebruik.")
            item.postponed_until = today
            item.save(update_fields=["status", "postponed_reason", "postponed_until"])
            return True
        file_destroy(item.youth_id, today=today)
        access_log_write(
            user=item.destruction_list.decided_by,
            organisation_id=item.destruction_list.organisation_id,
            youth_id=item.youth_id,
            action=AccessAction.CHANGE,
            channel=AccessChannel.COMMAND,
            subject="destruction",
        )
        item.status, item.destroyed_at = ItemStatus.DESTROYED, timezone.now()
        item.save(update_fields=["status", "destroyed_at"])
        return True


def _due_lists(now: dt.datetime):
    return DestructionList.objects.filter(
        status__in=(DestructionStatus.APPROVED, DestructionStatus.DESTROYING), destroy_after__lte=now
    ).order_by("destroy_after", "pk")


def destruction_carry_out(*, now: dt.datetime | None = None, budget_seconds: float = 50.0) -> int:
    """Destroy the files of approved lists past their waiting period, for at most about
    `budget_seconds`; the next run goes on where this one stopped. Returns the files handled."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    deadline = time.monotonic() + budget_seconds
    handled = 0
    for due in _due_lists(now):
        with transaction.atomic():
            # Nothing to update when another run started it: this one shares its items.
            DestructionList.objects.filter(pk=due.pk, status=DestructionStatus.APPROVED).update(
                status=DestructionStatus.DESTROYING, started_at=now
            )
        for item_id in DestructionItem.objects.filter(destruction_list=due, status=ItemStatus.PROPOSED).values_list(
            "pk", flat=True
        ):
            if time.monotonic() > deadline:
                return handled
            handled += _destroy_item(item_id, today)
        with transaction.atomic():
            left = DestructionItem.objects.filter(destruction_list=due, status=ItemStatus.PROPOSED).exists()
            if not left:
                DestructionList.objects.filter(pk=due.pk, status=DestructionStatus.DESTROYING).update(
                    status=DestructionStatus.DONE, finished_at=now
                )
    return handled


def destruction_run(*, now: dt.datetime | None = None) -> int:
    """The nightly job: carry out approved lists, then propose new ones for every organisation."""
    now = now or timezone.now()
    handled = destruction_carry_out(now=now)
    today = timezone.localdate(now)
    for organisation_id in Organisation.objects.order_by("pk").values_list("pk", flat=True):
        destruction_propose(organisation_id, today=today)
    return handled
