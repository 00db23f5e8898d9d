"""Moving along the flow chart from the youth file: next milestones, order errors, corrections."""

import datetime as dt
import re

from django.urls import reverse

from koers.agenda.models import DueItem
from koers.audit.models import AccessLogEntry
from koers.trajectories.models import Milestone, Phase
from tests.conftest import born_years_ago, days_ago


def post_milestone(client, trajectory, kind, **fields):
    data = {f"{kind}-{name}": value for name, value in fields.items()}
    return client.post(reverse("milestone_create", args=[trajectory.pk, kind]), data)


def test_each_next_milestone_moves_the_phase(trajectory, consultant, as_user):
    client = as_user(consultant)
    steps = [
        ("invitation", {"date": days_ago(40)}, Phase.INVITED),
        ("first_conversation", {"date": days_ago(35)}, Phase.SEARCH_PERIOD),
        ("plan_conversation", {"date": days_ago(5), "route": "school"}, Phase.FOLLOW_UP),
        ("outflow", {"date": days_ago(2), "destination": "school"}, Phase.AFTERCARE),
        ("aftercare_extension", {"date": days_ago(1)}, Phase.AFTERCARE),
        ("closed", {"date": days_ago(0), "reason": "completed"}, Phase.CLOSED),
    ]
    for kind, fields, phase in steps:
        response = post_milestone(client, trajectory, kind, **{k: str(v) for k, v in fields.items()})
        assert response.status_code == 302, response.content.decode()[:3000]
        trajectory.refresh_from_db()
        assert trajectory.phase == phase, kind
    plan = Milestone.objects.get(trajectory=trajectory, kind="plan_conversation")
    assert plan.route == "school" and plan.recorded_by == consultant
    assert AccessLogEntry.objects.filter(user=consultant, action="change").count() == len(steps)


def test_success_message_names_the_milestone(trajectory, consultant, as_user):
    response = as_user(consultant).post(
        reverse("milestone_create", args=[trajectory.pk, "first_conversation"]),
        {"first_conversation-date": str(days_ago(3))},
        follow=True,
    )
    assert "1e gesprek vastgelegd" in response.content.decode()


def test_first_conversation_puts_the_second_on_vandaag(trajectory, consultant, as_user):
    client = as_user(consultant)
    first = days_ago(20)
    post_milestone(client, trajectory, "first_conversation", date=str(first))
    rows = client.get(reverse("today")).context["page"].object_list
    second = [row for row in rows if row.kind == "second_conversation"]
    assert len(second) == 1 and second[0].due == first + dt.timedelta(days=28)
    assert second[0].youth_id == trajectory.youth_id
    body = client.get(reverse("youth_file", args=[trajectory.youth_id])).content.decode()
    assert (first + dt.timedelta(days=28)).strftime("%-d") in body


def test_impossible_order_shows_the_message(trajectory, consultant, as_user):
    response = post_milestone(as_user(consultant), trajectory, "plan_conversation", date=str(days_ago(1)), route="work")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2e gesprek (plan) kan pas na 1e gesprek." in body
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.REGISTRATION
    assert not Milestone.objects.filter(kind="plan_conversation").exists()
    # what was typed is kept
    assert re.search(r'<input type="radio" name="plan_conversation-route" value="work"[^>]*checked', body)
    # the page says at once that nothing was saved, and where to look
    assert "<title>Fout: Dossier jongere" in body
    assert 'role="alert" id="error-summary"' in body and 'href="#flow-heading"' in body


def test_date_before_registration_is_shown_at_the_date(trajectory, consultant, as_user):
    response = post_milestone(as_user(consultant), trajectory, "first_conversation", date="2026-01-01")
    assert response.status_code == 200
    form = next(f for f in response.context["milestone_forms"] if f.kind == "first_conversation")
    assert "vóór melding" in " ".join(form.errors["date"])
    assert 'aria-invalid="true"' in response.content.decode()


