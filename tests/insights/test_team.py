"""Team (for team leads): per consultant the caseload by phase, the contact norm, overdue items,
aftercare and the portal, computed as Vandaag and the agenda compute them; small numbers hidden
with complementary suppression; only the own organisation; a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.agenda.models import DueItem
from koers.agenda.selectors import Scope, due_counts
from koers.contacts.services import contact_record
from koers.insights.selectors.practice import period_of
from koers.insights.selectors.team import (
    AFTERCARE_DONE,
    AFTERCARE_MISSED,
    AFTERCARE_NONE_DUE,
    aftercare_status,
    team_overview,
)
from koers.lib import due_rules
from koers.lib.due_rules import CHECK_IN_KINDS
from koers.messaging.services import message_send
from koers.portal.services import portal_invite
from koers.trajectories.models import MilestoneKind as K
from koers.trajectories.services import milestone_record, trajectory_create, youth_create
from tests.conftest import born_years_ago, days_ago, make_user

TEAM = reverse("insights_team")
REGISTRATION, INVITED, SEARCH, FOLLOW_UP, AFTERCARE = range(5)
_numbers = iter(range(10_000))


def _youth(consultant, *, email=False):
    number = next(_numbers)
    return youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=f"Jongere{number:04d}",
        last_name="Team",
        birth_date=born_years_ago(22, month=1 + number % 12, day=1 + number % 28),
        email=f"jongere{number}@example.org" if email else "",
    )


def _in_phase(consultant, phase, *, plan_days=10, outflow_days=50, email=False):
    """A youth of `consultant` in a phase, through the services: the plan conversation `plan_days`
    ago (30 days before the outflow in aftercare), the first conversation 20 days before it."""
    youth = _youth(consultant, email=email)
    start = outflow_days + 60 if phase == AFTERCARE else plan_days + 30
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(start), source="uwv")

    def record(kind, days, **values):
        milestone_record(actor=consultant, trajectory=trajectory, kind=kind, date=days_ago(days), **values)

    if phase == INVITED:
        record(K.INVITATION, start - 1)
    if phase >= SEARCH:
        record(K.FIRST_CONVERSATION, (outflow_days + 30 if phase == AFTERCARE else plan_days) + 20)
    if phase == FOLLOW_UP:
        record(K.PLAN_CONVERSATION, plan_days, route="work")
    if phase == AFTERCARE:
        record(K.PLAN_CONVERSATION, outflow_days + 30, route="work")
        record(K.OUTFLOW, outflow_days, destination="work")
    trajectory.refresh_from_db()
    return youth, trajectory


def _contact(consultant, trajectory, days, channel="phone"):
    return contact_record(actor=consultant, trajectory=trajectory, date=days_ago(days), channel=channel)


def _write_and_answer(consultant, youth, *, at, answer_after=None):
    with time_machine.travel(at, tick=False):
        message_send(youth=youth, from_youth=True, body="Hoi, ik heb een vraag.")
    if answer_after is not None:
        with time_machine.travel(at + answer_after, tick=False):
            message_send(youth=youth, from_youth=False, author=consultant, body="Goede vraag!")


def _three_days_ago_at_nine():
    day = timezone.localdate() - dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def organisation(consultant, colleague, other_team_consultant, team_lead, outsider):
    """A known small organisation:

    - consultant: 1 registered, 1 invited, 1 in the search period, 10 in follow-up (5 with the
      contact norm met, 5 missed — one of those had only a message since), 10 in aftercare (5
      with their first check-in done, 5 not); 5 with portal access, who each wrote a message that
      was answered after two hours;
    - colleague (same team): 2 in follow-up, the norm met; 1 youth wrote, no answer yet;
    - other_team_consultant: 3 in follow-up, the norm met; 1 youth wrote;
    - the outsider's organisation: a consultant with 6 youths in follow-up (never counted here).
    """
    _in_phase(consultant, REGISTRATION)
    _in_phase(consultant, INVITED)
    _in_phase(consultant, SEARCH)
    with_portal = []
    for _ in range(5):
        youth, _trajectory = _in_phase(consultant, FOLLOW_UP, plan_days=10, email=True)
        portal_invite(actor=consultant, youth=youth)
        with_portal.append(youth)
    missed = [_in_phase(consultant, FOLLOW_UP, plan_days=40)[1] for _ in range(5)]
    _contact(consultant, missed[0], 5, channel="message")  # a message does not meet the norm
    for _ in range(5):
        _youth_, trajectory = _in_phase(consultant, AFTERCARE, outflow_days=50)
        _contact(consultant, trajectory, 30)  # after the outflow: the first check-in
    for _ in range(5):
        _in_phase(consultant, AFTERCARE, outflow_days=50)
    nine = _three_days_ago_at_nine()
    for i, youth in enumerate(with_portal):
        _write_and_answer(consultant, youth, at=nine + dt.timedelta(minutes=i), answer_after=dt.timedelta(hours=2))
    colleague_youths = [_in_phase(colleague, FOLLOW_UP, plan_days=5)[0] for _ in range(2)]
    _write_and_answer(colleague, colleague_youths[0], at=nine)
    other_youths = [_in_phase(other_team_consultant, FOLLOW_UP, plan_days=5)[0] for _ in range(3)]
    _write_and_answer(other_team_consultant, other_youths[0], at=nine)
    stranger = make_user("vreemde", outsider.organisation, "consultant")
    for _ in range(6):
        _in_phase(stranger, FOLLOW_UP, plan_days=40)
    return {"with_portal": with_portal, "missed": missed}


def _rows(response):
    return {row.name: row for row in response.context["page"].object_list}


def test_the_team_lead_sees_each_consultants_numbers_as_the_agenda_counts_them(
    organisation, consultant, colleague, other_team_consultant, team_lead, as_user
):
    response = as_user(team_lead).get(TEAM)
    assert response.status_code == 200
    rows = _rows(response)
    # Rows by name, never ranked; the outsider's consultant is not there.
    assert list(rows) == ["Collega Test", "Consulent Test", "Zuid Test"]
    mine = rows["Consulent Test"]
    # Caseload: the small phases hidden, follow-up and aftercare shown, the total too.
    assert mine.caseload == (None, None, None, 10, 10)
    assert mine.caseload_total == 23
    # Weighted: follow-up counts 1, the rest a half: 10 + (1 + 1 + 1 + 10) / 2.
    assert mine.weighted == 16.5
    # The contact norm as Vandaag sees it: overdue contact-norm items of the youths in follow-up.
    assert (mine.in_follow_up, mine.norm_met, mine.norm_missed) == (10, 5, 5)
    assert mine.norm_share == 50
    vandaag = Scope(organisation_id=consultant.organisation_id, consultant_id=consultant.pk)
    today = timezone.localdate()
    assert due_counts(scope=vandaag, today=today, kind="contact_norm", phase="follow_up").overdue == 5
    # Overdue items: exactly Vandaag's "te laat" for this consultant.
    assert mine.overdue_items == due_counts(scope=vandaag, today=today).overdue
    # Aftercare: 10 outflows in the period, 5 with their check-in done.
    assert (mine.outflows, mine.aftercare_done, mine.aftercare_missed) == (10, 5, 5)
    assert mine.aftercare_share == 50
    assert due_counts(scope=vandaag, today=today, kind="aftercare_check_in").overdue == 5
    # Portal: 5 of the 23 have access, 5 wrote, answered after two hours (the median).
    assert (mine.portal, mine.writers, mine.messages) == (5, 5, 5)
    assert mine.reply_seconds == pytest.approx(7200)

    colleague_row = rows["Collega Test"]
    assert colleague_row.caseload == (0, 0, 0, None, 0) and colleague_row.caseload_total is None
    assert colleague_row.weighted is None
    assert colleague_row.writers is None and colleague_row.messages is None
    assert colleague_row.reply_seconds is None and not colleague_row.reply_hidden  # no answer yet

    totals = response.context["overview"].totals
    assert totals.caseload == (None, None, None, 15, 10) and totals.caseload_total == 28
    assert totals.weighted == 21.5
    assert (totals.in_follow_up, totals.norm_met, totals.norm_missed) == (15, 10, 5)
    assert (totals.writers, totals.messages) == (7, 7)
    assert totals.reply_seconds == pytest.approx(7200)

    page = response.content.decode()
    assert "niet bedoeld om prestaties van mensen te beoordelen" in page
    assert "16,5" in page and "2 uur" in page
    # Each count about youths links to the list behind it in Vandaag, for that consultant.
    assert f"/?consultant={consultant.pk}&amp;view=caseload&amp;phase=follow_up" in page
    assert f"/?consultant={consultant.pk}&amp;kind=contact_norm&amp;phase=follow_up&amp;period=overdue" in page
    assert f"/?consultant={consultant.pk}&amp;period=overdue" in page


def test_the_list_behind_a_number_is_vandaag_with_that_many_lines(organisation, consultant, team_lead, as_user):
    client = as_user(team_lead)
    listed = client.get(
        "/", {"consultant": consultant.pk, "kind": "contact_norm", "phase": "follow_up", "period": "overdue"}
    )
    assert listed.status_code == 200
    assert {row.youth_id for row in listed.context["page"].object_list} == {t.youth_id for t in organisation["missed"]}
    caseload = client.get("/", {"consultant": consultant.pk, "view": "caseload", "phase": "aftercare"})
    assert caseload.context["page"].paginator.count == 10


def test_small_cells_show_less_than_five_and_a_second_cell_hides_what_a_total_would_give_away(
    organisation, consultant, team, team_lead, as_user
):
    # Only the consultant's team: the colleague's 2 youths in follow-up are hidden, and the team's
    # total of 12 would give them away beside the consultant's 10, so that 10 is hidden too.
    response = as_user(team_lead).get(TEAM, {"team": team.pk})
    rows = _rows(response)
    assert list(rows) == ["Collega Test", "Consulent Test"]
    mine = rows["Consulent Test"]
    assert mine.caseload == (None, None, None, None, 10)
    assert mine.caseload_total == 23
    # The weighted number would now tell the hidden follow-up count: hidden as well.
    assert mine.weighted is None
    totals = response.context["overview"].totals
    assert totals.caseload[FOLLOW_UP] == 12
    page = response.content.decode()
    assert page.count("&lt; 5") >= 6
    assert "Team: Jongerenteam Noord" in page


def test_aftercare_counts_a_check_in_as_the_agenda_does(consultant, team_lead, as_user):
    done_youth, done = _in_phase(consultant, AFTERCARE, outflow_days=50)
    _contact(consultant, done, 40, channel="message")  # any contact after the outflow counts
    _missed_youth, missed = _in_phase(consultant, AFTERCARE, outflow_days=50)
    _contact(consultant, missed, 50)  # on the outflow day itself: does not count
    _recent_youth, recent = _in_phase(consultant, AFTERCARE, outflow_days=10)  # nothing due yet
    # Closed early (moved) after the first check-in was due and not done: still missed, though
    # the agenda no longer shows it.
    _closed_youth, closed = _in_phase(consultant, AFTERCARE, outflow_days=50)
    milestone_record(actor=consultant, trajectory=closed, kind=K.CLOSED, date=days_ago(5), reason="moved")

    today = timezone.localdate()
    overdue_check_ins = set(
        DueItem.objects.filter(kind__in=CHECK_IN_KINDS, due__lt=today).values_list("trajectory_id", flat=True)
    )
    assert overdue_check_ins == {missed.pk}  # Vandaag: only the open trajectory's miss

    rows = _rows(as_user(team_lead).get(TEAM))
    overview = team_overview(
        organisation_id=consultant.organisation_id, team_id=None, period=period_of("3", today), today=today
    )
    assert overview.rows[0].outflows is None  # 4 outflows: "< 5"
    assert rows["Consulent Test"].aftercare_done is None

    # The status per outflow.
    def status(contacts, closed_on=None, outflow_days=50):
        return aftercare_status(
            outflow_on=days_ago(outflow_days),
            extensions=0,
            closed_on=closed_on,
            contact_dates=sorted(days_ago(d) for d in contacts),
            follow_up_dates=[],
            today=today,
        )

    assert status([40]) == AFTERCARE_DONE
    assert status([]) == AFTERCARE_MISSED
    assert status([], outflow_days=10) == AFTERCARE_NONE_DUE
    assert status([], closed_on=days_ago(5)) == AFTERCARE_MISSED
    # Closed before the first check-in was due: nothing was due.
    assert status([], closed_on=days_ago(45)) == AFTERCARE_NONE_DUE


PURPOSES = ("status_check", "aftercare_check_in", "aftercare_follow_up")


@settings(max_examples=400, deadline=None)
@given(
    outflow_days=st.integers(1, 420),
    extensions=st.integers(0, 2),
    contacts=st.lists(st.tuples(st.integers(-20, 420), st.sampled_from(PURPOSES)), max_size=8),
    closed_after=st.one_of(st.none(), st.integers(0, 420)),
)
def test_the_aftercare_status_is_what_the_agenda_rules_say(outflow_days, extensions, contacts, closed_after):
    """The page counts the check-ins done instead of matching them one by one: the same answer as
    the agenda's rules (due_rules), for any outflow, extensions, contacts and closure."""
    today = dt.date(2026, 6, 15)
    outflow_on = today - dt.timedelta(days=outflow_days)
    closed_on = None if closed_after is None else min(today, outflow_on + dt.timedelta(days=closed_after))
    dated = [(outflow_on + dt.timedelta(days=offset), purpose) for offset, purpose in contacts]
    dated = [(day, purpose) for day, purpose in dated if day <= (closed_on or today)]
    facts = due_rules.TrajectoryFacts(
        registered_on=outflow_on - dt.timedelta(days=60),
        first_conversation_on=outflow_on - dt.timedelta(days=40),
        outflow_on=outflow_on,
        aftercare_extensions=tuple(outflow_on + dt.timedelta(days=1 + i) for i in range(extensions)),
        contacts=tuple(due_rules.ContactFact(date=day, channel="phone", purpose=purpose) for day, purpose in dated),
    )
    due = [
        item
        for item in due_rules.all_items(facts)
        if item.kind in CHECK_IN_KINDS
        and item.due < today
        and (closed_on is None or item.kind == "aftercare_follow_up" or item.due <= closed_on)
    ]
    expected = (
        AFTERCARE_NONE_DUE
        if not due
        else AFTERCARE_DONE
        if all(item.done_on is not None for item in due)
        else AFTERCARE_MISSED
    )
    after = [(day, purpose) for day, purpose in dated if day > outflow_on]
    assert (
        aftercare_status(
            outflow_on=outflow_on,
            extensions=extensions,
            closed_on=closed_on,
            contact_dates=sorted(day for day, _purpose in after),
            follow_up_dates=[day for day, purpose in after if purpose == "aftercare_follow_up"],
            today=today,
        )
        == expected
    )


