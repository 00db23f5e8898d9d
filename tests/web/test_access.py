"""Every page and every write, for every persona: allowed, forbidden (403) or not found (404).

consultant owns the youth, colleague is in the same team, team_lead sees the organisation,
other_team_consultant works in another team (404), admin is a functional administrator (403),
outsider works for another organisation (404).
"""

import pytest
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.contacts.services import NewAgreement, appointment_create, contact_record
from tests.conftest import ALLOWED, FORBIDDEN, YOUTH_ACCESS, days_ago  # persona -> outcome on the consultant's youth


@pytest.fixture
def world(started, consultant, colleague, other_team_consultant, team_lead, admin, outsider):
    """The youth with a trajectory in search period, an appointment, a contact with an agreement."""
    appointment = appointment_create(actor=consultant, trajectory=started, date=days_ago(1))
    contact = contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(2),
        channel="phone",
        agreements=[NewAgreement(owner="youth", description="Cv sturen", due_on=days_ago(-3))],
    )
    return {
        "trajectory": started,
        "youth": started.youth,
        "appointment": appointment,
        "agreement": contact.agreements.get(),
        "milestone": started.milestones.get(kind="first_conversation"),
        "users": {
            "consultant": consultant,
            "colleague": colleague,
            "other_team_consultant": other_team_consultant,
            "team_lead": team_lead,
            "admin": admin,
            "outsider": outsider,
        },
    }


def _endpoints(w):
    youth, trajectory = w["youth"].pk, w["trajectory"].pk
    today = days_ago(0).isoformat()
    return {
        "youth_file": ("get", reverse("youth_file", args=[youth]), {}),
        "youth_history": ("get", reverse("youth_history", args=[youth]), {"eerder": f"{today}.999999999"}),
        "youth_form": ("get", reverse("youth_form", args=[youth, "appointment"]), {}),
        "contact_create": (
            "post",
            reverse("contact_create", args=[youth]),
            {
                "contact-date": today,
                "contact-channel": "phone",
                "contact-purpose": "status_check",
                "contact-participants": ["youth"],
                "agreements-TOTAL_FORMS": "3",
                "agreements-INITIAL_FORMS": "0",
            },
        ),
        "trajectory_create": (
            "post",
            reverse("trajectory_create", args=[youth]),
            {
                "trajectory-registered_on": today,
                "trajectory-source": "uwv",
            },
        ),
        "milestone_create": (
            "post",
            reverse("milestone_create", args=[trajectory, "plan_conversation"]),
            {
                "plan_conversation-date": today,
                "plan_conversation-route": "work",
            },
        ),
        "milestone_correct": (
            "post",
            reverse("milestone_correct", args=[trajectory, w["milestone"].pk]),
            {
                "correct-date": days_ago(19).isoformat(),
            },
        ),
        "milestone_withdraw": (
            "post",
            reverse("milestone_withdraw", args=[trajectory, w["milestone"].pk]),
            {
                "withdraw-note": "Vergissing",
            },
        ),
        "appointment_create": (
            "post",
            reverse("appointment_create", args=[trajectory]),
            {
                "appointment-date": days_ago(-7).isoformat(),
                "appointment-channel": "office",
            },
        ),
        "appointment_status": (
            "post",
            reverse("appointment_status", args=[trajectory, w["appointment"].pk]),
            {
                "status": "held",
            },
        ),
        "agreement_done": ("post", reverse("agreement_done", args=[trajectory, w["agreement"].pk]), {}),
    }


READS = ["youth_file", "youth_history", "youth_form"]
ENDPOINTS = [
    *READS,
    "contact_create",
    "trajectory_create",
    "milestone_create",
    "milestone_correct",
    "milestone_withdraw",
    "appointment_create",
    "appointment_status",
    "agreement_done",
]


@pytest.mark.parametrize("persona", list(YOUTH_ACCESS))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_youth_endpoints_per_persona(world, as_user, persona, endpoint):
    method, url, data = _endpoints(world)[endpoint]
    user = world["users"][persona]
    response = getattr(as_user(user), method)(url, data)
    expected = YOUTH_ACCESS[persona]
    if expected == ALLOWED:
        # a page (200), a redirect after a write (302), or the file again with a message (200)
        assert response.status_code in (200, 302), response.content[:500]
        action = "view" if method == "get" else "change"
        assert AccessLogEntry.objects.filter(user=user, youth_id=world["youth"].pk, action=action).exists()
    else:
        assert response.status_code == expected
        assert not AccessLogEntry.objects.filter(user=user).exists()


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e not in READS])
def test_writes_refuse_get(world, as_user, endpoint):
    _method, url, _data = _endpoints(world)[endpoint]
    assert as_user(world["users"]["consultant"]).get(url).status_code == 405


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_is_sent_to_login(world, client, endpoint):
    method, url, data = _endpoints(world)[endpoint]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_writes_need_csrf_token(world):
    from django.test import Client

    from tests.conftest import signed_in_client

    client = signed_in_client(world["users"]["consultant"])
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    method, url, data = _endpoints(world)["appointment_create"]
    response = strict.post(url, data)
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


HAND_OVER_ACCESS = {**YOUTH_ACCESS, "colleague": FORBIDDEN}


@pytest.mark.parametrize("persona", list(HAND_OVER_ACCESS))
def test_hand_over_per_persona(world, as_user, persona, colleague):
    user = world["users"][persona]
    url = reverse("hand_over", args=[world["youth"].pk])
    response = as_user(user).post(
        url, {"handover-consultant": colleague.pk, "handover-note": "Warm", "handover-youth_informed": "on"}
    )
    expected = HAND_OVER_ACCESS[persona]
    world["youth"].refresh_from_db()
    if expected == ALLOWED:
        assert response.status_code == 302
        assert world["youth"].consultant_id == colleague.pk
        assert AccessLogEntry.objects.filter(user=user, youth_id=world["youth"].pk, action="change").exists()
    else:
        assert response.status_code == expected
        assert world["youth"].consultant_id == world["users"]["consultant"].pk


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("consultant", 200),
        ("team_lead", 200),
        ("colleague", 200),
        ("other_team_consultant", 200),
        ("admin", 403),
        ("outsider", 200),
    ],
)
def test_today_per_persona(world, as_user, persona, status):
    response = as_user(world["users"][persona]).get(reverse("today"))
    assert response.status_code == status
    if status == 403:
        assert "geen toegang" in response.content.decode()


@pytest.mark.parametrize("persona", ["colleague", "other_team_consultant", "outsider"])
def test_today_shows_only_own_work(world, as_user, persona):
    """A consultant sees their own items; someone from another org never sees ours."""
    body = as_user(world["users"][persona]).get(reverse("today"), {"period": "all"}).content.decode()
    assert "Sanne" not in body


def test_outsider_cannot_pick_our_consultant(world, as_user):
    consultant = world["users"]["consultant"]
    response = as_user(world["users"]["outsider"]).get(reverse("today"), {"consultant": consultant.pk, "period": "all"})
    assert response.status_code == 200
    assert "Sanne" not in response.content.decode()
    response = as_user(world["users"]["outsider"]).get(
        reverse("today"), {"consultant": consultant.pk, "period": "all", "view": "caseload"}
    )
    assert "Sanne" not in response.content.decode()
