"""Two people (or a double click, or a retried API call) doing the same thing at once have the effect of one.

These run on PostgreSQL with 20 threads that start together, each with its own connection, and
are repeated a few rounds so that a lucky ordering cannot hide a race.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from koers.accounts.models import Role
from koers.accounts.services import api_token_create
from koers.agenda.models import DueItem
from koers.contacts.models import Contact
from koers.trajectories.models import ConsultantAssignment, Youth
from koers.trajectories.services import DuplicateYouth, trajectory_create, youth_create, youth_hand_over
from tests.concurrency import at_once
from tests.conftest import born_years_ago, make_user, signed_in_client

THREADS = 20
ROUNDS = 3

pytestmark = pytest.mark.django_db(transaction=True)


def _new_youth(consultant, number: int) -> Youth:
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=f"Race{number}",
        last_name="Jongere",
        birth_date=born_years_ago(22, day=1 + number),
    )
    trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 3, 2), source="uwv")
    return youth


NOT_YOURS = "Alleen de eigen consulent of een teamleider kan een jongere overdragen."


def _already_theirs(error: ValidationError) -> bool:
    """A team lead's lost hand-over race: the youth went to that very consultant just before."""
    return error.message_dict == {"consultant": ["Deze consulent begeleidt de jongere al."]}


def test_simultaneous_hand_overs_to_one_colleague_hand_over_once(consultant, colleague):
    for number in range(ROUNDS):
        youth = _new_youth(consultant, number)
        results = at_once(
            THREADS,
            lambda _i, youth=youth: youth_hand_over(
                actor=consultant, youth=youth, consultant=colleague, note="Warme overdracht", youth_informed=True
            ),
        )
        assert sum(isinstance(r, ConsultantAssignment) for r in results) == 1
        assert all(isinstance(r, ConsultantAssignment | ValidationError) for r in results), results
        # The losers see the winner's hand-over: the actor is no longer the youth's consultant.
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert all(r.message_dict == {"consultant": [NOT_YOURS]} for r in refused), refused
        assert ConsultantAssignment.objects.filter(youth=youth, previous_consultant__isnull=False).count() == 1
        assert DueItem.objects.filter(youth=youth, kind="handover_introduction").count() == 1
        youth.refresh_from_db()
        assert youth.consultant == colleague


def test_alternating_hand_overs_keep_the_chain_of_consultants(consultant, colleague, team_lead):
    third = make_user("derde", consultant.organisation, Role.CONSULTANT, consultant.team)
    targets = [colleague, third]
    for number in range(ROUNDS):
        youth = _new_youth(consultant, number)
        results = at_once(
            THREADS,
            lambda i, youth=youth: youth_hand_over(
                actor=team_lead, youth=youth, consultant=targets[i % 2], note="Warme overdracht", youth_informed=True
            ),
        )
        # Each call either handed over or was refused because the youth had just gone to that very
        # consultant; nothing else (a deadlock, a lost update) is an acceptable outcome.
        handed_over = [r for r in results if isinstance(r, ConsultantAssignment)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(handed_over) + len(refused) == THREADS, results
        assert all(_already_theirs(r) for r in refused), refused
        # Whoever went first, the other target's calls find the youth with someone else: both
        # colleagues got the youth at least once, so at least two hand-overs really happened.
        assert {a.consultant_id for a in handed_over} == {colleague.pk, third.pk}, results
        chain = list(ConsultantAssignment.objects.filter(youth=youth).order_by("id"))
        assert (chain[0].consultant_id, chain[0].previous_consultant_id) == (consultant.pk, None)  # the registration
        assert [a.pk for a in chain[1:]] == sorted(a.pk for a in handed_over)  # one link per hand-over, no more
        for earlier, later in zip(chain, chain[1:], strict=False):
            assert later.previous_consultant_id == earlier.consultant_id
            assert later.consultant_id != earlier.consultant_id
        youth.refresh_from_db()
        assert youth.consultant_id == chain[-1].consultant_id


def test_simultaneous_registrations_of_the_same_youth_create_one(consultant):
    for number in range(ROUNDS):
        fields = {
            "first_name": f"Dubbel{number}",
            "last_name": "de Jong",
            "birth_date": born_years_ago(23, month=5, day=1 + number),
        }
        results = at_once(
            THREADS, lambda _i, fields=fields: youth_create(actor=consultant, consultant=consultant, **fields)
        )
        assert sum(isinstance(r, Youth) for r in results) == 1
        assert sum(isinstance(r, DuplicateYouth) for r in results) == THREADS - 1
        assert Youth.objects.filter(first_name=fields["first_name"]).count() == 1


def test_simultaneous_api_registrations_create_one_and_answer_409(consultant):
    token = api_token_create(user=consultant)
    body = json.dumps(
        {"first_name": "Api", "last_name": "Dubbel", "birth_date": str(born_years_ago(23, month=7, day=7))}
    )
    responses = at_once(
        THREADS,
        lambda _i: Client().post(
            "/api/v1/youths", body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
        ),
    )
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and codes.count(409) == THREADS - 1, codes
    created = Youth.objects.get(first_name="Api")
    assert {r.json()["existing_id"] for r in responses if r.status_code == 409} == {created.pk}


def test_the_same_contact_form_posted_twenty_times_saves_one_contact(consultant):
    youth = _new_youth(consultant, 0)
    clients = [signed_in_client(consultant) for _ in range(THREADS)]
    form = {
        "idempotency_key": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "contact-date": "2026-03-10",
        "contact-channel": "office",
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
    }
    responses = at_once(THREADS, lambda i: clients[i].post(f"/jongeren/{youth.pk}/contact/", form))
    assert [r.status_code for r in responses] == [302] * THREADS
    assert Contact.objects.filter(trajectory__youth=youth).count() == 1


def test_a_retried_api_contact_with_the_same_key_saves_one(consultant):
    youth = _new_youth(consultant, 0)
    trajectory = youth.trajectories.get()
    token = api_token_create(user=consultant)
    body = json.dumps({"date": "2026-03-10", "channel": "phone"})
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "retry-0001-abcdef"}
    responses = at_once(
        THREADS,
        lambda _i: Client().post(
            f"/api/v1/trajectories/{trajectory.pk}/contacts", body, content_type="application/json", headers=headers
        ),
    )
    assert [r.status_code for r in responses] == [201] * THREADS
    assert len({r.json()["id"] for r in responses}) == 1
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
