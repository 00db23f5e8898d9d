"""The portal's pages run a fixed number of queries: a long conversation or a big plan makes no
page slower to load on the youth's phone."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.messaging.services import message_send
from koers.plans.models import DailyStepDone, SubGoal, SubGoalOwner, SubGoalStatus
from koers.plans.services import daily_step_choose
from tests.portal.conftest import plan_for, send_photo

PAGES = ["/mijn/", "/mijn/plan/", "/mijn/berichten/", "/mijn/berichten/lijst/"]
# Session, youth, access log, unread count and the page's own reads; with room for a small change.
MAX_QUERIES = 15


def queries_of(client, path: str) -> int:
    client.get(path)  # the first visit marks messages read; count a visit like every later one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


def grow(youth, consultant, plan, *, n: int = 30) -> None:
    """n more messages (some with a photo), n more sub-goals (half of them done, over months), and
    n days of daily steps."""
    today = timezone.localdate()
    for i in range(n):
        if i % 5 == 0:
            send_photo(youth, name=f"foto-{i}.jpg", body=f"Foto {i}")
        else:
            message_send(youth=youth, from_youth=i % 2 == 0, author=consultant, body=f"Bericht {i}")
    SubGoal.objects.bulk_create(
        SubGoal(
            organisation_id=plan.organisation_id,
            plan=plan,
            position=10 + i,
            text=f"Extra stap {i}",
            owner=SubGoalOwner.YOUTH if i % 3 else SubGoalOwner.CONSULTANT,
            due_on=today + dt.timedelta(days=i),
            status=SubGoalStatus.DONE if i % 2 else SubGoalStatus.OPEN,
            done_on=today - dt.timedelta(days=20 * i) if i % 2 else None,
        )
        for i in range(n)
    )
    DailyStepDone.objects.bulk_create(
        DailyStepDone(
            organisation_id=youth.organisation_id,
            youth=youth,
            day=today - dt.timedelta(days=i + 1),
            step_key="walk",
            text="Een blokje om",
        )
        for i in range(n)
    )


@pytest.fixture
def portal_with_a_plan(invited, consultant):
    plan = plan_for(invited, actor=consultant, main_goal="Werk", own_step="Cv", consultant_step="Bellen")
    daily_step_choose(actor=consultant, youth=invited, active=True, from_plan=True)
    message_send(youth=invited, from_youth=False, author=consultant, body="Welkom in Koers")
    return plan


@pytest.mark.parametrize("path", PAGES)
def test_a_page_runs_as_many_queries_with_thirty_more_messages_and_sub_goals(
    path, youth_client, invited, consultant, portal_with_a_plan
):
    small = queries_of(youth_client, path)

    grow(invited, consultant, portal_with_a_plan)
    large = queries_of(youth_client, path)

    assert large == small
    assert small <= MAX_QUERIES


def test_the_grown_pages_still_show_everything(youth_client, invited, consultant, portal_with_a_plan):
    grow(invited, consultant, portal_with_a_plan)

    plan = youth_client.get("/mijn/plan/").content.decode()
    conversation = youth_client.get("/mijn/berichten/").content.decode()

    assert "Extra stap 29" in plan
    assert "Bericht 29" in conversation and "foto-25.jpg" in conversation
