"""Plan versions: every real change is a version with who and when; the youth sees what changed."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from koers.messaging.models import Message, MessageKind
from koers.plans.daily_steps import celebrations
from koers.plans.models import PlanRevision, SubGoal, SubGoalOwner, SubGoalStatus
from koers.plans.selectors import changes_between
from koers.plans.services import SubGoalInput, plan_save, sub_goal_mark_done
from tests.portal.conftest import page_text

MAIN_GOAL = "Een baan in de zorg"


def in_two_weeks() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=14)


def goals(*pairs, ids=None):
    ids = ids or [None] * len(pairs)
    return [
        SubGoalInput(text=text, owner=owner, due_on=due, id=pk)
        for (text, owner, due), pk in zip(pairs, ids, strict=True)
    ]


@pytest.fixture
def first_version(trajectory, consultant):
    return plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=MAIN_GOAL,
        sub_goals=goals(
            ("Cv maken", SubGoalOwner.YOUTH, in_two_weeks()),
            ("Vacatures zoeken met de jongere", SubGoalOwner.CONSULTANT, in_two_weeks()),
        ),
    )


def same_goals(plan, **changes):
    """The plan's sub-goals as the form sends them back, with `changes` by text."""
    rows = list(plan.sub_goals.exclude(status=SubGoalStatus.STOPPED))
    return [
        SubGoalInput(text=g.text, owner=g.owner, due_on=changes.get(g.text, g.due_on), status=g.status, id=g.pk)
        for g in rows
    ]


def test_a_new_plan_is_version_1(first_version, consultant):
    revision = PlanRevision.objects.get(plan=first_version)

    assert first_version.version == 1 and revision.number == 1
    assert revision.changed_by == consultant and not revision.changed_by_youth
    assert revision.snapshot["main_goal"] == MAIN_GOAL
    assert [g["text"] for g in revision.snapshot["sub_goals"]] == ["Cv maken", "Vacatures zoeken met de jongere"]


def test_saving_the_same_plan_again_adds_no_version(first_version, trajectory, consultant):
    plan_save(actor=consultant, trajectory=trajectory, main_goal=MAIN_GOAL, sub_goals=same_goals(first_version))

    first_version.refresh_from_db()
    assert first_version.version == 1
    assert PlanRevision.objects.filter(plan=first_version).count() == 1


def test_another_date_for_a_sub_goal_is_version_2_and_says_so_in_dutch(first_version, trajectory, consultant):
    new_date = timezone.localdate() + dt.timedelta(days=30)

    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=MAIN_GOAL,
        sub_goals=same_goals(first_version, **{"Cv maken": new_date}),
    )

    one, two = PlanRevision.objects.filter(plan=first_version).order_by("number")
    assert two.number == 2
    assert changes_between(one.snapshot, two.snapshot) == [
        f"Andere datum voor Cv maken: {new_date.day}-{new_date.month}-{new_date.year}"
    ]


def test_a_new_main_goal_and_a_new_sub_goal_are_listed(first_version, trajectory, consultant):
    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal="Een opleiding tot verpleegkundige",
        sub_goals=[*same_goals(first_version), SubGoalInput(text="Open dag bezoeken", owner=SubGoalOwner.YOUTH)],
    )

    one, two = PlanRevision.objects.filter(plan=first_version).order_by("number")
    changes = changes_between(one.snapshot, two.snapshot)
    assert "Nieuw hoofddoel: Een opleiding tot verpleegkundige" in changes
    assert "Nieuw subdoel: Open dag bezoeken" in changes


def test_a_sub_goal_left_out_is_stopped_but_stays_in_the_first_version(first_version, trajectory, consultant):
    kept = [g for g in same_goals(first_version) if g.text != "Vacatures zoeken met de jongere"]

    plan_save(actor=consultant, trajectory=trajectory, main_goal=MAIN_GOAL, sub_goals=kept)

    left_out = SubGoal.objects.get(text="Vacatures zoeken met de jongere")
    assert left_out.status == SubGoalStatus.STOPPED
    one, two = PlanRevision.objects.filter(plan=first_version).order_by("number")
    assert "Vacatures zoeken met de jongere" in [g["text"] for g in one.snapshot["sub_goals"]]
    assert "Vacatures zoeken met de jongere" not in [g["text"] for g in two.snapshot["sub_goals"]]
    assert changes_between(one.snapshot, two.snapshot) == ["Subdoel eruit: Vacatures zoeken met de jongere"]


def test_a_stopped_sub_goal_is_not_on_the_youths_plan_page(first_version, trajectory, consultant, youth_client):
    kept = [g for g in same_goals(first_version) if g.text != "Vacatures zoeken met de jongere"]
    plan_save(actor=consultant, trajectory=trajectory, main_goal=MAIN_GOAL, sub_goals=kept)

    page = page_text(youth_client.get("/mijn/plan/"))

    assert "Cv maken" in page
    assert "Subdoel eruit: Vacatures zoeken met de jongere" in page
    assert page.count("Vacatures zoeken met de jongere") == 1  # only in "what is new"


