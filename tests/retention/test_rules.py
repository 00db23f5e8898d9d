"""The retention date of a youth's file (docs/retention.md): the end of the trajectory (outflow
plus aftercare, or the closure) plus the term of its Selectielijst 2020 line, shown in the file."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.retention.models import RetentionLine, RetentionPolicy
from koers.retention.rules import retention, trajectory_end
from koers.retention.selectors import retention_of
from koers.trajectories.models import MilestoneKind as K
from koers.trajectories.services.milestones import milestone_record, trajectory_create
from tests.web.test_queries import YOUTH_FILE_MAX

ids = iter(range(1, 10_000))


def row(kind, day, **extra):
    return SimpleNamespace(
        **{"id": next(ids), "kind": kind, "date": day, "replaces_id": None, "withdrawn": False, **extra}
    )


def keep_until(*trajectories):
    found = retention(trajectory_end(milestones) for milestones in trajectories)
    return found and (found.keep_until, found.line)


STARTED = [row(K.REGISTRATION, dt.date(2026, 1, 5)), row(K.FIRST_CONVERSATION, dt.date(2026, 1, 12))]


def test_a_running_trajectory_has_no_retention_date():
    assert keep_until(STARTED) is None


def test_outflow_keeps_ten_years_after_the_end_of_aftercare():
    outflow = [*STARTED, row(K.OUTFLOW, dt.date(2026, 5, 31))]
    # aftercare ends 3 months after the outflow
    assert keep_until(outflow) == (dt.date(2036, 8, 31), RetentionLine.PROVIDED)
    extended = [*outflow, row(K.AFTERCARE_EXTENSION, dt.date(2026, 8, 1))]
    assert keep_until(extended) == (dt.date(2036, 11, 30), RetentionLine.PROVIDED)


def test_closure_after_aftercare_counts_from_the_closure():
    outflow = [*STARTED, row(K.OUTFLOW, dt.date(2026, 2, 2))]
    assert keep_until([*outflow, row(K.CLOSED, dt.date(2026, 4, 1))]) == (dt.date(2036, 5, 2), "8.1")
    assert keep_until([*outflow, row(K.CLOSED, dt.date(2026, 6, 1))]) == (dt.date(2036, 6, 1), "8.1")


def test_closure_without_a_first_conversation_keeps_six_weeks():
    broken_off = [row(K.REGISTRATION, dt.date(2026, 1, 5)), row(K.CLOSED, dt.date(2026, 1, 20))]
    assert keep_until(broken_off) == (dt.date(2026, 3, 3), RetentionLine.ABORTED)


def test_a_withdrawn_closure_does_not_count():
    closure = row(K.CLOSED, dt.date(2026, 1, 20))
    withdrawal = row(K.CLOSED, dt.date(2026, 1, 20), replaces_id=closure.id, withdrawn=True)
    assert keep_until([row(K.REGISTRATION, dt.date(2026, 1, 5)), closure, withdrawal]) is None


def test_several_trajectories_keep_the_latest_date():
    provided = [*STARTED, row(K.OUTFLOW, dt.date(2026, 2, 2)), row(K.CLOSED, dt.date(2026, 5, 2))]
    broken_off = [row(K.REGISTRATION, dt.date(2026, 9, 1)), row(K.CLOSED, dt.date(2026, 9, 10))]
    assert keep_until(provided, broken_off) == (dt.date(2036, 5, 2), "8.1")
    assert keep_until(provided, STARTED) is None  # one still runs: the whole file is kept


# In the database and on the page.


def _close(consultant, trajectory, day, reason="completed"):
    milestone_record(actor=consultant, trajectory=trajectory, kind=K.CLOSED, date=day, reason=reason)


def _file(client, youth):
    return client.get(reverse("youth_file", args=[youth.pk])).content.decode()


def test_the_file_says_the_trajectory_runs(consultant, youth, trajectory, as_user):
    assert "Nog geen bewaartermijn: het traject loopt" in _file(as_user(consultant), youth)


def test_the_file_shows_the_latest_date_of_two_trajectories(consultant, youth, trajectory, as_user):
    milestone_record(actor=consultant, trajectory=trajectory, kind=K.FIRST_CONVERSATION, date=dt.date(2026, 3, 9))
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=K.OUTFLOW, date=dt.date(2026, 6, 1), destination="work"
    )
    _close(consultant, trajectory, dt.date(2026, 7, 1))
    later = trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 10, 1), source="uwv")
    _close(consultant, later, dt.date(2026, 10, 15), reason="moved")
    page = _file(as_user(consultant), youth)
    # the first: aftercare ended 1 September 2026; the second, broken off: 26 November 2026
    assert "Bewaren tot 1 september 2036 (Selectielijst 2020, 8.1)" in page
    assert retention_of(youth).keep_until == dt.date(2036, 9, 1)


def test_the_organisations_own_term_applies(consultant, youth, trajectory, org, other_org, as_user):
    _close(consultant, trajectory, dt.date(2026, 3, 16), reason="moved")
    assert "Bewaren tot 27 april 2026 (Selectielijst 2020, 8.4.1)" in _file(as_user(consultant), youth)
    RetentionPolicy.objects.create(organisation=other_org, line="8.4.1", years=2, note="ander besluit")
    RetentionPolicy.objects.create(organisation=org, line="8.4.1", years=1, note="besluit van 1 maart 2026")
    assert "Bewaren tot 16 maart 2027 (termijn van de gemeente, Selectielijst 2020, 8.4.1)" in _file(
        as_user(consultant), youth
    )


def _count(client, youth) -> int:
    url = reverse("youth_file", args=[youth.pk])
    client.get(url)  # may renew the session
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("earlier", [False, True])
def test_the_date_keeps_the_file_within_its_queries(consultant, youth, trajectory, as_user, earlier):
    if earlier:
        _close(consultant, trajectory, dt.date(2026, 3, 16), reason="moved")
        trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=dt.date(2026, 4, 1), source="uwv")
    client = as_user(consultant)
    running = _count(client, youth)  # no query for the date while the trajectory runs
    _close(consultant, trajectory, dt.date(2026, 5, 1), reason="moved")
    assert "Bewaren tot" in _file(client, youth)
    assert _count(client, youth) <= YOUTH_FILE_MAX
    assert running <= YOUTH_FILE_MAX


def test_retention_of_reads_at_most_two_queries(consultant, youth, trajectory, django_assert_max_num_queries):
    _close(consultant, trajectory, dt.date(2026, 3, 16), reason="moved")
    with django_assert_max_num_queries(2):
        assert retention_of(youth).line == "8.4.1"
