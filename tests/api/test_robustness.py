"""Bad input never gives a 500: every case answers 4xx with a message."""

import datetime as dt

import pytest

from koers.contacts.services import appointment_create
from koers.trajectories.services import milestone_record
from tests.conftest import born_years_ago

BORN = born_years_ago(23).isoformat()  # a valid birth date: these bodies are refused for something else
FIRST = {"kind": "first_conversation", "date": "2026-03-05"}


@pytest.mark.parametrize(
    "body",
    [
        {"first_name": "A\u0000", "last_name": "B", "birth_date": BORN},
        {"first_name": "A", "last_name": "B", "birth_date": "9999-12-31"},
        {"first_name": "A", "last_name": "B", "birth_date": "0001-01-01"},
        {"first_name": " ", "last_name": " ", "birth_date": BORN},
        {"first_name": "A" * 5000, "last_name": "B", "birth_date": BORN},
        {"first_name": 12, "last_name": ["B"], "birth_date": 20030101},
        [],
        None,
    ],
)
def test_bad_youth_bodies_are_refused(api, consultant, body):
    response = api(consultant).post("/youths", body)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["detail"]


def test_non_json_body_gets_a_dutch_message(api, consultant):
    response = api(consultant).post("/youths", raw="first_name=A")
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["De inhoud is geen geldige JSON."]


def test_a_huge_offset_is_refused(api, consultant):
    assert api(consultant).get("/youths", offset=10**20).status_code == 422


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("milestones", {"kind": "first_conversation", "date": "9999-12-01"}),
        ("milestones", {"kind": "first_conversation", "date": "2099-01-01"}),
        ("milestones", {"kind": "first_conversation", "date": "1999-12-31"}),
        ("contacts", {"date": "9999-12-20", "channel": "phone"}),
        ("contacts", {"date": "2026-03-05", "channel": "phone", "notes": "x\u0000"}),
        ("contacts", {"date": "2026-03-05", "channel": "phone", "interventions": ["a\u0000"]}),
        (
            "contacts",
            {
                "date": "2026-03-05",
                "channel": "phone",
                "agreements": [{"owner": "youth", "description": "x", "due_on": "9999-01-01"}],
            },
        ),
        ("appointments", {"date": "9999-12-31"}),
        ("appointments", {"date": "2026-04-01", "time": "10:30+05:00"}),
    ],
)
def test_bad_dates_and_characters_on_trajectory_endpoints(api, consultant, trajectory, path, body):
    response = api(consultant).post(f"/trajectories/{trajectory.pk}/{path}", body)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["errors"]


def test_a_future_appointment_cannot_be_marked_held_or_no_show(api, consultant, trajectory):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    appointment = appointment_create(actor=consultant, trajectory=trajectory, date=tomorrow)
    response = api(consultant).post(f"/appointments/{appointment.pk}/status", {"status": "no_show"})
    assert response.status_code == 400 and "status" in response.json()["errors"]
    assert api(consultant).post(f"/appointments/{appointment.pk}/status", {"status": "cancelled"}).status_code == 200


def test_aftercare_cannot_be_extended_after_it_ended(api, consultant, trajectory):
    client = api(consultant)
    client.post(f"/trajectories/{trajectory.pk}/milestones", FIRST)
    client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "outflow", "date": "2026-04-01", "destination": "work"}
    )
    late = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "aftercare_extension", "date": "2026-07-02"}
    )
    assert late.status_code == 400 and "nazorg was al afgelopen" in late.json()["errors"]["date"][0]
    in_time = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "aftercare_extension", "date": "2026-07-01"}
    )
    assert in_time.status_code == 201


def test_a_closed_trajectory_cannot_reopen_once_a_newer_one_exists(api, consultant, trajectory):
    client = api(consultant)
    closed_id = client.post(
        f"/trajectories/{trajectory.pk}/milestones", {"kind": "closed", "date": "2026-03-04", "reason": "moved"}
    ).json()["id"]
    early = client.post(
        f"/youths/{trajectory.youth_id}/trajectories", {"registered_on": "2026-03-03", "source": "self"}
    )
    assert early.status_code == 400 and "registered_on" in early.json()["errors"]
    assert (
        client.post(
            f"/youths/{trajectory.youth_id}/trajectories", {"registered_on": "2026-05-01", "source": "self"}
        ).status_code
        == 201
    )
    response = client.post(f"/trajectories/{trajectory.pk}/milestones/{closed_id}/withdraw", {"note": "Toch niet"})
    assert response.status_code == 400
    assert client.get(f"/trajectories/{trajectory.pk}").json()["phase"] == "closed"


def test_hand_over_moves_the_follow_up_of_a_closed_trajectory(consultant, colleague, trajectory):
    from koers.agenda.models import DueItem
    from koers.trajectories.services import youth_hand_over

    for kind, date, values in [
        ("first_conversation", dt.date(2026, 3, 5), {}),
        ("outflow", dt.date(2026, 4, 1), {"destination": "work"}),
        ("closed", dt.date(2026, 7, 1), {"reason": "completed"}),
    ]:
        milestone_record(actor=consultant, trajectory=trajectory, kind=kind, date=date, **values)
    youth_hand_over(
        actor=consultant, youth=trajectory.youth, consultant=colleague, note="Warme overdracht", youth_informed=True
    )
    follow_up = DueItem.objects.get(trajectory=trajectory, kind="aftercare_follow_up")
    assert follow_up.consultant == colleague
