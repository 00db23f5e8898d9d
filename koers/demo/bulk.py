"""Save many stories at once: a fixed number of bulk inserts per batch, no per-object services.

The services (koers.trajectories.services, koers.contacts.services) run several queries per
object and refresh the agenda after each write; for 100,000 youths that is far too slow. Here the
rows are inserted in bulk, parents first (bulk_create sets the new primary keys on the objects,
which fills in the children's foreign keys), and the stored agenda is computed from the same
in-memory rows with the agenda's own rules.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from koers.accounts.models import User
from koers.agenda.facts import assemble
from koers.agenda.models import DueItem
from koers.agenda.services import due_item_rows, open_now
from koers.contacts.models import (
    Agreement,
    Appointment,
    AppointmentStatusChange,
    Contact,
    ContactParticipant,
    Intervention,
)
from koers.demo.histories import Story
from koers.lib import due_rules
from koers.trajectories.models import (
    Barrier,
    ConsultantAssignment,
    Milestone,
    MilestoneKind,
    ResearchConsent,
    Trajectory,
    Youth,
)

K = MilestoneKind
INSERT_BATCH = 1000  # rows per INSERT statement (SQLite caps this lower by itself)


@contextmanager
def without_sql_log() -> Iterator[None]:
    """No SQL log while inserting in bulk.

    With DEBUG on (as in the demo), Django keeps the text of every statement and quotes all its
    parameters for that log: costly for inserts of a thousand rows at a time. The demo command is
    a process of its own, so switching DEBUG off for its duration touches nothing else.
    """
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def check_backend() -> None:
    """The children need the parents' new keys, which only bulk inserts with RETURNING give."""
    if not connection.features.can_return_rows_from_bulk_insert:
        raise RuntimeError("De database geeft bij bulk-invoer geen sleutels terug (SQLite 3.35 of nieuwer nodig).")


def save_stories(stories: Sequence[Story], element_ids: dict[str, int]) -> int:
    """Insert the stories in one transaction; returns the number of due items stored."""
    with transaction.atomic():
        _insert(Youth, [s.youth for s in stories])
        barriers = [b for s in stories for b in s.barriers]
        for barrier in barriers:
            barrier.youth_id = barrier.youth.pk
        _insert(Barrier, barriers)
        consents = [c for s in stories for c in s.research_consents]
        for consent in consents:
            consent.youth_id = consent.youth.pk
        _insert(ResearchConsent, consents)
        stories = [t for s in stories for t in s.all_trajectories()]
        _insert(Trajectory, [s.trajectory for s in stories])
        _insert(ConsultantAssignment, [a for s in stories for a in s.assignments])
        _insert(Milestone, [m for s in stories for m in s.milestones])
        contacts = [c for s in stories for c in s.contacts]
        _insert(Contact, contacts)
        _insert_interventions(contacts, element_ids)
        _insert_rows(
            ContactParticipant,
            ("organisation_id", "contact_id", "kind"),
            [(c.organisation_id, c.pk, kind) for c in contacts for kind in c.demo_participants],
        )
        _insert_rows(
            Contact.steps.through,
            ("contact_id", "methodstep_id"),
            [(contact.pk, step) for contact in contacts for step in contact.demo_steps],
        )
        _insert(Agreement, [a for s in stories for a in s.agreements])
        appointments = [a for s in stories for a in s.appointments]
        _insert(Appointment, appointments)
        _insert(
            AppointmentStatusChange,
            [
                AppointmentStatusChange(appointment_id=a.pk, status=status, changed_by_id=a.created_by_id)
                for a in appointments
                for status in dict.fromkeys(("planned", a.status))
            ],
        )
        items = [row for s in stories for row in due_item_rows(s.trajectory, open_now(facts_of(s)), about_of(s))]
        _insert(DueItem, items)
    return len(items)


def _insert(model, rows: list) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model, rows)
    else:
        model.objects.bulk_create(rows, batch_size=INSERT_BATCH)


