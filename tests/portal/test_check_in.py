"""Aftercare check-ins answered in the portal: they settle the check-in on the consultant's agenda."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from koers.agenda.models import DueItem
from koers.contacts.models import Channel, Contact, Purpose, SelfRating
from koers.lib.workdays import add_months
from koers.messaging.models import Message, MessageKind
from koers.messaging.services import CheckInAnswered, check_in_answer
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record
from tests.conftest import days_ago
from tests.portal.conftest import page_text

ANSWERS = {"how_are_you": "Goed, ik werk nu vier dagen.", "can_i_help": "Nee, dank je.", "mark": "8"}


def flow_out(trajectory, consultant, *, outflow_days_ago: int) -> None:
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(90))
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.PLAN_CONVERSATION, date=days_ago(60), route="work"
    )
    milestone_record(
        actor=consultant,
        trajectory=trajectory,
        kind=MilestoneKind.OUTFLOW,
        date=days_ago(outflow_days_ago),
        destination="work",
    )


def hidden_fields(html: str) -> dict:
    return {
        name: value
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)
        if name != "csrfmiddlewaretoken"
    }


def answer(client, **options):
    """Open the questions and send the form with the answers, as the youth does."""
    form = page_text(client.get("/mijn/nazorg/"))
    return client.post("/mijn/nazorg/", {**ANSWERS, **hidden_fields(form)}, **options)


def check_ins(trajectory) -> list[str]:
    return list(DueItem.objects.filter(trajectory=trajectory, kind="aftercare_check_in").values_list("ref", flat=True))


@pytest.fixture
def in_aftercare(invited, trajectory, consultant):
    """Flowed out 20 days ago: the first check-in is due in about ten days."""
    flow_out(trajectory, consultant, outflow_days_ago=20)
    return trajectory


def test_a_youth_in_aftercare_has_check_ins_and_sees_the_questions(in_aftercare, youth_client):
    assert check_ins(in_aftercare) == ["check_in:1", "check_in:2", "check_in:3"]

    home = page_text(youth_client.get("/mijn/"))
    page = page_text(youth_client.get("/mijn/nazorg/"))

    assert "Naar de nazorgvragen" in home
    assert "Hoe gaat het met je?" in page and "Welk cijfer geef je je situatie nu?" in page


def test_answering_settles_the_first_check_in_with_a_contact_a_rating_and_a_message(
    in_aftercare, youth_client, invited, consultant
):
    response = answer(youth_client, follow=True)

    assert "Dank je wel voor je antwoorden." in page_text(response)
    contact = Contact.objects.get(trajectory=in_aftercare)
    assert contact.channel == Channel.MESSAGE and contact.purpose == Purpose.AFTERCARE_CHECK_IN
    assert contact.date == timezone.localdate() and contact.consultant == consultant
    assert check_ins(in_aftercare) == ["check_in:2", "check_in:3"]
    assert SelfRating.objects.get(trajectory=in_aftercare).mark == 8
    message = Message.objects.get(youth=invited, kind=MessageKind.CHECK_IN)
    assert message.from_youth
    assert "Hoe gaat het met je?\nGoed, ik werk nu vier dagen." in message.body
    assert "Kan ik nog iets voor je doen?\nNee, dank je." in message.body
    assert "Cijfer: 8" in message.body


def test_the_same_check_in_answered_twice_counts_once(in_aftercare, invited):
    item = DueItem.objects.filter(trajectory=in_aftercare, kind="aftercare_check_in").order_by("due").first()
    check_in_answer(youth=invited, ref=item.ref, answers={"Hoe gaat het met je?": "Goed"}, mark=7)
    with pytest.raises(CheckInAnswered):
        check_in_answer(youth=invited, ref=item.ref, answers={"Hoe gaat het met je?": "Goed"}, mark=7)

    assert Contact.objects.filter(trajectory=in_aftercare).count() == 1
    assert SelfRating.objects.filter(trajectory=in_aftercare).count() == 1
    assert Message.objects.filter(youth=invited, kind=MessageKind.CHECK_IN).count() == 1
    assert check_ins(in_aftercare) == ["check_in:2", "check_in:3"]


def test_the_service_finds_the_check_in_and_refuses_a_made_up_one(in_aftercare, invited):
    from django.core.exceptions import ValidationError

    for made_up in ("check_in:9", "sub_goal:1", ""):
        with pytest.raises(ValidationError, match="Deze vragen staan niet meer open"):
            check_in_answer(youth=invited, ref=made_up, answers={"Hoe gaat het met je?": "Goed"}, mark=7)
    assert not Contact.objects.exists()


def test_a_youth_without_a_consultant_still_settles_the_check_in(in_aftercare, invited):
    from koers.trajectories.models import Youth

    Youth.objects.filter(pk=invited.pk).update(consultant=None)
    invited.refresh_from_db()
    item = DueItem.objects.filter(trajectory=in_aftercare, kind="aftercare_check_in").order_by("due").first()

    check_in_answer(youth=invited, ref=item.ref, answers={"Hoe gaat het met je?": "Goed"}, mark=None)

    contact = Contact.objects.get(trajectory=in_aftercare)
    assert contact.consultant is None and contact.purpose == Purpose.AFTERCARE_CHECK_IN
    assert check_ins(in_aftercare) == ["check_in:2", "check_in:3"]


def test_sending_the_answers_twice_counts_once(in_aftercare, youth_client, invited):
    answer(youth_client)
    answer(youth_client)  # the page opened again: the first check-in is answered, the next is not shown yet

    assert Contact.objects.filter(trajectory=in_aftercare).count() == 1
    assert Message.objects.filter(youth=invited, kind=MessageKind.CHECK_IN).count() == 1
    assert check_ins(in_aftercare) == ["check_in:2", "check_in:3"]


def test_a_double_tap_with_an_overdue_check_in_settles_only_one(invited, trajectory, consultant, youth_client):
    # Flowed out 50 days ago: check-in 1 is overdue, check-in 2 is due within two weeks. The same
    # form sent twice (a double tap, a reload) must not answer check-in 2 as well.
    flow_out(trajectory, consultant, outflow_days_ago=50)
    assert check_ins(trajectory) == ["check_in:1", "check_in:2", "check_in:3"]
    form = page_text(youth_client.get("/mijn/nazorg/"))

    for _ in range(2):
        youth_client.post("/mijn/nazorg/", {**ANSWERS, **hidden_fields(form)})

    assert Contact.objects.filter(trajectory=trajectory).count() == 1
    assert Message.objects.filter(youth=invited, kind=MessageKind.CHECK_IN).count() == 1
    assert check_ins(trajectory) == ["check_in:2", "check_in:3"]


def test_a_mark_outside_1_to_10_is_refused(in_aftercare, invited):
    from django.core.exceptions import ValidationError

    item = DueItem.objects.filter(trajectory=in_aftercare, kind="aftercare_check_in").order_by("due").first()
    with pytest.raises(ValidationError, match="Kies een cijfer van 1 tot en met 10."):
        check_in_answer(youth=invited, ref=item.ref, answers={}, mark=11)
    assert not Contact.objects.exists()


def test_before_outflow_there_are_no_questions(invited, trajectory, youth_client):
    response = answer(youth_client)

    assert "Er staan nu geen vragen voor je klaar." in page_text(response)
    assert not Contact.objects.exists()
    assert "Naar de nazorgvragen" not in page_text(youth_client.get("/mijn/"))


def test_the_first_days_of_aftercare_do_not_say_it_stops_soon_and_say_when_it_ends(in_aftercare, youth_client):
    from koers.accounts.models import Organisation

    Organisation.objects.filter(pk=in_aftercare.organisation_id).update(phone="058 123 45 67")
    answer(youth_client)  # the first check-in is answered: nothing open now

    page = page_text(youth_client.get("/mijn/nazorg/"))
    ends_on = date_format(add_months(timezone.localdate() - dt.timedelta(days=20), 3), "j F Y")
    assert "Binnenkort stopt de nazorg" not in page
    assert f"De nazorg loopt tot {ends_on}." in page
    assert "Bel dan 058 123 45 67." in page and "website van je gemeente" not in page
    assert "Er staan nu geen vragen voor je klaar. De volgende vragen komen rond" in page
    assert "Binnenkort stopt de nazorg" not in page_text(youth_client.get("/mijn/"))


def test_in_the_last_month_the_end_is_announced_on_both_pages(invited, trajectory, consultant, youth_client):
    for kind, days, extra in (
        (MilestoneKind.FIRST_CONVERSATION, 120, {}),
        (MilestoneKind.PLAN_CONVERSATION, 100, {"route": "work"}),
        (MilestoneKind.OUTFLOW, 75, {"destination": "work"}),  # aftercare ends in about two weeks
    ):
        milestone_record(actor=consultant, trajectory=trajectory, kind=kind, date=days_ago(days), **extra)

    for path in ("/mijn/", "/mijn/nazorg/"):
        assert "Binnenkort stopt de nazorg: op" in page_text(youth_client.get(path))
