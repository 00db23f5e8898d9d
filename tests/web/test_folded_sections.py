"""The folded sections of the youth file (issue 18): the page shows their heading and a "Toon …"
link, not their content; the link loads the section in place (`youth_section`, access-logged per
section) or, without JavaScript, opens the page with it (?open=NAME). A form of a folded section
sent back with errors comes back with its section open, and a saved one goes back to it."""

import re

import pytest
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Agreement
from koers.contacts.services import NewAgreement, appointment_create, contact_record
from koers.messaging.services import message_send
from koers.plans.services import SubGoalInput, plan_save
from koers.portal.services import portal_invite
from koers.trajectories.services import milestone_record, network_member_add, trajectory_create
from koers.web.youths.sections import BY_NAME, SECTIONS
from tests.conftest import ALLOWED, YOUTH_ACCESS, days_ago

# What each folded section shows that no other part of the file does, for the `full` youth.
CONTENT = {
    "history": "Liep goed, cv samen nagekeken.",  # a contact's notes
    "appointments": "Gesprek over de proefdag",  # a planned appointment
    "agreements": "Afvinken",  # the button of an open agreement (the agenda names it too)
    "barriers": "Belemmering vastleggen",  # its form
    "enforcement": "Geen handhaving voorgesteld.",
    "network": "Mo de Boer",  # a person without consent (the contact form offers only consented ones)
    "progress": "Leefgebieden (1 tot 5, samen ingevuld)",
    "plan": "Ik leer solliciteren bij een garage",  # the main goal (the agenda shows the sub-goals)
    "messages": "Ik heb een proefdag!",  # a message of the youth
    "work": "Wat de jongere zoekt",  # the heading of the youth's wishes (koers.web.youths.work)
}
FOLDED = [section.name for section in SECTIONS if section.folded]


def title(name: str) -> str:
    return str(BY_NAME[name].folded)


def show_link(name: str) -> str:
    return f"Toon {title(name).lower()}"


def file_url(youth_id: int) -> str:
    return reverse("youth_file", args=[youth_id])


def section_url(youth_id: int, name: str) -> str:
    return reverse("youth_section", args=[youth_id, name])


@pytest.fixture
def full(started, consultant):
    """The persona's youth with something in every folded section."""
    youth = started.youth
    contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(3),
        channel="office",
        notes=CONTENT["history"],
        agreements=[NewAgreement(owner="youth", description="Drie vacatures zoeken", due_on=days_ago(-4))],
    )
    appointment_create(actor=consultant, trajectory=started, date=days_ago(-3), description=CONTENT["appointments"])
    network_member_add(
        actor=consultant, youth=youth, name=CONTENT["network"], relation="mentor", influence="supportive"
    )
    plan_save(
        actor=consultant,
        trajectory=started,
        main_goal=CONTENT["plan"],
        sub_goals=[SubGoalInput(text="Een garage bellen", owner="youth", due_on=days_ago(-7))],
    )
    portal_invite(actor=consultant, youth=youth)
    message_send(youth=youth, from_youth=True, body=CONTENT["messages"])
    return started


def test_every_folded_section_is_covered_here():
    assert set(CONTENT) == set(FOLDED)


# (a) The page shows the heading and the link, not the content


@pytest.mark.parametrize("name", FOLDED)
def test_the_page_shows_a_folded_sections_heading_and_link_but_not_its_content(full, consultant, as_user, name):
    client = as_user(consultant)
    response = client.get(file_url(full.youth_id))

    page = response.content.decode()
    assert f'id="{name}-heading">{title(name)}</h2>' in page
    assert f">{show_link(name)}</a>" in page
    assert f'href="{file_url(full.youth_id)}?open={name}#{name}-heading"' in page  # without JavaScript
    assert f'hx-get="{section_url(full.youth_id, name)}"' in page  # in place
    assert CONTENT[name] not in page

    opened = client.get(file_url(full.youth_id), {"open": name}).content.decode()
    assert CONTENT[name] in opened
    assert f">{show_link(name)}</a>" not in opened
    assert f'id="{name}-heading"' in opened


def test_the_history_entries_show_only_when_the_history_is_opened(full, consultant, as_user):
    client = as_user(consultant)
    folded = client.get(file_url(full.youth_id))
    assert "history" not in folded.context  # not read at all
    assert "Mijlpaal: 1e gesprek" not in folded.content.decode()

    opened = client.get(file_url(full.youth_id), {"open": "history"})
    assert [e.contact.notes for e in opened.context["history"].entries if e.contact] == [CONTENT["history"]]
    assert "Mijlpaal: 1e gesprek" in opened.content.decode() and CONTENT["history"] in opened.content.decode()


