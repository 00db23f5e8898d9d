"""The canary: a marked string in every section of a youth's file, portal, referral and impact
timeline, and a marked file; after the destruction the string is in no text or JSON column of
the whole database and the file is gone from disk."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from koers.audit.models import AccessChannel
from koers.contacts.models import Channel
from koers.contacts.services.contacts import NewAgreement, contact_record
from koers.impact.services import case_1_build
from koers.insights.services.throughput import trajectory_facts_fill
from koers.intake.services.decisions import referral_take_on
from koers.messaging.models import Attachment
from koers.messaging.services.messages import message_send
from koers.messaging.uploads import clean_upload
from koers.outbox.services import mail_queue
from koers.plans.services import SubGoalInput, plan_save
from koers.portal.services import portal_invite
from koers.privacy.entries import OnDestroy
from koers.retention.services.anonymise import targets
from koers.retention.services.destruction import (
    destruction_approve,
    destruction_carry_out,
    destruction_propose,
    destruction_review,
)
from koers.trajectories.models import (
    ClosingReason,
    MilestoneKind,
    NetworkInfluence,
    NetworkRelation,
    ResearchPurpose,
    Trajectory,
    Youth,
)
from koers.trajectories.services.milestones import milestone_record
from koers.trajectories.services.network import network_member_add
from koers.trajectories.services.research import research_consent_record
from koers.work.services.youths import work_interest_save
from tests.conftest import jpeg_bytes
from tests.intake.conftest import partner_user, refer, rmc  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

MARK = "kanarie7q3z"
TEXT_TYPES = {"text", "character varying", "character", "json", "jsonb"}


def _fill_every_text_field(youth_id: int) -> int:
    """Put the mark in every text and JSON field the registry does not name as a code, in every
    row of the youth: the sections the services above did not reach get it too."""
    filled = 0
    for target in targets():
        if target.on_destroy == OnDestroy.KEEP:
            continue
        rows = target.model._default_manager.filter(**{target.youth: youth_id})
        values = {}
        for field in target.model._meta.concrete_fields:
            if field.primary_key or field.is_relation or field.name in target.kept or field.choices:
                continue
            if field.name == target.stored_file:  # where the marked file is; its name is marked
                continue
            internal = field.get_internal_type()
            if internal == "JSONField":
                values[field.name] = {"mark": MARK} if isinstance(field.get_default(), dict) else [MARK]
            elif internal in ("CharField", "TextField", "EmailField", "URLField") and not field.unique:
                value = f"{MARK}@example.org" if isinstance(field, models.EmailField) else MARK
                if field.max_length is None or field.max_length >= len(value):  # a short code field cannot hold it
                    values[field.name] = value
        if values:
            filled += rows.update(**values)
    return filled


def _columns_with_the_mark() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = ANY(%s)",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            quoted = f"{connection.ops.quote_name(table)} WHERE {connection.ops.quote_name(column)}"
            cursor.execute(f"SELECT count(*) FROM {quoted}::text ILIKE %s", [f"%{MARK}%"])  # noqa: S608 (names from the schema)
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def test_after_the_destruction_the_mark_is_nowhere(
    partner_user,  # noqa: F811
    consultant,
    admin,
    team_lead,
    django_capture_on_commit_callbacks,
):
    # The front door: a chain partner's referral, taken on.
    referral = refer(partner_user, first_name=f"Anna{MARK}", email=f"{MARK}@example.org", reason=f"reden {MARK}")
    youth = referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    trajectory = Trajectory.objects.get(youth=youth)
    # The file, through the services (so their copies, the agenda and the plan's versions, get the mark).
    network_member_add(
        actor=consultant,
        youth=youth,
        name=f"Oom {MARK}",
        relation=NetworkRelation.values[0],
        influence=NetworkInfluence.values[0],
        email=f"oom.{MARK}@example.org",
    )
    today = timezone.localdate()
    contact_record(
        actor=consultant,
        trajectory=trajectory,
        date=today,
        channel=Channel.OFFICE,
        notes=f"notitie {MARK}",
        agreements=[NewAgreement(owner="youth", description=f"afspraak {MARK}", due_on=today + dt.timedelta(days=7))],
    )
    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=f"doel {MARK}",
        sub_goals=[SubGoalInput(text=f"subdoel {MARK}", owner="youth")],
        agreements=f"afspraken {MARK}",
    )
    work_interest_save(youth=youth, places=[f"plaats {MARK}"], support_note=f"hulp {MARK}")
    # The impact timeline, with the youth's consent for it.
    research_consent_record(actor=consultant, youth=youth, given_on=today, purpose=ResearchPurpose.IMPACT)
    case_1_build(actor=consultant, youth_id=youth.pk, channel=AccessChannel.COMMAND)
    # The portal: an invitation (a mail to the marked address) and a message with a marked file.
    Youth.objects.filter(pk=youth.pk).update(email=f"{MARK}@example.org")
    youth.refresh_from_db()
    portal_invite(actor=consultant, youth=youth)
    photo = clean_upload(io.BytesIO(jpeg_bytes()), name=f"foto-{MARK}.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        message_send(youth=youth, from_youth=True, body=f"bericht {MARK}", files=[photo])
    mail_queue(to=f"{MARK}@example.org", subject="Nieuw bericht", body="Er is iets nieuws.", kind="notification")
    stored = [Path(settings.PRIVATE_MEDIA_ROOT) / path for path in Attachment.objects.values_list("path", flat=True)]
    assert stored and all(path.exists() for path in stored)
    assert _fill_every_text_field(youth.pk) > 20
    # Closed before a first conversation: 8.4.1, past its date six weeks later.
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.CLOSED, date=today, reason=ClosingReason.MOVED
    )
    trajectory_facts_fill()
    assert len(_columns_with_the_mark()) > 30  # the mark really is everywhere before

    later = today + dt.timedelta(days=60)
    proposed = destruction_propose(youth.organisation_id, today=later)
    assert proposed is not None and proposed.items.filter(youth=youth).exists()
    destruction_review(admin, proposed.pk)
    approved = destruction_approve(team_lead, proposed.pk)
    with django_capture_on_commit_callbacks(execute=True):
        destruction_carry_out(now=timezone.make_aware(dt.datetime.combine(later, dt.time(3))) + dt.timedelta(days=15))

    assert _columns_with_the_mark() == []
    assert not any(path.exists() for path in stored)
    left = [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]
    assert left == []
    # What insights counts stays: the trajectory, its contact and its phase.
    assert Trajectory.objects.filter(youth=youth).exists()
    assert approved.items.get().status == "destroyed"
