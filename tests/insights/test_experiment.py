"""The caseload experiment: a team lead makes a group of consultants from a date and compares it
with the other consultants and with itself before, on throughput time, contacts per youth per
month and outflow, with sample sizes and bootstrap intervals; small cells hidden; team leads of
the organisation only."""

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.insights.models import CountKind, ExperimentGroup, PracticeCount, TrajectoryFacts
from koers.insights.selectors.experiment import windows_of
from koers.insights.services.experiment import experiment_group_save
from koers.lib.workdays import add_months
from koers.trajectories.models import Trajectory, Youth
from koers.web.once import new_key
from tests.conftest import born_years_ago

PAGE = reverse("insights_experiment")
_numbers = itertools.count()


def _start(today: dt.date) -> dt.date:
    """The group's date: the first of the month three months ago (three whole months after it)."""
    year, month0 = divmod(today.year * 12 + today.month - 1 - 3, 12)
    return dt.date(year, month0 + 1, 1)


@pytest.fixture
def start():
    return _start(timezone.localdate())


def facts(consultant, *, registered_on, outflow_on=None, closed_on=None):
    """A trajectory and its summary row as the worker would write it (the page reads only these)."""
    number = next(_numbers)
    youth = Youth.objects.create(
        organisation_id=consultant.organisation_id,
        consultant=consultant,
        first_name=f"Exp{number}",
        last_name="Test",
        birth_date=born_years_ago(22),
    )
    trajectory = Trajectory.objects.create(organisation_id=consultant.organisation_id, youth=youth)
    return TrajectoryFacts.objects.create(
        trajectory=trajectory,
        organisation_id=consultant.organisation_id,
        consultant_key=consultant.pk,
        team_key=consultant.team_id or 0,
        registered_on=registered_on,
        outflow_on=outflow_on,
        closed_on=closed_on,
        days_to_outflow=(outflow_on - registered_on).days if outflow_on else None,
        refreshed_at=timezone.now(),
    )


def outflows(consultant, start, *, before=(), after=()):
    """Trajectories flowing out 10 days into the month before (or after) the start, after the
    given numbers of days; all registered long before and still open (in aftercare)."""
    for days in before:
        out = start - dt.timedelta(days=20)
        facts(consultant, registered_on=out - dt.timedelta(days=days), outflow_on=out)
    for days in after:
        out = start + dt.timedelta(days=10)
        facts(consultant, registered_on=out - dt.timedelta(days=days), outflow_on=out)


def contacts(consultant, month: dt.date, count: int):
    PracticeCount.objects.create(
        organisation_id=consultant.organisation_id,
        consultant_key=consultant.pk,
        team_key=consultant.team_id or 0,
        month=month,
        phase="search_period",
        kind=CountKind.CONTACT,
        count=count,
    )


@pytest.fixture
def group(team_lead, consultant, start):
    return experiment_group_save(
        actor=team_lead, name="Kleinere caseload", starts_on=start, consultant_ids=[consultant.pk], note="45 naar 30"
    )


@pytest.fixture
def known_data(consultant, colleague, other_team_consultant, start):
    # The group (one consultant): 170 days before, 120 after.
    outflows(consultant, start, before=(150, 160, 170, 180, 190), after=(100, 110, 120, 130, 140))
    # The others: 200 days before, 210 after.
    outflows(colleague, start, before=(180, 190, 200), after=(200, 210, 220))
    outflows(other_team_consultant, start, before=(205, 210, 215), after=(190, 205, 215))
    # Contacts: the group 10 a month before and 20 after; the others 6 a month throughout.
    for m in range(3):
        month_before = _month_before(start, 3 - m)
        month_after = add_months(start, m)
        contacts(consultant, month_before, 10)
        contacts(consultant, month_after, 20)
        contacts(colleague, month_before, 6)
        contacts(colleague, month_after, 6)
        contacts(other_team_consultant, month_before, 6)
        contacts(other_team_consultant, month_after, 6)


def _month_before(start: dt.date, months: int) -> dt.date:
    year, month0 = divmod(start.year * 12 + start.month - 1 - months, 12)
    return dt.date(year, month0 + 1, 1)


def _experiment(client, group):
    response = client.get(PAGE, {"groep": group.pk})
    assert response.status_code == 200
    return response, response.context["experiment"], {m.key: m for m in response.context["measures"]}


