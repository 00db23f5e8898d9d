"""Vandaag's "Nieuw van je jongeren": unread messages from the youths in scope, and the sub-goals
they ticked off themselves this week."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.messaging.services import message_send
from koers.plans.models import SubGoalOwner
from koers.plans.services import SubGoalInput, plan_save, sub_goal_mark_done
from koers.portal.services import portal_invite
from tests.conftest import days_ago
from tests.web.conftest import youth_with_history

NEWS = "Nieuw van je jongeren"


def today_page(client) -> str:
    response = client.get(reverse("today"))
    assert response.status_code == 200
    return response.content.decode()


def messages_from(youth, n: int) -> None:
    for i in range(n):
        message_send(youth=youth, from_youth=True, body=f"Bericht {i} van {youth.first_name}")


def youth_ticks_off(trajectory, consultant, text: str, *, days_back: int = 0):
    """A plan with one sub-goal of the youth, ticked off by the youth `days_back` days ago."""
    plan = plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal="Ik leer solliciteren",
        sub_goals=[SubGoalInput(text=text, owner=SubGoalOwner.YOUTH, due_on=days_ago(-7))],
    )
    goal = plan.sub_goals.get()
    return sub_goal_mark_done(sub_goal=goal, by_youth=True, on=days_ago(days_back))


def test_unread_messages_show_with_their_count_and_a_link_to_the_file(started, consultant, as_user):
    messages_from(started.youth, 2)

    page = today_page(as_user(consultant))

    assert NEWS in page
    assert "2 ongelezen berichten" in page
    link = reverse("youth_file", args=[started.youth_id]) + "?open=messages#messages-heading"
    assert f'href="{link}">Sanne de Vries</a>' in page


def test_one_unread_message_is_said_in_the_singular(started, consultant, as_user):
    messages_from(started.youth, 1)
    assert "1 ongelezen bericht " in today_page(as_user(consultant))


def test_messages_read_in_the_file_leave_the_news(started, consultant, as_user):
    messages_from(started.youth, 2)
    client = as_user(consultant)
    client.get(reverse("youth_file", args=[started.youth_id]))
    assert "2 ongelezen berichten" in today_page(client)  # the conversation is folded: not read yet

    # The news links to the messages' heading, which opens the folded conversation (koers.js).
    client.get(reverse("youth_section", args=[started.youth_id, "messages"]))

    assert NEWS not in today_page(client)


def test_replies_of_the_consultant_are_no_news(started, consultant, as_user):
    portal_invite(actor=consultant, youth=started.youth)
    message_send(youth=started.youth, from_youth=False, author=consultant, body="Tot dinsdag")
    assert NEWS not in today_page(as_user(consultant))


def test_a_sub_goal_the_youth_ticked_off_this_week_shows(started, consultant, as_user):
    youth_ticks_off(started, consultant, "Cv naar de bakker gestuurd", days_back=2)

    page = today_page(as_user(consultant))

    assert NEWS in page
    assert "heeft een subdoel gehaald: Cv naar de bakker gestuurd" in page
    assert f'href="{reverse("youth_file", args=[started.youth_id])}?open=plan#plan-heading"' in page


@pytest.mark.parametrize(("days_back", "shown"), [(7, True), (8, False), (30, False)])
def test_only_sub_goals_of_the_last_seven_days_show(started, consultant, as_user, days_back, shown):
    youth_ticks_off(started, consultant, "Cv naar de bakker gestuurd", days_back=days_back)

    page = today_page(as_user(consultant))

    assert ("Cv naar de bakker gestuurd" in page) is shown
    assert (NEWS in page) is shown


def test_a_sub_goal_the_consultant_ticked_off_is_no_news(started, consultant, as_user):
    plan = plan_save(
        actor=consultant,
        trajectory=started,
        main_goal="Ik leer solliciteren",
        sub_goals=[SubGoalInput(text="Cv naar de bakker gestuurd", owner=SubGoalOwner.YOUTH)],
    )
    sub_goal_mark_done(sub_goal=plan.sub_goals.get(), by_youth=False, actor=consultant)

    assert NEWS not in today_page(as_user(consultant))


def test_a_consultant_sees_no_news_of_another_consultants_youths(
    started, consultant, colleague, other_team_consultant, as_user
):
    colleagues_youth, colleagues_trajectory = youth_with_history(colleague, 1)
    others_youth, others_trajectory = youth_with_history(other_team_consultant, 2)
    for youth, trajectory, owner in [
        (colleagues_youth, colleagues_trajectory, colleague),
        (others_youth, others_trajectory, other_team_consultant),
    ]:
        messages_from(youth, 3)
        youth_ticks_off(trajectory, owner, f"Stap van {youth.first_name}")

    page = today_page(as_user(consultant))

    assert NEWS not in page
    assert colleagues_youth.first_name not in page and others_youth.first_name not in page

    colleague_page = today_page(as_user(colleague))
    assert "3 ongelezen berichten" in colleague_page and f"Stap van {colleagues_youth.first_name}" in colleague_page
    assert others_youth.first_name not in colleague_page


def test_the_team_lead_sees_the_news_of_the_team(
    started, consultant, colleague, other_team_consultant, team_lead, as_user
):
    colleagues_youth, colleagues_trajectory = youth_with_history(colleague, 1)
    others_youth, _ = youth_with_history(other_team_consultant, 2)
    messages_from(started.youth, 2)
    youth_ticks_off(colleagues_trajectory, colleague, "Proefdag bij de garage")
    messages_from(others_youth, 1)

    page = today_page(as_user(team_lead))

    assert NEWS in page
    assert "Sanne de Vries" in page and "2 ongelezen berichten" in page
    assert "heeft een subdoel gehaald: Proefdag bij de garage" in page
    assert others_youth.first_name not in page  # another team


def test_the_outsider_sees_no_news_of_another_organisation(started, outsider, as_user):
    messages_from(started.youth, 2)
    assert NEWS not in today_page(as_user(outsider))


def today_queries(client) -> int:
    client.get(reverse("today"))  # may renew the session (at most once a minute)
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("today"))
    assert response.status_code == 200
    assert NEWS in response.content.decode()
    return len(context)


def test_the_news_takes_as_many_queries_for_ten_youths_as_for_one(consultant, as_user, caseload):
    client = as_user(consultant)
    (first, first_trajectory), *others = caseload(consultant, 10)
    messages_from(first, 2)
    youth_ticks_off(first_trajectory, consultant, "Stap 0")
    one = today_queries(client)

    for number, (youth, trajectory) in enumerate(others, start=1):
        messages_from(youth, 2)
        youth_ticks_off(trajectory, consultant, f"Stap {number}", days_back=number % 7)

    page = today_page(client)
    assert page.count("2 ongelezen berichten") == 10
    assert page.count("heeft een subdoel gehaald") == 10
    assert today_queries(client) == one


def test_the_news_is_logged_as_a_view_of_each_youth(started, consultant, as_user):
    from koers.audit.models import AccessLogEntry

    youth, trajectory = youth_with_history(consultant, 3)
    messages_from(youth, 1)
    AccessLogEntry.objects.all().delete()

    as_user(consultant).get(reverse("today"))

    assert AccessLogEntry.objects.filter(user=consultant, youth_id=youth.pk, subject="today").exists()


def test_the_time_of_the_latest_unread_message_is_in_local_time(started, consultant, as_user):
    messages_from(started.youth, 1)
    local = timezone.localtime(started.youth.messages.get().created_at)

    page = today_page(as_user(consultant))

    assert f"laatste op {local.day} " in page
    assert local.strftime("%H:%M") in page
