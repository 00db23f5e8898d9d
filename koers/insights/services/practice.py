"""Writes: filling the summary tables (the worker's job), and rebuilding them.

`practice_counts_fill` takes the contacts recorded since its last round (by id, from `FillState`),
adds them and their interventions, steps and toolbox items to `PracticeCount`, and moves the
state on, in one transaction. The state's row is locked first, so two workers never count a
contact twice; a round that fails counts nothing and the next one starts at the same place.
Contacts are append-only in Koers (a correction is a new row), so adding up is enough; after a
change of the rules (or of the data in the database by hand) `practice_counts_rebuild` starts over.

A row's id is taken when it is inserted, but other transactions see the row only once its own
commits: a contact with a lower id can appear after one with a higher id was counted, and would
be passed by for good. So a round takes the new rows only up to the first one recorded less than
`settings.KOERS_FILL_SETTLE_SECONDS` ago (`settled`); a write transaction of Koers takes
milliseconds, far less than that.
"""

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from koers.contacts.models import Contact, Intervention
from koers.db.inserts import insert_if_absent
from koers.insights.models import CountKind, FillState, PracticeCount

STATE = "practice_counts"
# Contacts per round: a round is short, and a backlog (a new installation) is made up in rounds.
ROUND = 5000

Key = tuple[int, int, int, dt.date, str, str, str]  # organisation, consultant, team, month, phase, kind, key


def settled(rows: list[tuple], *, now: dt.datetime) -> list[tuple]:
    """The rows (in id order, `recorded_at` last in each) up to the first one recorded less than the
    settle time ago: every row with a lower id has been committed by then, or never will be."""
    cutoff = now - dt.timedelta(seconds=settings.KOERS_FILL_SETTLE_SECONDS)
    for index, row in enumerate(rows):
        if row[-1] >= cutoff:
            return rows[:index]
    return rows


def practice_counts_fill(*, limit: int = ROUND) -> int:
    """Worker job: count the contacts recorded since the last round; returns how many."""
    with transaction.atomic():
        insert_if_absent(FillState(name=STATE))  # the first round of two workers at once: one row
        state = FillState.objects.select_for_update().get(name=STATE)
        rows = list(
            Contact.objects.filter(pk__gt=state.last_id)
            .order_by("pk")
            .values_list(
                "pk", "organisation_id", "consultant_id", "consultant__team_id", "date", "phase", "recorded_at"
            )[:limit]
        )
        contacts = [row[:-1] for row in settled(rows, now=timezone.now())]
        if not contacts:
            return 0
        counts: Counter[Key] = Counter()
        by_contact = {}
        for pk, organisation_id, consultant_id, team_id, day, phase in contacts:
            base = (organisation_id, consultant_id or 0, team_id or 0, day.replace(day=1), phase)
            by_contact[pk] = base
            counts[(*base, CountKind.CONTACT, "")] += 1
        ids = list(by_contact)
        for contact_id, code, team_id in Intervention.objects.filter(contact_id__in=ids).values_list(
            "contact_id", "element__code", "team_id"
        ):
            organisation_id, consultant_id, _team, month, phase = by_contact[contact_id]
            # The team as it was when the contact was recorded (the Intervention row keeps it).
            counts[(organisation_id, consultant_id, team_id or 0, month, phase, CountKind.ELEMENT, code)] += 1
        for contact_id, key in Contact.steps.through.objects.filter(contact_id__in=ids).values_list(
            "contact_id", "methodstep__key"
        ):
            counts[(*by_contact[contact_id], CountKind.STEP, key)] += 1
        for contact_id, key in Contact.toolbox_items.through.objects.filter(contact_id__in=ids).values_list(
            "contact_id", "toolboxitem__key"
        ):
            counts[(*by_contact[contact_id], CountKind.TOOLBOX, key)] += 1
        _add(counts)
        state.last_id = contacts[-1][0]
        state.updated_at = timezone.now()
        state.save(update_fields=["last_id", "updated_at"])
    return len(contacts)


def _add(counts: Counter[Key]) -> None:
    """Add to the rows that exist (under the state's lock nobody else writes them), create the rest."""
    months = {key[3] for key in counts}
    organisations = {key[0] for key in counts}
    consultants = {key[1] for key in counts}  # narrows a backlog's round to the rows it can touch
    existing = {
        (r.organisation_id, r.consultant_key, r.team_key, r.month, r.phase, r.kind, r.key): r
        for r in PracticeCount.objects.filter(
            organisation_id__in=organisations, month__in=months, consultant_key__in=consultants
        )
    }
    changed, new = [], []
    for key, amount in counts.items():
        row = existing.get(key)
        if row is not None:
            row.count += amount
            changed.append(row)
        else:
            organisation_id, consultant, team, month, phase, kind, code = key
            new.append(
                PracticeCount(
                    organisation_id=organisation_id,
                    consultant_key=consultant,
                    team_key=team,
                    month=month,
                    phase=phase,
                    kind=kind,
                    key=code,
                    count=amount,
                )
            )
    PracticeCount.objects.bulk_update(changed, ["count"], batch_size=1000)
    PracticeCount.objects.bulk_create(new, batch_size=1000)


def practice_counts_rebuild() -> int:
    """Start over: empty the summary and count every contact again (rounds until done)."""
    with transaction.atomic():
        FillState.objects.update_or_create(name=STATE, defaults={"last_id": 0, "updated_at": None})
        PracticeCount.objects.all().delete()
    total = 0
    while counted := practice_counts_fill():
        total += counted
    return total