def _copy(model, rows: list) -> None:
    """PostgreSQL: take ids from the table's sequence, then COPY the rows in (much faster than
    multi-row INSERTs, most of whose time goes into building the SQL). Sets the ids on the objects,
    as bulk_create does, so children can point at their parents."""
    from psycopg.types.json import Jsonb

    meta = model._meta
    quote = connection.ops.quote_name
    fields = list(meta.concrete_fields)
    now = timezone.now()
    # Plain values go in as they are; only these need converting.
    convert = {
        f.attname: (lambda value: Jsonb(value)) if isinstance(f, models.JSONField) else (lambda value: now)
        for f in fields
        if isinstance(f, models.JSONField) or getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    }
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        for row, (new_id,) in zip(rows, cursor.fetchall(), strict=True):
            row._prepare_related_fields_for_save(operation_name="bulk_create")  # parent ids onto the row
            row.pk = new_id
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for row in rows:
                values = row.__dict__
                copy.write_row([convert[n](values[n]) if n in convert else values[n] for n in names])
    for row in rows:
        row._state.adding = False
        row._state.db = connection.alias


def _insert_interventions(contacts: list, element_ids: dict[str, int]) -> None:
    """Intervention rows, without model instances (~20 µs each): this table holds about five times
    as many rows as there are contacts. The team is the consultant's (demo consultants stay)."""
    teams = dict(User.objects.filter(pk__in={c.consultant_id for c in contacts}).values_list("pk", "team_id"))
    _insert_rows(
        Intervention,
        ("organisation_id", "contact_id", "element_id", "source", "date", "youth_id", "trajectory_id")
        + ("consultant_id", "team_id", "phase"),
        [
            (
                c.organisation_id,
                c.pk,
                element_ids[code],
                "coded",
                c.date,
                c.trajectory.youth_id,
                c.trajectory.pk,
                c.consultant_id,
                teams.get(c.consultant_id),
                c.phase,
            )
            for c in contacts
            for code in c.demo_codes
        ],
    )


def _insert_rows(model, attnames: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows of a table (no model instances): COPY on PostgreSQL, multi-row INSERTs on SQLite."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)  # only names from the model's own metadata go into the text
    columns = ", ".join(quote(meta.get_field(name.removesuffix("_id")).column) for name in attnames)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for row in rows:
                    copy.write_row(row)
            return
        head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        per_statement = max(1, 900 // len(attnames))  # below SQLite's old limit of 999 parameters
        placeholder = "(" + ", ".join(["%s"] * len(attnames)) + ")"
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(head + ", ".join([placeholder] * len(chunk)), [value for row in chunk for value in row])


def about_of(story: Story) -> dict:
    """What the story's items may be about (see koers.agenda.services.due_item_rows)."""
    return {
        **{f"agreement:{a.pk}": (a.description, None) for a in story.agreements},
        **{f"appointment:{a.pk}": ("", a.date) for a in story.appointments},
    }


def facts_of(story: Story) -> due_rules.TrajectoryFacts:
    """The agenda facts of a saved story, the same as koers.agenda.facts.facts_for would read."""
    return assemble(
        milestones=story.milestones,
        youth=story.youth,
        fallback_registered_on=None,
        contacts=(
            due_rules.ContactFact(date=c.date, channel=c.channel, purpose=c.purpose, consultant_id=c.consultant_id)
            for c in story.contacts
        ),
        appointments=(due_rules.AppointmentFact(id=a.pk, date=a.date, status=a.status) for a in story.appointments),
        agreements=(
            due_rules.AgreementFact(
                id=a.pk, due_on=a.due_on, done_on=a.done_on, owner=a.owner, created_on=a.contact.date
            )
            for a in story.agreements
        ),
        handovers=(
            due_rules.HandoverFact(date=a.starts_on, to_consultant_id=a.consultant_id)
            for a in story.assignments
            if a.previous_consultant_id is not None
        ),
    )
