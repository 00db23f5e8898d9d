"""The plan section of the youth file: making and changing the plan, its versions, the PDF, the
notification to the youth, and the daily step in the portal."""

import datetime as dt
import io
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from koers.notifications.models import PendingNotification
from koers.outbox.models import OutgoingMail
from koers.plans.models import DailyStepChoice, Plan, PlanRevision, SubGoal
from koers.portal.services import portal_invite
from koers.trajectories.services import milestone_record, trajectory_create, youth_create
from tests.conftest import ALLOWED, YOUTH_ACCESS, born_years_ago, days_ago

ACCESS = YOUTH_ACCESS
NO_MAIN_GOAL = "Schrijf het hoofddoel op: wat wil de jongere bereiken?"
NO_SUB_GOAL = "Zet er minstens één klein subdoel in: een stap die de jongere kan zetten."
NO_PARTNER = "Schrijf bij een subdoel van een partner op welke partner het is."
CODE_IN_MAIL = re.compile(r"Je code is: (\d{6})")
CLOSED = "Dit traject is afgesloten. Een plan maakt u in een lopend traject."


def plan_data(
    *,
    main_goal="Ik leer op tijd op mijn werk te komen",
    rows=(),
    evaluation_on=None,
    key=None,
) -> dict:
    """The plan form as the browser sends it: plan fields, the sub-goal formset, a once-key."""
    rows = list(rows)
    data = {
        "idempotency_key": key or uuid.uuid4().hex,
        "plan-main_goal": main_goal,
        "plan-route": "work",
        "plan-evaluation_on": (evaluation_on or days_ago(-90)).isoformat(),
        "plan-agreements": "We bellen elke week.",
        "subgoal-TOTAL_FORMS": str(len(rows)),
        "subgoal-INITIAL_FORMS": "0",
        "subgoal-MIN_NUM_FORMS": "0",
        "subgoal-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        row = {"owner": "youth", "status": "open", "partner_name": "", "id": "", "due_on": "", **row}
        if isinstance(row["due_on"], dt.date):
            row["due_on"] = row["due_on"].isoformat()
        data.update({f"subgoal-{i}-{name}": value for name, value in row.items()})
    return data


TWO_GOALS = [
    {"text": "Elke dag om 7 uur opstaan", "owner": "youth", "due_on": days_ago(-7)},
    {"text": "Een werkgever bellen voor een proefdag", "owner": "consultant", "due_on": days_ago(-14)},
]


def save(client, trajectory, data, **kwargs):
    return client.post(reverse("plan_save", args=[trajectory.pk]), data, **kwargs)


def file_page(client, youth) -> str:
    return client.get(reverse("youth_file", args=[youth.pk])).content.decode()


@pytest.fixture
def with_plan(started, consultant, as_user):
    response = save(as_user(consultant), started, plan_data(rows=TWO_GOALS))
    assert response.status_code == 302, response.content[:800]
    return started


# Making and changing the plan


def test_a_plan_made_in_the_form_shows_in_the_file_as_version_1(started, consultant, as_user):
    client = as_user(consultant)
    response = save(client, started, plan_data(rows=TWO_GOALS), follow=True)

    assert response.redirect_chain[-1][0].endswith("#plan-heading")
    page = response.content.decode()
    assert "Plan opgeslagen. De jongere ziet het in het portaal." in page
    assert "Ik leer op tijd op mijn werk te komen" in page
    assert "Elke dag om 7 uur opstaan" in page and "Een werkgever bellen voor een proefdag" in page
    assert "Versie 1 ·" in page
    plan = Plan.objects.get(trajectory=started)
    assert plan.version == 1 and plan.sub_goals.count() == 2


def test_the_sub_goals_are_on_the_files_agenda(with_plan, consultant, as_user):
    response = as_user(consultant).get(reverse("youth_file", args=[with_plan.youth_id]))
    entries = [e for e in response.context["due_entries"] if e.label == "Subdoel van het plan"]
    assert {e.detail for e in entries} == {"Elke dag om 7 uur opstaan", "Een werkgever bellen voor een proefdag"}
    assert "Subdoel van het plan" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (plan_data(main_goal="", rows=TWO_GOALS), NO_MAIN_GOAL),
        (plan_data(main_goal="   ", rows=TWO_GOALS), NO_MAIN_GOAL),
        (plan_data(rows=[{"text": ""}, {"text": "  "}]), NO_SUB_GOAL),
        (plan_data(rows=[]), NO_SUB_GOAL),
    ],
    ids=["no-main-goal", "blank-main-goal", "empty-sub-goals", "no-sub-goal-rows"],
)
def test_a_plan_without_goal_or_sub_goal_is_refused_and_nothing_is_saved(started, consultant, as_user, data, message):
    response = save(as_user(consultant), started, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "We bellen elke week." in page  # what was typed is shown again
    assert not Plan.objects.exists() and not SubGoal.objects.exists() and not PlanRevision.objects.exists()
    assert not PendingNotification.objects.exists()


def test_a_sub_goal_of_a_partner_needs_the_partners_name(started, consultant, as_user):
    rows = [{"text": "Schuldhulp: eerste gesprek", "owner": "partner", "partner_name": ""}]
    response = save(as_user(consultant), started, plan_data(rows=rows))

    assert response.status_code == 200
    assert NO_PARTNER in response.content.decode()
    assert not Plan.objects.exists()

    rows[0]["partner_name"] = "Schuldhulp Leeuwarden"
    assert save(as_user(consultant), started, plan_data(rows=rows)).status_code == 302
    assert SubGoal.objects.get().partner_name == "Schuldhulp Leeuwarden"


def test_a_closed_trajectory_refuses_a_plan(started, consultant, as_user):
    milestone_record(actor=consultant, trajectory=started, kind="closed", date=days_ago(0), reason="completed")

    response = save(as_user(consultant), started, plan_data(rows=TWO_GOALS))

    assert response.status_code == 200
    assert CLOSED in response.content.decode()
    assert not Plan.objects.exists()


def test_changing_a_date_makes_version_2_and_both_versions_are_listed(with_plan, consultant, as_user):
    client = as_user(consultant)
    goals = {g.text: g for g in SubGoal.objects.all()}
    rows = [
        {"id": str(goals[row["text"]].pk), **row, "due_on": row["due_on"] + dt.timedelta(days=3)} for row in TWO_GOALS
    ]
    rows[1]["due_on"] = TWO_GOALS[1]["due_on"]  # only the first sub-goal moves

    response = save(client, with_plan, plan_data(rows=rows), follow=True)

    plan = Plan.objects.get()
    assert plan.version == 2
    assert SubGoal.objects.count() == 2  # the same sub-goals, not new ones
    page = response.content.decode()
    assert "Versie 2 ·" in page
    assert "Versie 1 —" in page and "Versie 2 —" in page
    assert "Andere datum voor Elke dag om 7 uur opstaan" in page


def test_the_same_form_sent_twice_saves_one_version(started, consultant, as_user):
    client = as_user(consultant)
    data = plan_data(rows=TWO_GOALS)

    first = save(client, started, data)
    second = save(client, started, data, follow=True)

    assert first.status_code == 302
    assert "Dit formulier was al verstuurd. Het is één keer opgeslagen." in second.content.decode()
    assert PlanRevision.objects.count() == 1
    assert SubGoal.objects.count() == 2


def test_the_plan_pdf_holds_the_goal(with_plan, consultant, as_user):
    response = as_user(consultant).get(reverse("plan_pdf", args=[with_plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ik leer op tijd op mijn werk te komen" in " ".join(text.split())


def test_the_plan_pdf_without_a_plan_is_not_found(started, consultant, as_user):
    assert as_user(consultant).get(reverse("plan_pdf", args=[started.pk])).status_code == 404


# The youth hears that the plan changed


def test_the_youth_with_an_e_mail_is_told_the_plan_changed_without_its_content(with_plan):
    notice = PendingNotification.objects.get(youth=with_plan.youth)
    assert notice.kind == "plan_changed" and notice.sent_at is None

    from koers.messaging.services import notification_mail

    subject, body = notification_mail("plan_changed")
    assert "Ik leer" not in subject + body and "Elke dag" not in subject + body


def test_a_youth_without_an_e_mail_gets_no_notification(consultant, as_user):
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Mo",
        last_name="Zonder Mail",
        birth_date=born_years_ago(22, month=2, day=2),
    )
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(30), source="uwv")

    assert save(as_user(consultant), trajectory, plan_data(rows=TWO_GOALS)).status_code == 302

    assert Plan.objects.filter(trajectory=trajectory).exists()
    assert not PendingNotification.objects.exists()


# The daily step in the portal


def portal_signed_in(youth, consultant) -> Client:
    """Invite the youth and sign in with the code from the mail, as the youth does."""
    portal_invite(actor=consultant, youth=youth)
    invitation = OutgoingMail.objects.filter(to=youth.email).latest("created_at", "id")
    code = CODE_IN_MAIL.search(invitation.body).group(1)
    client = Client()
    response = client.post(reverse("portal_sign_in_code"), {"email": youth.email, "code": code})
    assert response.status_code == 302, response
    return client


def test_the_daily_step_turned_on_shows_in_the_portal_and_off_hides_it(started, consultant, as_user):
    youth = started.youth
    portal = portal_signed_in(youth, consultant)
    assert "Stap van vandaag" not in portal.get("/mijn/").content.decode()

    response = as_user(consultant).post(
        reverse("daily_step", args=[youth.pk]), {"daily-active": "on", "daily-source": "library"}, follow=True
    )
    assert "Dagelijkse stap bewaard." in response.content.decode()
    assert DailyStepChoice.objects.get(youth=youth).active
    assert "Stap van vandaag" in portal.get("/mijn/").content.decode()

    as_user(consultant).post(reverse("daily_step", args=[youth.pk]), {"daily-source": "library"})
    assert not DailyStepChoice.objects.get(youth=youth).active
    assert "Stap van vandaag" not in portal.get("/mijn/").content.decode()


# Who may do what


def _requests(trajectory):
    youth = trajectory.youth_id
    return {
        "plan_save": ("post", reverse("plan_save", args=[trajectory.pk]), plan_data(rows=TWO_GOALS)),
        "plan_pdf": ("get", reverse("plan_pdf", args=[trajectory.pk]), {}),
        "daily_step": ("post", reverse("daily_step", args=[youth]), {"daily-active": "on"}),
    }


@pytest.mark.parametrize("persona", list(ACCESS))
@pytest.mark.parametrize("endpoint", ["plan_save", "plan_pdf", "daily_step"])
def test_plan_endpoints_per_persona(with_plan, personas, as_user, persona, endpoint):
    method, url, data = _requests(with_plan)[endpoint]
    before = (PlanRevision.objects.count(), DailyStepChoice.objects.count())

    response = getattr(as_user(personas[persona]), method)(url, data)

    if ACCESS[persona] == ALLOWED:
        assert response.status_code in (200, 302)
        if endpoint == "plan_pdf":
            assert response["Content-Type"] == "application/pdf"
        if endpoint == "daily_step":
            assert DailyStepChoice.objects.get().chosen_by == personas[persona]
    else:
        assert response.status_code == ACCESS[persona]
        assert (PlanRevision.objects.count(), DailyStepChoice.objects.count()) == before


@pytest.mark.parametrize("endpoint", ["plan_save", "plan_pdf", "daily_step"])
def test_plan_endpoints_send_anonymous_to_login(with_plan, client, endpoint):
    method, url, data = _requests(with_plan)[endpoint]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