def test_missing_route_is_a_field_error(started, consultant, as_user):
    response = post_milestone(as_user(consultant), started, "plan_conversation", date=str(days_ago(0)))
    assert response.status_code == 200
    form = next(f for f in response.context["milestone_forms"] if f.kind == "plan_conversation")
    assert "route" in form.errors


def test_unknown_kind_is_404(trajectory, consultant, as_user):
    assert post_milestone(as_user(consultant), trajectory, "party", date=str(days_ago(0))).status_code == 404


def test_correct_the_latest_milestone_moves_the_agenda(started, consultant, as_user):
    first = started.milestones.get(kind="first_conversation")
    new_date = days_ago(10)
    response = as_user(consultant).post(
        reverse("milestone_correct", args=[started.pk, first.pk]), {"correct-date": str(new_date)}
    )
    assert response.status_code == 302
    correction = Milestone.objects.get(replaces=first)
    assert correction.date == new_date and not correction.withdrawn
    item = DueItem.objects.get(trajectory=started, kind="second_conversation")
    assert item.due == new_date + dt.timedelta(days=28)


def test_correction_keeps_the_extra_field(trajectory, consultant, as_user):
    registration = trajectory.milestones.get()
    response = as_user(consultant).post(
        reverse("milestone_correct", args=[trajectory.pk, registration.pk]),
        {"correct-date": "2026-03-03", "correct-source": "referral"},
    )
    assert response.status_code == 302
    assert Milestone.objects.get(replaces=registration).source == "referral"


def test_correction_to_an_impossible_date_shows_the_message(started, consultant, as_user):
    first = started.milestones.get(kind="first_conversation")
    response = as_user(consultant).post(
        reverse("milestone_correct", args=[started.pk, first.pk]), {"correct-date": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["correction_form"].errors
    assert response.context["correction_form"].errors["date"]


def test_withdraw_goes_back_a_phase(started, consultant, as_user):
    first = started.milestones.get(kind="first_conversation")
    response = as_user(consultant).post(
        reverse("milestone_withdraw", args=[started.pk, first.pk]), {"withdraw-note": "Verkeerde jongere"}
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.phase == Phase.REGISTRATION
    assert Milestone.objects.get(replaces=first).withdrawn
    assert not DueItem.objects.filter(trajectory=started, kind="second_conversation").exists()


def test_withdraw_needs_a_reason(started, consultant, as_user):
    first = started.milestones.get(kind="first_conversation")
    response = as_user(consultant).post(reverse("milestone_withdraw", args=[started.pk, first.pk]), {})
    assert response.status_code == 200
    assert "Schrijf kort op waarom" in response.content.decode()


def test_milestone_of_another_trajectory_is_404(started, trajectory, consultant, as_user, colleague):
    from koers.trajectories.services import trajectory_create, youth_create

    other_youth = youth_create(
        actor=colleague, consultant=colleague, first_name="A", last_name="B", birth_date=born_years_ago(22)
    )
    other = trajectory_create(actor=colleague, youth=other_youth, registered_on=days_ago(5), source="uwv")
    foreign = other.milestones.get()
    response = as_user(consultant).post(
        reverse("milestone_correct", args=[started.pk, foreign.pk]), {"correct-date": str(days_ago(4))}
    )
    assert response.status_code == 404


def test_start_a_trajectory(youth, consultant, as_user):
    response = as_user(consultant).post(
        reverse("trajectory_create", args=[youth.pk]),
        {"trajectory-registered_on": str(days_ago(1)), "trajectory-source": "municipality"},
    )
    assert response.status_code == 302
    trajectory = youth.trajectories.get()
    assert trajectory.phase == Phase.REGISTRATION
    assert trajectory.milestones.get().source == "municipality"


def test_second_open_trajectory_is_refused(trajectory, youth, consultant, as_user):
    response = as_user(consultant).post(
        reverse("trajectory_create", args=[youth.pk]),
        {"trajectory-registered_on": str(days_ago(1)), "trajectory-source": "uwv"},
    )
    assert response.status_code == 200
    assert "al een lopend traject" in response.content.decode()
    assert youth.trajectories.count() == 1
