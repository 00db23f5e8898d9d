"""Doorlooptijd: registration to outflow per route and destination, outflow within half a year and
a year, the days per phase, from the summary the worker fills; filters; small numbers hidden;
for team leads of the organisation only."""

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.insights.models import TrajectoryFacts
from koers.insights.selectors.throughput import NO_ROUTE, ThroughputFilter, cohort
from koers.insights.services.throughput import trajectory_facts_fill
from koers.trajectories.models import Milestone, MilestoneKind, Phase
from koers.trajectories.services import milestone_record, milestone_withdraw, trajectory_create, youth_create
from tests.conftest import born_years_ago, days_ago

K = MilestoneKind
PAGE = reverse("insights_throughput")
_numbers = itertools.count()


def make_trajectory(
    consultant,
    *,
    registered_ago: int,
    outflow_after: int | None = None,
    route: str = "work",
    destination: str = "work",
    invited: bool = True,
    target_groups=(),
):
    """A youth of `consultant` registered `registered_ago` days ago: invited after 2 days, first
    conversation after 10, the plan (with `route`) after 40, and the outflow after `outflow_after`."""
    number = next(_numbers)
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name=f"Jongere{number:04d}",
        last_name="Doorloop",
        birth_date=born_years_ago(22, month=1 + number % 12, day=1 + number % 28),
        target_groups=list(target_groups),
    )
    registered = days_ago(registered_ago)
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=registered, source="uwv")

    def record(kind, after, **extra):
        return milestone_record(
            actor=consultant, trajectory=trajectory, kind=kind, date=registered + dt.timedelta(days=after), **extra
        )

    if invited:
        record(K.INVITATION, 2)
    record(K.FIRST_CONVERSATION, 10)
    if route:
        record(K.PLAN_CONVERSATION, 40, route=route)
    if outflow_after is not None:
        record(K.OUTFLOW, outflow_after, destination=destination)
    return trajectory


def fill():
    while trajectory_facts_fill():
        pass


def page_data(client, **params):
    response = client.get(PAGE, {"van": days_ago(500).isoformat(), **params})
    assert response.status_code == 200
    return response, response.context["data"]


def _row(rows, key):
    return next(row for row in rows if row.key == key)


@pytest.fixture
def known_set(consultant):
    """Six to work (100 to 200 days, 20 apart), five to school (60, 70, 80, 90, 300 days), five in
    care without outflow; all registered 400 days ago."""
    for days in (100, 120, 140, 160, 180, 200):
        make_trajectory(consultant, registered_ago=400, outflow_after=days)
    for days in (60, 70, 80, 90, 300):
        make_trajectory(consultant, registered_ago=400, outflow_after=days, route="school", destination="school")
    for _ in range(5):
        make_trajectory(consultant, registered_ago=400, route="care")
    fill()


def test_median_and_quartiles_per_route_and_destination(known_set, team_lead, as_user):
    response, data = page_data(as_user(team_lead))
    work = _row(data.by_route, "work")
    assert work.count == 6
    assert (work.spread.q1, work.spread.median, work.spread.q3) == (125, 150, 175)
    school = _row(data.by_route, "school")
    assert school.count == 5 and school.spread.median == 80
    assert _row(data.by_route, "care").count == 0
    assert _row(data.by_destination, "school").spread.median == 80
    assert data.total.count == 11 and data.total.spread.median == 120  # 60 70 80 90 100 [120] 140 ... 300
    assert data.registered == 16 and data.with_outflow == 11
    page = response.content.decode()
    assert "<strong>150</strong>" in page and "125–175" in page
    # The chart comes with its table: the table first, the drawing hidden from screen readers.
    assert page.index("<table", page.index('id="doorlooptijd-route"')) < page.index(
        "<svg", page.index('id="doorlooptijd-route"')
    )