def test_an_outflow_before_the_period_is_left_out(consultant, team_lead, as_user):
    for _ in range(5):
        _in_phase(consultant, AFTERCARE, outflow_days=200)
    rows = _rows(as_user(team_lead).get(TEAM))
    assert rows["Consulent Test"].outflows == 0
    assert rows["Consulent Test"].caseload[AFTERCARE] == 5
    rows = _rows(as_user(team_lead).get(TEAM, {"periode": "12"}))
    assert rows["Consulent Test"].outflows == 5


@pytest.mark.parametrize("persona", ["consultant", "admin"])
def test_only_team_leads_open_the_team_page(persona, consultant, admin, as_user):
    user = {"consultant": consultant, "admin": admin}[persona]
    assert as_user(user).get(TEAM).status_code == 403


def test_the_team_page_is_on_the_insights_index_for_team_leads_only(team_lead, consultant, as_user):
    assert TEAM in as_user(team_lead).get(reverse("insights")).content.decode()
    assert TEAM not in as_user(consultant).get(reverse("insights")).content.decode()


def test_another_organisation_is_never_counted(organisation, outsider, other_team, as_user):
    client = as_user(outsider)
    response = client.get(TEAM)
    assert response.status_code == 200
    rows = _rows(response)
    assert list(rows) == ["Vreemde Test"]
    assert rows["Vreemde Test"].caseload[FOLLOW_UP] == 6
    page = response.content.decode()
    assert "Consulent Test" not in page and "Jongerenteam" not in page
    # Another organisation's team in the link: not a choice, so all of the own organisation.
    rows = _rows(client.get(TEAM, {"team": other_team.pk}))
    assert list(rows) == ["Vreemde Test"]