def test_a_plan_without_main_goal_or_sub_goals_is_refused_with_what_to_do(trajectory, consultant):
    with pytest.raises(ValidationError, match="Schrijf het hoofddoel op") as refused:
        plan_save(actor=consultant, trajectory=trajectory, main_goal=" ", sub_goals=[])

    assert refused.value.message_dict["main_goal"] == ["Schrijf het hoofddoel op: wat wil de jongere bereiken?"]
    assert refused.value.message_dict["sub_goals"] == [
        "Zet er minstens één klein subdoel in: een stap die de jongere kan zetten."
    ]


# The youth ticks a sub-goal off in the portal


def own_goal(plan) -> SubGoal:
    return plan.sub_goals.get(owner=SubGoalOwner.YOUTH)


def consultant_goal(plan) -> SubGoal:
    return plan.sub_goals.get(owner=SubGoalOwner.CONSULTANT)


def test_the_youth_ticks_off_their_own_sub_goal(first_version, youth_client, invited):
    goal = own_goal(first_version)

    response = youth_client.post(f"/mijn/plan/subdoelen/{goal.pk}/gedaan/", {"note": "Was best lastig"}, follow=True)

    goal.refresh_from_db()
    assert goal.status == SubGoalStatus.DONE and goal.done_by_youth and goal.done_on == timezone.localdate()
    assert goal.youth_note == "Was best lastig"
    newest = PlanRevision.objects.filter(plan=first_version).order_by("-number").first()
    assert newest.number == 2 and newest.changed_by_youth and newest.changed_by is None
    page = page_text(response)
    assert any(text in page for text in celebrations())
    message = Message.objects.get(youth=invited, kind=MessageKind.SUB_GOAL_DONE)
    assert message.from_youth and "Gedaan: Cv maken" in message.body and "Was best lastig" in message.body


def test_ticking_twice_gives_one_version_and_one_message(first_version, youth_client, invited):
    goal = own_goal(first_version)

    for _ in range(2):
        youth_client.post(f"/mijn/plan/subdoelen/{goal.pk}/gedaan/")

    assert PlanRevision.objects.filter(plan=first_version).count() == 2
    assert Message.objects.filter(youth=invited, kind=MessageKind.SUB_GOAL_DONE).count() == 1


def test_the_youth_cannot_tick_off_the_consultants_sub_goal(first_version, youth_client, invited):
    goal = consultant_goal(first_version)

    response = youth_client.post(f"/mijn/plan/subdoelen/{goal.pk}/gedaan/", follow=True)

    goal.refresh_from_db()
    assert goal.status == SubGoalStatus.OPEN
    assert "Je kunt alleen je eigen subdoelen afvinken." in page_text(response)
    assert PlanRevision.objects.filter(plan=first_version).count() == 1
    assert not Message.objects.filter(youth=invited, kind=MessageKind.SUB_GOAL_DONE).exists()


def test_the_service_refuses_a_youth_tick_on_someone_elses_sub_goal(first_version):
    with pytest.raises(ValidationError, match="Je kunt alleen je eigen subdoelen afvinken"):
        sub_goal_mark_done(sub_goal=consultant_goal(first_version), by_youth=True)


def test_the_consultants_sub_goal_has_no_tick_button_for_the_youth(first_version, youth_client):
    page = page_text(youth_client.get("/mijn/plan/"))

    assert f"/mijn/plan/subdoelen/{own_goal(first_version).pk}/gedaan/" in page
    assert f"/mijn/plan/subdoelen/{consultant_goal(first_version).pk}/gedaan/" not in page


def test_the_plan_page_shows_what_is_new_only_after_a_change(first_version, trajectory, consultant, youth_client):
    assert "Wat is er nieuw" not in page_text(youth_client.get("/mijn/plan/"))
    new_date = timezone.localdate() + dt.timedelta(days=30)

    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=MAIN_GOAL,
        sub_goals=same_goals(first_version, **{"Cv maken": new_date}),
    )

    page = page_text(youth_client.get("/mijn/plan/"))
    assert "Wat is er nieuw (versie 2)" in page
    assert f"Andere datum voor Cv maken: {new_date.day}-{new_date.month}-{new_date.year}" in page
    assert "door je consulent" in page


def test_after_the_youth_ticked_it_off_the_plan_page_says_by_you(first_version, youth_client):
    youth_client.post(f"/mijn/plan/subdoelen/{own_goal(first_version).pk}/gedaan/")

    page = page_text(youth_client.get("/mijn/plan/"))

    assert "Gedaan: Cv maken" in page and "door jou" in page


def test_the_youths_note_is_kept_without_a_new_version(first_version, youth_client):
    goal = own_goal(first_version)

    response = youth_client.post(f"/mijn/plan/subdoelen/{goal.pk}/notitie/", {"note": "Hulp van mijn zus"}, follow=True)

    goal.refresh_from_db()
    assert goal.youth_note == "Hulp van mijn zus"
    assert "Je notitie is bewaard." in page_text(response)
    assert PlanRevision.objects.filter(plan=first_version).count() == 1


def test_the_plan_downloads_as_a_pdf_with_the_main_goal(first_version, youth_client):
    response = youth_client.get("/mijn/plan/pdf/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert MAIN_GOAL in text and "Cv maken" in text


def test_without_a_plan_the_pdf_is_not_found_and_the_page_says_so(youth_client):
    assert youth_client.get("/mijn/plan/pdf/").status_code == 404
    assert "Je hebt nog geen plan." in page_text(youth_client.get("/mijn/plan/"))