def test_periods_are_whole_months_up_to_the_last_complete_one():
    before, after = windows_of(dt.date(2026, 3, 14), dt.date(2026, 8, 20))
    assert (after.first, after.until, after.months) == (dt.date(2026, 4, 1), dt.date(2026, 8, 1), 4)
    assert (before.first, before.until) == (dt.date(2025, 12, 1), dt.date(2026, 4, 1))
    assert windows_of(dt.date(2026, 8, 1), dt.date(2026, 8, 20)) is None  # no whole month yet
    long_ago = windows_of(dt.date(2020, 1, 1), dt.date(2026, 8, 20))
    assert long_ago[1].months == 12  # at most a year after


def test_the_comparison_on_known_data(known_data, group, team_lead, as_user):
    response, experiment, measures = _experiment(as_user(team_lead), group)
    throughput = measures["throughput"].measure
    assert throughput.cells["group_before"].value == 170 and throughput.cells["group_before"].n == 5
    assert throughput.cells["group_after"].value == 120 and throughput.cells["group_after"].n == 5
    assert throughput.cells["others_before"].value == pytest.approx(202.5)
    assert throughput.cells["others_after"].value == pytest.approx(207.5)
    comparisons = {c.key: c.interval for c in throughput.comparisons}
    assert comparisons["group_after_vs_before"].estimate == -50
    assert comparisons["change_group_vs_others"].estimate == pytest.approx(-55)
    interval = comparisons["after_group_vs_others"]
    assert interval.lower <= interval.estimate <= interval.upper and interval.upper < 0

    # Contacts per youth per month: the group's consultant holds 10 open trajectories all along.
    contact = measures["contacts"].measure
    assert contact.cells["group_before"].value == pytest.approx(30 / 30)
    assert contact.cells["group_after"].value == pytest.approx(60 / 30)
    assert contact.cells["group_after"].n == 1 and contact.cells["group_after"].youths == 10
    assert contact.cells["others_after"].n == 2

    # Outflow: before the start all ten of the group's were waiting and five went; after, five of five.
    outflow = measures["outflow"].measure
    assert outflow.cells["group_before"].value == pytest.approx(0.5) and outflow.cells["group_before"].n == 10
    assert outflow.cells["group_after"].value == pytest.approx(1.0)

    page = response.content.decode()
    assert "Wat deze vergelijking wel en niet laat zien" in page
    assert "niet door loting gekozen" in page
    assert "95 %-interval" in page
    # Every chart has its table, first in the page.
    chart = page.index('id="experiment-throughput"')
    assert page.index("<table", chart) < page.index("<svg", chart)


def test_the_page_is_the_same_on_every_view(known_data, group, team_lead, as_user):
    client = as_user(team_lead)
    first = [m.lines for m in _experiment(client, group)[2].values()]
    again = [m.lines for m in _experiment(client, group)[2].values()]
    assert first == again


def test_a_cell_about_fewer_than_five_youths_is_not_shown_nor_the_differences_that_need_it(
    consultant, colleague, other_team_consultant, start, group, team_lead, as_user
):
    outflows(consultant, start, before=(150, 160, 170), after=(100, 110, 120, 130, 140))
    outflows(colleague, start, before=(180, 190, 200), after=(200, 210, 220))
    outflows(other_team_consultant, start, before=(205, 210, 215), after=(190, 205, 215))
    response, _experiment_, measures = _experiment(as_user(team_lead), group)
    throughput = measures["throughput"].measure
    assert throughput.cells["group_before"].value is None and throughput.cells["group_before"].n is None
    comparisons = {c.key: c.interval for c in throughput.comparisons}
    assert comparisons["group_after_vs_before"] is None and comparisons["change_group_vs_others"] is None
    assert comparisons["after_group_vs_others"] is not None
    page = response.content.decode()
    assert "&lt; 5 trajecten" in page
    assert "Niet te berekenen: te weinig jongeren" in page