def test_outflow_within_half_a_year_and_a_year_hides_small_cells_and_their_complement(known_set, team_lead, as_user):
    _response, data = page_data(as_user(team_lead))
    half_year, year = 0, 1
    work, school, care = (_row(data.rates, key) for key in ("work", "school", "care"))
    # Within a year: every work and school trajectory flowed out.
    assert (work.cells[year].started, work.cells[year].out, work.cells[year].share) == (6, 6, 1.0)
    assert (school.cells[year].started, school.cells[year].out) == (5, 5)
    # Within half a year one of six did not: that 1 is hidden, and so is the 5 it could be worked back from.
    assert work.cells[half_year].started == 6 and work.cells[half_year].out is None
    assert work.cells[half_year].share is None
    # Five in care, none flowed out: shown (zero is not a small number).
    assert (care.cells[year].started, care.cells[year].out) == (5, 0)
    everyone = _row(data.rates, "all")
    assert (everyone.cells[year].started, everyone.cells[year].out) == (16, 11)
    # 9 of 16 within half a year: shown, as the two hidden cells it holds (5 and 4) stay unknown.
    assert everyone.cells[half_year].out == 9


def test_a_total_that_would_give_away_a_small_number_is_hidden_with_what_adds_up_to_it(consultant, team_lead, as_user):
    for _ in range(5):
        make_trajectory(consultant, registered_ago=300, outflow_after=100)
    make_trajectory(consultant, registered_ago=300)  # one without outflow
    fill()
    _response, data = page_data(as_user(team_lead))
    assert data.registered == 6
    assert data.with_outflow is None  # 6 - 5 would say that one has not flowed out yet
    assert data.total.count is None and data.total.spread is None
    assert _row(data.by_route, "work").count is None  # it would add up to the hidden total


def test_only_trajectories_registered_long_enough_ago_count_for_the_rates(consultant, team_lead, as_user):
    for _ in range(5):
        make_trajectory(consultant, registered_ago=250, outflow_after=100)
    fill()
    _response, data = page_data(as_user(team_lead))
    work = _row(data.rates, "work")
    assert work.cells[0].started == 5 and work.cells[0].out == 5  # registered 250 days ago: half a year counts
    assert work.cells[1].started == 0  # not yet a year ago: nothing to count


def test_days_per_phase(consultant, team_lead, as_user):
    for _ in range(5):
        make_trajectory(consultant, registered_ago=300, outflow_after=100)
    for _ in range(5):
        make_trajectory(consultant, registered_ago=300, invited=False, route="")
    fill()
    _response, data = page_data(as_user(team_lead))
    phases = {row.key: row for row in data.phases}
    assert phases[Phase.REGISTRATION].count == 10
    assert phases[Phase.REGISTRATION].spread is not None
    assert phases[Phase.INVITED].count == 5 and phases[Phase.INVITED].spread.median == 8  # day 2 to day 10
    assert phases[Phase.SEARCH_PERIOD].count == 5 and phases[Phase.SEARCH_PERIOD].spread.median == 30
    assert phases[Phase.FOLLOW_UP].spread.median == 60  # plan at day 40, outflow at day 100
    assert phases[Phase.AFTERCARE].count == 0  # still in aftercare: not yet a finished phase


def test_a_withdrawn_outflow_is_not_counted_and_a_corrected_one_counts_its_new_date(consultant, team_lead, as_user):
    withdrawn = [make_trajectory(consultant, registered_ago=300, outflow_after=100) for _ in range(5)]
    corrected = [make_trajectory(consultant, registered_ago=300, outflow_after=100) for _ in range(5)]
    fill()
    for trajectory in withdrawn:
        outflow = Milestone.objects.get(trajectory=trajectory, kind=K.OUTFLOW)
        milestone_withdraw(actor=consultant, milestone=outflow, note="Per ongeluk vastgelegd")
    for trajectory in corrected:
        outflow = Milestone.objects.get(trajectory=trajectory, kind=K.OUTFLOW)
        milestone_record(
            actor=consultant,
            trajectory=trajectory,
            kind=K.OUTFLOW,
            date=outflow.date + dt.timedelta(days=20),
            destination="school",
            replaces=outflow,
        )
    fill()
    _response, data = page_data(as_user(team_lead))
    assert data.with_outflow == 5
    assert data.total.spread.median == 120
    assert _row(data.by_destination, "school").count == 5 and _row(data.by_destination, "work").count == 0


def test_small_numbers_show_as_less_than_five_and_no_median(consultant, team_lead, as_user):
    for days in (100, 110, 120):
        make_trajectory(consultant, registered_ago=300, outflow_after=days)
    fill()
    response, data = page_data(as_user(team_lead))
    assert data.registered is None and data.with_outflow is None
    assert _row(data.by_route, "work").count is None and _row(data.by_route, "work").spread is None
    assert data.total.spread is None
    page = response.content.decode()
    assert "zijn &lt; 5 trajecten gemeld" in page
    assert "De helft van hen stroomde uit" not in page
    assert "niet getoond (kleine aantallen)" in page


