"""Rules that live in the services, so every door (page, API, command, the next feature) keeps
them. Each is tried by calling the service directly, and where the API or a page is the door that
skipped it before, through that door too."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from koers.contacts.models import Contact, Participant
from koers.contacts.services import contact_record
from koers.lib.age import age_on
from koers.messaging.models import Message, MessageKind
from koers.messaging.services import conversation_read, message_send
from koers.notifications.models import NotificationKind, PendingNotification
from koers.plans.models import DailyStepDone, SubGoal, SubGoalOwner
from koers.plans.selectors import current_plan_of_youth, daily_step_choice_of, todays_step
from koers.plans.services import SubGoalInput, daily_step_choose, daily_step_record, plan_save
from koers.portal.services import portal_invite
from koers.trajectories.models import NetworkInfluence, NetworkRelation
from koers.trajectories.services import (
    milestone_record,
    milestone_withdraw,
    network_consent_record,
    network_consent_revoke,
    network_member_add,
    trajectory_create,
)
from tests.conftest import days_ago, signed_in_client

# A withdrawal needs a reason


def test_a_withdrawal_without_a_reason_is_refused_by_the_service(consultant, trajectory):
    first = milestone_record(actor=consultant, trajectory=trajectory, kind="first_conversation", date=days_ago(3))
    for empty in ("", "   ", "\n"):
        with pytest.raises(ValidationError, match="Schrijf kort op waarom u dit intrekt."):
            milestone_withdraw(actor=consultant, milestone=first, note=empty)
    assert not trajectory.milestones.filter(withdrawn=True).exists()


def test_the_api_refuses_a_withdrawal_without_a_reason_in_dutch(api, consultant, trajectory):
    first = milestone_record(actor=consultant, trajectory=trajectory, kind="first_conversation", date=days_ago(3))
    client = api(consultant)
    path = f"/trajectories/{trajectory.pk}/milestones/{first.pk}/withdraw"

    no_body = client.post(path, raw="")
    blank = client.post(path, {"note": "   "})
    empty = client.post(path, {})

    assert no_body.status_code == 422 and no_body.json()["detail"]
    assert blank.status_code == 400 and blank.json()["errors"]["note"] == ["Schrijf kort op waarom u dit intrekt."]
    assert empty.status_code == 422 and empty.json()["errors"]["note"] == ["Dit veld is verplicht."]
    assert not trajectory.milestones.filter(withdrawn=True).exists()


# A contact needs someone who took part


def test_a_contact_without_anyone_taking_part_is_refused_by_the_service(consultant, trajectory):
    with pytest.raises(ValidationError, match="Kies wie erbij waren."):
        contact_record(actor=consultant, trajectory=trajectory, date=days_ago(1), channel="phone", participants=[])
    assert not Contact.objects.exists()


def test_the_page_shows_the_services_message_for_no_participants(consultant, trajectory):
    form = {
        "contact-date": days_ago(1).isoformat(),
        "contact-channel": "phone",
        "contact-purpose": "status_check",
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
    }
    page = signed_in_client(consultant).post(reverse("contact_create", args=[trajectory.youth_id]), form)
    assert "Kies wie erbij waren." in page.content.decode()
    assert not Contact.objects.exists()


# Network members on a contact: the service decides, also for a back-dated contact


@pytest.fixture
def aunt(consultant, youth):
    member = network_member_add(
        actor=consultant,
        youth=youth,
        name="Tante Joke",
        relation=NetworkRelation.FAMILY,
        influence=NetworkInfluence.SUPPORTIVE,
    )
    network_consent_record(
        actor=consultant, member=member, purpose="meedenken over werk", given_by="Sanne", given_on=days_ago(20)
    )
    network_consent_revoke(actor=consultant, member=member, on=days_ago(2))
    return member


def _contact_form(day: dt.date, **extra) -> dict:
    return {
        "contact-date": day.isoformat(),
        "contact-channel": "office",
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_back_dated_contact_with_someone_who_consented_then_is_saved_from_the_page(consultant, trajectory, aunt):
    # Consent ran from 20 days ago until 2 days ago: a contact of 5 days ago may record her.
    url = reverse("contact_create", args=[trajectory.youth_id])
    response = signed_in_client(consultant).post(url, _contact_form(days_ago(5), **{"contact-network": [aunt.pk]}))

    assert response.status_code == 302, response.content.decode()[-3000:]
    contact = Contact.objects.get()
    assert list(contact.network_members.all()) == [aunt]
    assert Participant.NETWORK in contact.participants


def test_a_contact_after_the_consent_ended_gets_the_services_message_at_the_field(consultant, trajectory, aunt):
    url = reverse("contact_create", args=[trajectory.youth_id])
    page = signed_in_client(consultant).post(url, _contact_form(days_ago(1), **{"contact-network": [aunt.pk]}))

    text = page.content.decode()
    assert "De jongere gaf geen toestemming om Tante Joke te betrekken (op die datum)." in text
    assert "Selecteer een geldige keuze" not in text and "valid choice" not in text
    assert not Contact.objects.exists()


# A staff message needs the youth's portal access; a letter does not


def test_a_staff_message_to_a_youth_without_portal_access_is_refused_by_the_service(consultant, youth):
    with pytest.raises(ValidationError, match="heeft nog geen toegang tot het portaal"):
        message_send(youth=youth, from_youth=False, author=consultant, body="Hoi")
    portal_invite(actor=consultant, youth=youth)
    assert message_send(youth=youth, from_youth=False, author=consultant, body="Hoi").pk


def test_a_letter_goes_without_portal_access(consultant, youth):
    letter = message_send(youth=youth, from_youth=False, author=consultant, body="Brief", kind=MessageKind.LETTER)
    assert letter.kind == MessageKind.LETTER


# A changed plan tells the youth, whoever saves it


def _plan(consultant, trajectory, goal: str):
    """Save the plan as the form does: the sub-goal that is there keeps its id."""
    existing = SubGoal.objects.filter(plan__trajectory=trajectory).first()
    return plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal=goal,
        sub_goals=[
            SubGoalInput(
                id=existing.pk if existing else None,
                text="Cv maken",
                owner=SubGoalOwner.YOUTH,
                due_on=timezone.localdate() + dt.timedelta(days=7),
            )
        ],
    )


def test_plan_save_itself_queues_the_youths_notification_and_a_repeat_does_not(consultant, trajectory):
    _plan(consultant, trajectory, "Een baan in de zorg")
    pending = PendingNotification.objects.filter(youth=trajectory.youth, kind=NotificationKind.PLAN_CHANGED)
    assert pending.count() == 1
    pending.update(sent_at=timezone.now())  # the worker mailed it

    _plan(consultant, trajectory, "Een baan in de zorg")  # nothing changed: no version, no mail
    assert PendingNotification.objects.filter(kind=NotificationKind.PLAN_CHANGED, sent_at__isnull=True).count() == 0
    _plan(consultant, trajectory, "Een opleiding tot verpleegkundige")
    assert PendingNotification.objects.filter(kind=NotificationKind.PLAN_CHANGED, sent_at__isnull=True).count() == 1


# Today's daily step is the service's choice


def test_the_daily_step_is_chosen_by_the_service(consultant, youth, trajectory):
    with pytest.raises(ValidationError, match="De dagelijkse stap staat uit."):
        daily_step_record(youth=youth, day=timezone.localdate())
    daily_step_choose(actor=consultant, youth=youth, active=True)
    today = timezone.localdate()
    expected = todays_step(daily_step_choice_of(youth.pk), current_plan_of_youth(youth.pk), today)

    done, step = daily_step_record(youth=youth, day=today)
    again, _ = daily_step_record(youth=youth, day=today)

    assert (done.step_key, done.text) == (expected["key"], expected["text"]) == (step["key"], step["text"])
    assert again.pk == done.pk and DailyStepDone.objects.count() == 1


# Which messages count as read, and by whom


def test_only_the_youths_own_consultant_reads_the_youths_messages(consultant, colleague, team_lead, youth):
    portal_invite(actor=consultant, youth=youth)
    message_send(youth=youth, from_youth=True, body="Ik heb een vraag")

    assert conversation_read(youth=youth, reader=colleague) == 0
    assert conversation_read(youth=youth, reader=team_lead) == 0
    assert conversation_read(youth=youth, reader=consultant) == 1
    assert Message.objects.get().read_by == consultant


def test_without_a_consultant_anyone_who_opens_the_file_reads_them(team_lead, youth):
    youth.consultant = None
    youth.save(update_fields=["consultant"])
    message_send(youth=youth, from_youth=True, body="Is er iemand?")

    assert conversation_read(youth=youth, reader=team_lead) == 1


def test_the_youth_reads_the_staff_messages_and_polls_read_nothing(consultant, youth):
    from tests.portal.conftest import portal_client

    portal_invite(actor=consultant, youth=youth)
    message_send(youth=youth, from_youth=False, author=consultant, body="Tot dinsdag")
    client = portal_client(youth)

    client.get(reverse("portal_messages_poll"))
    assert Message.objects.get().read_at is None  # a phone left open on the page tells nobody
    client.get(reverse("portal_messages"))
    assert Message.objects.get().read_at is not None


# One definition of the current trajectory and of age


def test_the_plan_the_youth_sees_is_the_plan_of_the_current_trajectory(consultant, trajectory):
    _plan(consultant, trajectory, "Een baan in de zorg")
    milestone_record(actor=consultant, trajectory=trajectory, kind="closed", date=days_ago(1), reason="moved")
    newer = trajectory_create(
        actor=consultant, youth=trajectory.youth, registered_on=timezone.localdate(), source="self"
    )

    assert current_plan_of_youth(trajectory.youth_id) is None  # the new trajectory has no plan yet
    _plan(consultant, newer, "Een opleiding")
    assert current_plan_of_youth(trajectory.youth_id).plan.main_goal == "Een opleiding"


@pytest.mark.parametrize(
    ("born", "day", "years"),
    [
        (dt.date(2004, 6, 15), dt.date(2026, 6, 14), 21),
        (dt.date(2004, 6, 15), dt.date(2026, 6, 15), 22),
        (dt.date(2004, 2, 29), dt.date(2026, 2, 28), 21),
        (dt.date(2004, 2, 29), dt.date(2026, 3, 1), 22),
    ],
)
def test_age_in_whole_years(born, day, years):
    assert age_on(born, day) == years


# One limit for a message, on both sides


def test_the_same_message_limit_holds_in_the_portal_the_file_and_the_service(consultant, youth):
    from koers.messaging.models import MESSAGE_MAX_LENGTH
    from tests.portal.conftest import portal_client

    portal_invite(actor=consultant, youth=youth)
    too_long, longest = "x" * (MESSAGE_MAX_LENGTH + 1), "y" * MESSAGE_MAX_LENGTH
    with pytest.raises(ValidationError, match=f"hoogstens {MESSAGE_MAX_LENGTH} tekens"):
        message_send(youth=youth, from_youth=True, body=too_long)

    portal = portal_client(youth)
    refused = portal.post(reverse("portal_messages"), {"body": too_long, "client_key": "portal-long-1"})
    assert refused.status_code == 400 and f"hoogstens {MESSAGE_MAX_LENGTH} tekens" in refused.content.decode()
    staff = signed_in_client(consultant)
    refused = staff.post(reverse("message_reply", args=[youth.pk]), {"reply-body": too_long})
    assert f"Het bericht is te lang: hoogstens {MESSAGE_MAX_LENGTH} tekens." in refused.content.decode()
    assert not Message.objects.exists()

    portal.post(reverse("portal_messages"), {"body": longest, "client_key": "portal-long-2"})
    staff.post(reverse("message_reply", args=[youth.pk]), {"reply-body": longest})
    assert Message.objects.count() == 2


# One rule for every date someone plans: not more than two years ahead


@pytest.mark.parametrize("where", ["evaluation", "sub_goal"])
def test_a_plan_date_in_2099_is_refused_by_the_service(consultant, trajectory, where):
    far = dt.date(2099, 1, 1)
    goal = SubGoalInput(text="Cv maken", owner=SubGoalOwner.YOUTH, due_on=far if where == "sub_goal" else None)
    with pytest.raises(ValidationError, match="Plan niet verder vooruit dan"):
        plan_save(
            actor=consultant,
            trajectory=trajectory,
            main_goal="Een baan",
            sub_goals=[goal],
            evaluation_on=far if where == "evaluation" else None,
        )
    assert not SubGoal.objects.exists()


def test_the_plan_form_shows_the_planning_limit_at_the_field(consultant, trajectory):
    form = {
        "plan-main_goal": "Een baan",
        "plan-evaluation_on": "2099-01-01",
        "subgoal-TOTAL_FORMS": "1",
        "subgoal-INITIAL_FORMS": "0",
        "subgoal-0-text": "Cv maken",
        "subgoal-0-owner": "youth",
        "subgoal-0-due_on": "2099-02-01",
        "subgoal-0-status": "open",
    }
    page = signed_in_client(consultant).post(reverse("plan_save", args=[trajectory.pk]), form)
    text = page.content.decode()
    assert text.count("Plan niet verder vooruit dan") >= 2  # the evaluation and the sub-goal
    assert not SubGoal.objects.exists()


def test_appointments_and_agreements_keep_the_same_limit(consultant, trajectory, api):
    client = api(consultant)
    appointment = client.post(f"/trajectories/{trajectory.pk}/appointments", {"date": "2099-01-01"})
    contact = client.post(
        f"/trajectories/{trajectory.pk}/contacts",
        {
            "date": days_ago(1).isoformat(),
            "channel": "phone",
            "agreements": [{"owner": "youth", "description": "Bellen", "due_on": "2099-01-01"}],
        },
    )
    for response in (appointment, contact):
        assert response.status_code == 400
        assert "Plan niet verder vooruit dan" in str(response.json()["errors"])