def test_a_team_lead_makes_changes_and_removes_a_group_on_the_page(consultant, colleague, team_lead, as_user, start):
    client = as_user(team_lead)
    form = client.get(PAGE, {"formulier": "nieuw"})
    assert form.status_code == 200 and "Consulenten in de groep" in form.content.decode()
    key = new_key()
    fields = {
        "name": "Pilot Noord",
        "starts_on": start.isoformat(),
        "consultant_ids": [consultant.pk, colleague.pk],
        "note": "Caseload van 45 naar 30.",
        "idempotency_key": key,
    }
    response = client.post(f"{PAGE}?formulier=nieuw", fields)
    group = ExperimentGroup.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?groep={group.pk}")
    assert set(group.consultants.values_list("pk", flat=True)) == {consultant.pk, colleague.pk}
    client.post(f"{PAGE}?formulier=nieuw", fields)  # sent twice: saved once
    assert ExperimentGroup.objects.count() == 1

    client.post(f"{PAGE}?formulier={group.pk}", {**fields, "name": "Pilot Noord 2", "idempotency_key": new_key()})
    group.refresh_from_db()
    assert group.name == "Pilot Noord 2"

    duplicate = client.post(
        f"{PAGE}?formulier=nieuw", {**fields, "name": "Pilot Noord 2", "idempotency_key": new_key()}
    )
    assert duplicate.status_code == 200
    assert "Er is al een groep met deze naam" in duplicate.content.decode()
    empty = client.post(f"{PAGE}?formulier=nieuw", {**fields, "consultant_ids": [], "idempotency_key": new_key()})
    assert "Dit veld is verplicht" in empty.content.decode() or "Kies minstens één consulent" in empty.content.decode()

    client.post(reverse("insights_experiment_delete", args=[group.pk]))
    assert not ExperimentGroup.objects.exists()


def test_team_leads_only_and_never_another_organisations_groups_or_consultants(
    group, consultant, admin, outsider, team_lead, as_user, start
):
    assert as_user(consultant).get(PAGE).status_code == 403
    assert as_user(admin).get(PAGE).status_code == 403
    assert as_user(consultant).post(f"{PAGE}?formulier=nieuw", {"name": "x"}).status_code == 403
    assert as_user(consultant).post(reverse("insights_experiment_delete", args=[group.pk])).status_code == 403

    theirs = as_user(outsider)
    response = theirs.get(PAGE, {"groep": group.pk})
    assert response.context["chosen"] is None and "Kleinere caseload" not in response.content.decode()
    # Editing our group from there makes nothing of ours, and our consultant cannot be chosen.
    refused = theirs.post(
        f"{PAGE}?formulier={group.pk}",
        {"name": "Overname", "starts_on": start.isoformat(), "consultant_ids": [consultant.pk]},
    )
    assert refused.status_code == 200
    assert "Kies consulenten van uw eigen organisatie." in refused.content.decode()
    theirs.post(reverse("insights_experiment_delete", args=[group.pk]))
    assert ExperimentGroup.objects.filter(pk=group.pk, name="Kleinere caseload").exists()
    # The other organisation's trajectories never count in ours.
    facts(outsider, registered_on=start - dt.timedelta(days=300), outflow_on=start + dt.timedelta(days=5))
    _response, _experiment_, measures = _experiment(as_user(team_lead), group)
    assert measures["throughput"].measure.cells["others_after"].n == 0


def _queries(client, group) -> int:
    cache.clear()  # the comparison is kept five minutes (koers.insights.recent): count the counting
    with CaptureQueriesContext(connection) as context:
        _experiment(client, group)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_data(
    django_assert_num_queries, consultant, colleague, other_team_consultant, group, team_lead, as_user, start
):
    client = as_user(team_lead)
    client.get(PAGE)
    few = _queries(client, group)
    outflows(consultant, start, before=range(100, 200, 10), after=range(100, 200, 10))
    outflows(colleague, start, before=range(150, 250, 10), after=range(150, 250, 10))
    outflows(other_team_consultant, start, before=range(150, 250, 10), after=range(150, 250, 10))
    for person in (consultant, colleague, other_team_consultant):
        for m in range(3):
            contacts(person, add_months(start, m), 25)
    experiment_group_save(
        actor=team_lead,
        name="Kleinere caseload",
        starts_on=start,
        consultant_ids=[consultant.pk, colleague.pk],
        group=group,
    )
    cache.clear()
    with django_assert_num_queries(few):
        _experiment(client, group)
    assert few <= 9  # the session and sign-in (3), the groups (2), the four reads of the comparison


def test_the_comparison_is_kept_five_minutes_and_a_changed_group_is_counted_afresh(
    consultant, colleague, group, team_lead, as_user, start
):
    client = as_user(team_lead)
    first, experiment, _measures = _experiment(client, group)
    assert "Geteld om" in first.content.decode()
    outflows(colleague, start, before=range(100, 200, 10), after=range(100, 200, 10))
    again, kept, _measures = _experiment(client, group)
    assert kept == experiment  # the same numbers, without counting again
    experiment_group_save(
        actor=team_lead,
        name="Kleinere caseload",
        starts_on=start,
        consultant_ids=[consultant.pk, colleague.pk],
        group=group,
    )
    _response, changed, _measures = _experiment(client, group)
    assert changed != experiment