def test_the_filters_select_the_trajectories(consultant, colleague, other_team_consultant, org):
    mine = make_trajectory(consultant, registered_ago=300, outflow_after=100, target_groups=["autism"])
    make_trajectory(colleague, registered_ago=300, route="school")
    theirs = make_trajectory(other_team_consultant, registered_ago=300, route="")
    make_trajectory(consultant, registered_ago=700, outflow_after=100)  # before the period
    fill()
    base = ThroughputFilter(organisation_id=org.pk, first=days_ago(500), last=days_ago(0))

    def ids(**changes):
        return set(cohort(ThroughputFilter(**{**base.__dict__, **changes})).values_list("trajectory_id", flat=True))

    assert len(ids()) == 3
    assert ids(team_id=other_team_consultant.team_id) == {theirs.pk}
    assert ids(consultant_id=consultant.pk) == {mine.pk}
    assert ids(route=NO_ROUTE) == {theirs.pk}
    assert ids(route="work") == {mine.pk}
    assert ids(target_group="autism") == {mine.pk}
    assert ids(target_group="refugee_residence_permit") == set()
    assert len(ids(first=days_ago(800))) == 4


def test_the_page_passes_its_filters_on(consultant, other_team_consultant, team_lead, as_user):
    for _ in range(5):
        make_trajectory(consultant, registered_ago=300, outflow_after=100)
    make_trajectory(other_team_consultant, registered_ago=300, outflow_after=100)
    fill()
    client = as_user(team_lead)
    assert page_data(client)[1].registered == 6
    assert page_data(client, team=consultant.team_id)[1].registered == 5
    assert page_data(client, consulent=other_team_consultant.pk)[1].registered is None  # one: "< 5"
    # A period ending before it starts is refused at the field; the page shows the default period.
    response, data = page_data(client, van=days_ago(10).isoformat(), tot=days_ago(20).isoformat())
    assert "Kies een einddatum na de begindatum." in response.content.decode()


def test_team_leads_only_and_never_another_organisations_trajectories(consultant, team_lead, admin, outsider, as_user):
    for _ in range(5):
        make_trajectory(consultant, registered_ago=300, outflow_after=100)
    fill()
    assert as_user(consultant).get(PAGE).status_code == 403
    assert as_user(admin).get(PAGE).status_code == 403
    assert page_data(as_user(team_lead))[1].registered == 5
    # A team lead of another organisation sees their own (none), not these.
    _response, theirs = page_data(as_user(outsider))
    assert theirs.registered == 0 and theirs.with_outflow == 0
    # Consultants of another organisation cannot be chosen to peek at them.
    response = as_user(outsider).get(PAGE, {"consulent": consultant.pk})
    assert response.context["data"].registered == 0
    assert "Inzicht" in as_user(team_lead).get(reverse("insights")).content.decode()
    assert PAGE in as_user(team_lead).get(reverse("insights")).content.decode()
    assert PAGE not in as_user(consultant).get(reverse("insights")).content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        page_data(client)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_data(
    django_assert_num_queries, consultant, colleague, team_lead, as_user
):
    client = as_user(team_lead)
    make_trajectory(consultant, registered_ago=300, outflow_after=100)
    fill()
    client.get(PAGE)  # the session and the translations are read once
    cache.clear()  # the numbers are kept five minutes (koers.insights.recent): count the counting
    few = _queries(client)
    for number in range(12):
        make_trajectory(
            colleague if number % 2 else consultant,
            registered_ago=200 + number * 10,
            outflow_after=60 + number * 7,
            route=("work", "school", "care", "")[number % 4],
            destination=("work", "school", "other")[number % 3],
        )
    fill()
    cache.clear()
    with django_assert_num_queries(few):
        page_data(client)
    assert few <= 13  # the session and sign-in (3), the filter choices (2), the eight reads of the page


# The fill job.