def _build(consultants, youths_each):
    for consultant in consultants:
        for i in range(youths_each):
            youth, trajectory = _in_phase(consultant, [FOLLOW_UP, AFTERCARE, SEARCH][i % 3], email=True)
            _contact(consultant, trajectory, 2)
            portal_invite(actor=consultant, youth=youth)
            _write_and_answer(consultant, youth, at=_three_days_ago_at_nine(), answer_after=dt.timedelta(hours=1))


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TEAM, params).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_consultants_or_youths(org, team, team_lead, as_user):
    client = as_user(team_lead)
    client.get(TEAM)  # the first request also saves the session
    first = [make_user(f"c{i}", org, "consultant", team) for i in range(2)]
    _build(first, 2)
    cache.clear()  # counted afresh each time (the page keeps its numbers 5 minutes)
    small = _queries(client)
    more = [make_user(f"d{i}", org, "consultant", team) for i in range(6)]
    _build(first + more, 4)
    cache.clear()
    large = _queries(client)
    assert small == large
    assert large <= 13  # the session, the user, the second factor and ten of the page's own
    assert _queries(client, team=team.pk, periode="12") == large


def test_a_reload_within_five_minutes_shows_the_same_count_and_says_when(org, team, team_lead, as_user):
    client = as_user(team_lead)
    consultants = [make_user(f"c{i}", org, "consultant", team) for i in range(2)]
    _build(consultants, 2)
    first = client.get(TEAM)
    assert "Geteld om" in first.content.decode()
    again = _queries(client)
    assert again <= 4  # the session, the user, the second factor, the teams: nothing counted again
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert _queries(client) > again  # counted afresh after five minutes