def test_an_earlier_trajectorys_folded_sections_load_that_trajectory(trajectory, youth, consultant, as_user):
    contact_record(
        actor=consultant, trajectory=trajectory, date=days_ago(5), channel="office", notes="Het oude traject"
    )
    milestone_record(actor=consultant, trajectory=trajectory, kind="closed", date=days_ago(0), reason="moved")
    trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(0), source="self")
    client = as_user(consultant)

    page = client.get(file_url(youth.pk), {"traject": trajectory.pk}).content.decode()

    assert f'href="{file_url(youth.pk)}?traject={trajectory.pk}&amp;open=history#history-heading"' in page
    assert f'hx-get="{section_url(youth.pk, "history")}?traject={trajectory.pk}"' in page
    shown = client.get(section_url(youth.pk, "history"), {"traject": trajectory.pk}).content.decode()
    assert "Het oude traject" in shown
    assert "Het oude traject" not in client.get(section_url(youth.pk, "history")).content.decode()  # the current one


def test_a_youth_without_a_trajectory_is_offered_no_folded_section_that_loads_nothing(youth, consultant, as_user):
    # Without a trajectory the progress and enforcement sections render nothing: a "Toon …" link
    # for them would load an empty fragment, and the heading would vanish when clicked.
    client = as_user(consultant)
    page = client.get(file_url(youth.pk)).content.decode()
    offered = [name for name in FOLDED if f">{show_link(name)}</a>" in page]
    empty = [name for name in offered if not client.get(section_url(youth.pk, name)).content.strip()]
    assert empty == []


# (b) The fragment: the section alone, access-logged, for those who may see the file


@pytest.mark.parametrize("name", FOLDED)
def test_the_fragment_is_the_section_and_is_logged_with_its_subject(full, consultant, as_user, name):
    AccessLogEntry.objects.all().delete()

    response = as_user(consultant).get(section_url(full.youth_id, name))

    assert response.status_code == 200
    fragment = response.content.decode()
    assert CONTENT[name] in fragment and f'id="{name}-heading"' in fragment
    assert 'class="koers-section koers-card koers-folded"' not in fragment  # the section itself
    assert "<html" not in fragment and 'id="contact-heading"' not in fragment  # not the page
    entry = AccessLogEntry.objects.get(user=consultant, youth_id=full.youth_id)
    assert (entry.action, entry.channel, entry.subject) == ("view", "web", name)


@pytest.mark.parametrize("persona", list(YOUTH_ACCESS))
def test_who_may_open_a_folded_section(full, personas, as_user, persona):
    client = as_user(personas[persona])
    for name in FOLDED:
        response = client.get(section_url(full.youth_id, name))
        if YOUTH_ACCESS[persona] == ALLOWED:
            assert response.status_code == 200, name
            assert CONTENT[name] in response.content.decode(), name
        else:
            assert response.status_code == YOUTH_ACCESS[persona], name
            assert CONTENT[name] not in response.content.decode(), name
    logged = AccessLogEntry.objects.filter(user=personas[persona], youth_id=full.youth_id, subject__in=FOLDED)
    assert logged.count() == (len(FOLDED) if YOUTH_ACCESS[persona] == ALLOWED else 0)


@pytest.mark.parametrize("name", ["contact", "flow", "letters", "hand_over", "nope"])
def test_a_section_that_is_not_folded_or_unknown_is_not_found(started, consultant, as_user, name):
    AccessLogEntry.objects.all().delete()
    assert as_user(consultant).get(section_url(started.youth_id, name)).status_code == 404
    assert not AccessLogEntry.objects.exists()  # nothing was read


def test_the_fragment_of_an_unknown_youth_is_not_found(consultant, as_user):
    assert as_user(consultant).get(section_url(999999, "history")).status_code == 404


