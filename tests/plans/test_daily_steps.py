"""The daily step: one small step a day, and a count that never punishes a missed day."""

import datetime as dt

from django.utils import timezone

from koers.plans.daily_steps import library, step_for_day, streak_of
from koers.plans.models import DailyStepDone
from koers.plans.services import daily_step_choose
from tests.portal.conftest import page_text, plan_for

TODAY = dt.date(2026, 12, 3)


def days_before(*numbers: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=n) for n in numbers]


def test_no_steps_yet_is_all_zero():
    streak = streak_of([], TODAY)

    assert (streak.days_done, streak.current, streak.longest) == (0, 0, 0)


def test_days_in_a_row_up_to_today_count_as_the_current_run():
    streak = streak_of(days_before(0, 1, 2), TODAY)

    assert (streak.days_done, streak.current, streak.longest) == (3, 3, 3)


def test_today_not_done_yet_keeps_the_run_of_yesterday():
    assert streak_of(days_before(1, 2), TODAY).current == 2


def test_a_missed_day_starts_a_new_run_but_keeps_everything_done():
    streak = streak_of(days_before(0, 2, 3, 4, 5), TODAY)

    assert (streak.days_done, streak.current, streak.longest) == (5, 1, 4)


def test_two_days_away_ends_the_current_run_but_not_the_count():
    streak = streak_of(days_before(2, 3), TODAY)

    assert (streak.days_done, streak.current, streak.longest) == (2, 0, 2)


def test_the_same_day_twice_counts_once():
    assert streak_of(days_before(0, 0, 1), TODAY).days_done == 2


def test_the_step_of_the_day_is_the_same_all_day_and_changes_the_next():
    steps = [step_for_day(TODAY, keys=[], plan_steps=[]) for _ in range(3)]

    assert steps[0] == steps[1] == steps[2]
    assert step_for_day(TODAY + dt.timedelta(days=1), keys=[], plan_steps=[]) != steps[0]


def test_the_youths_own_sub_goals_come_before_the_library():
    step = step_for_day(TODAY, keys=[], plan_steps=[("sub_goal:4", "Cv sturen")])

    assert (step["key"], step["text"]) == ("sub_goal:4", "Cv sturen")


def test_a_chosen_part_of_the_library_is_kept_to():
    chosen = [library()[0]["key"], library()[1]["key"]]

    for offset in range(5):
        assert step_for_day(TODAY + dt.timedelta(days=offset), keys=chosen, plan_steps=[])["key"] in chosen


def test_the_youth_taps_done_once_a_day(invited, consultant, youth_client):
    daily_step_choose(actor=consultant, youth=invited, active=True)
    home = page_text(youth_client.get("/mijn/"))
    assert "Stap van vandaag" in home and "Gedaan vandaag." not in home

    for _ in range(2):
        youth_client.post("/mijn/stap-van-vandaag/")

    assert DailyStepDone.objects.filter(youth=invited, day=timezone.localdate()).count() == 1
    home = page_text(youth_client.get("/mijn/"))
    assert "Gedaan vandaag." in home and "Je deed al 1 dag een stap." in home


def test_with_the_plan_chosen_the_step_of_the_day_is_the_youths_own_sub_goal(invited, consultant, youth_client):
    plan_for(invited, actor=consultant, main_goal="Werk", own_step="Drie vacatures lezen", consultant_step="Bellen")
    daily_step_choose(actor=consultant, youth=invited, active=True, from_plan=True)

    assert "Drie vacatures lezen" in page_text(youth_client.get("/mijn/"))


def test_without_a_daily_step_chosen_there_is_none(invited, youth_client):
    youth_client.post("/mijn/stap-van-vandaag/")

    assert not DailyStepDone.objects.exists()
    assert "Stap van vandaag" not in page_text(youth_client.get("/mijn/"))