def test_the_job_refreshes_a_trajectory_after_a_new_milestone_and_is_idempotent(consultant):
    trajectory = make_trajectory(consultant, registered_ago=300)
    fill()
    facts = TrajectoryFacts.objects.get(trajectory=trajectory)
    assert facts.outflow_on is None and facts.route == "work" and facts.days_search_period == 30
    milestone_record(actor=consultant, trajectory=trajectory, kind=K.OUTFLOW, date=days_ago(100), destination="other")
    assert trajectory_facts_fill() == 1
    facts.refresh_from_db()
    assert facts.outflow_on == days_ago(100) and facts.destination == "other" and facts.days_to_outflow == 200
    assert facts.days_follow_up == 200 - 40
    before = TrajectoryFacts.objects.values().get(trajectory=trajectory)
    assert trajectory_facts_fill() == 0  # nothing new
    assert TrajectoryFacts.objects.values().get(trajectory=trajectory) == before
    assert TrajectoryFacts.objects.count() == 1


def test_a_hand_over_moves_an_open_trajectory_but_not_one_that_flowed_out(consultant, colleague, team_lead):
    from koers.trajectories.services import youth_hand_over

    running = make_trajectory(consultant, registered_ago=300)
    ended = make_trajectory(consultant, registered_ago=300, outflow_after=100)
    fill()
    for trajectory in (running, ended):
        youth_hand_over(
            actor=team_lead, youth=trajectory.youth, consultant=colleague, note="Warm overgedragen", youth_informed=True
        )
    assert trajectory_facts_fill() == 2
    assert TrajectoryFacts.objects.get(trajectory=running).consultant_key == colleague.pk
    # The outflow was 200 days ago, with the first consultant: it stays theirs.
    assert TrajectoryFacts.objects.get(trajectory=ended).consultant_key == consultant.pk


def test_rows_not_refreshed_for_a_day_pick_up_markers_and_keep_the_team_of_the_outflow(consultant, other_team, midday):
    running = make_trajectory(consultant, registered_ago=300)
    ended = make_trajectory(consultant, registered_ago=300, outflow_after=100)
    fill()
    team = consultant.team_id
    type(running.youth).objects.filter(pk__in=[running.youth_id, ended.youth_id]).update(
        target_groups=["refugee_residence_permit", "autism"]
    )
    type(consultant).objects.filter(pk=consultant.pk).update(team=other_team)
    TrajectoryFacts.objects.update(refreshed_at=midday - dt.timedelta(days=2))
    assert trajectory_facts_fill() == 2
    running_facts = TrajectoryFacts.objects.get(trajectory=running)
    ended_facts = TrajectoryFacts.objects.get(trajectory=ended)
    assert running_facts.target_groups == "|autism|refugee_residence_permit|"
    assert running_facts.team_key == other_team.pk  # still running: the consultant's team of now
    assert ended_facts.team_key == team  # flowed out in the old team: stays there


def test_rebuild_starts_over(consultant):
    from koers.insights.services.throughput import trajectory_facts_rebuild

    make_trajectory(consultant, registered_ago=300, outflow_after=100)
    make_trajectory(consultant, registered_ago=300)
    fill()
    TrajectoryFacts.objects.update(days_to_outflow=1)
    assert trajectory_facts_rebuild() == 2
    assert sorted(TrajectoryFacts.objects.values_list("days_to_outflow", flat=True), key=str) == [100, None]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_refresh_each_trajectory_once(consultant):
    from koers.insights.models import FillState
    from koers.insights.services.throughput import MILESTONES_STATE
    from tests.concurrency import at_once

    for _ in range(3):
        make_trajectory(consultant, registered_ago=300, outflow_after=100)
    results = at_once(2, lambda _i: trajectory_facts_fill())
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results) == [0, 3]  # the second waited for the first, then found nothing new
    assert TrajectoryFacts.objects.count() == 3
    last = Milestone.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert FillState.objects.get(name=MILESTONES_STATE).last_id == last


def test_the_numbers_are_kept_five_minutes_and_say_when_they_were_counted(consultant, team_lead, as_user):
    client = as_user(team_lead)
    for number in range(5):  # five: a count under five is not shown
        make_trajectory(consultant, registered_ago=300 + number, outflow_after=100)
    fill()
    response, first = page_data(client)
    assert "Geteld om" in response.content.decode()
    assert first.with_outflow == 5
    make_trajectory(consultant, registered_ago=250, outflow_after=80)
    fill()
    assert page_data(client)[1].with_outflow == first.with_outflow  # kept
    cache.clear()  # five minutes later
    assert page_data(client)[1].with_outflow == first.with_outflow + 1