def test_the_fragment_sends_anonymous_users_to_sign_in(started, client):
    response = client.get(section_url(started.youth_id, "history"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# (c) A form of a folded section sent back with errors: its section is open in the page


def test_a_refused_plan_comes_back_with_the_plan_open(started, consultant, as_user):
    data = {
        "plan-main_goal": "",
        "plan-route": "work",
        "plan-evaluation_on": days_ago(-90).isoformat(),
        "plan-agreements": "We bellen elke week.",
        "subgoal-TOTAL_FORMS": "1",
        "subgoal-INITIAL_FORMS": "0",
        "subgoal-0-text": "Een garage bellen",
        "subgoal-0-owner": "youth",
        "subgoal-0-status": "open",
    }
    response = as_user(consultant).post(reverse("plan_save", args=[started.pk]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf het hoofddoel op: wat wil de jongere bereiken?" in page
    assert "We bellen elke week." in page and "Een garage bellen" in page  # what was typed is kept
    assert ">Toon plan</a>" not in page and 'id="plan-heading">Plan</h2>' in page
    assert response.context["error_anchor"] == "plan-heading"
    assert f">{show_link('history')}</a>" in page  # the other folded sections stay folded


def test_a_refused_network_member_comes_back_with_the_network_open(started, consultant, as_user):
    data = {"member-name": "", "member-relation": "mentor", "member-influence": "supportive", "member-phone": "0612"}
    url = reverse("network_member_create", args=[started.youth_id])
    response = as_user(consultant).post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert ">Toon netwerk</a>" not in page and 'id="network-heading">Netwerk</h2>' in page
    assert response.context["member_form"].errors["name"]
    assert 'value="0612"' in page
    assert response.context["error_anchor"] == "network-heading"

    # Sent with htmx, only the section comes back, open, with the message.
    fragment = as_user(consultant).post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="network-heading"' in fragment and "<html" not in fragment
    assert 'value="0612"' in fragment and "koers-folded" not in fragment


# (d) A saved write of a folded section goes back to the file with that section open


@pytest.fixture
def writes(full, consultant):
    """Per folded section, a valid write: (URL, data, what the section then shows)."""
    youth_id = full.youth_id
    agreement = Agreement.objects.get(contact__trajectory=full)
    return {
        "plan": (
            reverse("plan_save", args=[full.pk]),
            {
                "plan-main_goal": "Ik leer solliciteren bij een fietsenmaker",
                "plan-route": "work",
                "plan-evaluation_on": days_ago(-90).isoformat(),
                "plan-version": "1",
                "subgoal-TOTAL_FORMS": "1",
                "subgoal-INITIAL_FORMS": "0",
                "subgoal-0-text": "Een fietsenmaker bellen",
                "subgoal-0-owner": "youth",
                "subgoal-0-status": "open",
            },
            "Ik leer solliciteren bij een fietsenmaker",
        ),
        "network": (
            reverse("network_member_create", args=[youth_id]),
            {"member-name": "Fatima El Amrani", "member-relation": "mentor", "member-influence": "supportive"},
            "Fatima El Amrani",
        ),
        "barriers": (
            reverse("barrier_create", args=[youth_id]),
            {"barrier-kind": "small_network", "barrier-noted_on": days_ago(2).isoformat(), "barrier-source": "youth"},
            "Klein netwerk",
        ),
        "appointments": (
            reverse("appointment_create", args=[full.pk]),
            {
                "appointment-date": days_ago(-5).isoformat(),
                "appointment-time": "14:15",
                "appointment-channel": "video",
                "appointment-description": "Plan bespreken met de mentor",
            },
            "Plan bespreken met de mentor",
        ),
        "agreements": (
            reverse("agreement_done", args=[full.pk, agreement.pk]),
            {},
            "Geen open afspraken.",
        ),
        "messages": (
            reverse("message_reply", args=[youth_id]),
            {"reply-body": "Goed zo, veel succes morgen!", "reply-client_key": "terug"},
            "Goed zo, veel succes morgen!",
        ),
    }


@pytest.mark.parametrize("name", ["plan", "network", "barriers", "appointments", "agreements", "messages"])
def test_a_saved_write_goes_back_to_its_section_opened(full, consultant, as_user, writes, name):
    url, data, shown = writes[name]
    client = as_user(consultant)

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == f"{file_url(full.youth_id)}?open={name}#{name}-heading"
    page = client.get(response["Location"]).content.decode()
    assert shown in page
    assert f">{show_link(name)}</a>" not in page
    assert re.search(r'class="koers-messages', page)  # the confirmation is shown there


def test_the_folded_conversation_says_how_many_messages_wait(youth, trajectory, consultant, as_user):
    portal_invite(actor=consultant, youth=youth)
    message_send(youth=youth, from_youth=True, body="Hoi, ik heb een vraag")
    message_send(youth=youth, from_youth=True, body="Nog een vraag")
    page = as_user(consultant).get(reverse("youth_file", args=[youth.pk])).content.decode()
    assert "2 ongelezen berichten" in page
    assert "Hoi, ik heb een vraag" not in page  # the text stays folded until opened
