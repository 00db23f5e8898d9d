"""The admin's background jobs: read-only, in Dutch, for platform operators only; django-q2's own pages are gone."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.jobs.models import JobRun, JobSchedule
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    user = make_user("platform", None, "")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def runs():
    call_command("worker", "--once")  # makes the schedules
    failed = JobRun.objects.create(
        id="a" * 32,
        name="fails",
        func="koers.jobs.cleanup.cleanup_run",
        group="cleanup",
        success=False,
        started="2026-12-07T02:30:00Z",
        stopped="2026-12-07T02:30:01Z",
        result="RuntimeError: schijf vol",
        attempt_count=3,
    )
    return failed


def test_operators_see_the_schedules_and_runs_in_dutch(operator, runs, as_user):
    client = as_user(operator)

    schedules = client.get("/admin/jobs/jobschedule/").content.decode()
    assert "Dossiers na hun bewaartermijn voordragen en vernietigen" in schedules and "planning" in schedules
    detail = client.get(f"/admin/jobs/jobrun/{runs.pk}/change/").content.decode()
    assert "RuntimeError: schijf vol" in detail
    index = client.get("/admin/").content.decode()
    assert "Uitgevoerde taken" in index and "Taken op de achtergrond" in index


def test_the_list_of_runs_costs_the_same_queries_for_few_and_many_runs(
    operator, runs, as_user, django_assert_num_queries
):
    client = as_user(operator)
    client.get("/admin/jobs/jobrun/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/jobs/jobrun/?gelukt=nee").status_code == 200
    JobRun.objects.bulk_create(
        JobRun(
            id=f"{number:032d}",
            name=f"run {number}",
            func="koers.jobs.cleanup.cleanup_run",
            group="cleanup",
            success=False,
            started=runs.started,
            stopped=runs.stopped,
            result="x",
            attempt_count=1,
        )
        for number in range(40)
    )
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get("/admin/jobs/jobrun/?gelukt=nee")
    assert page.status_code == 200 and "41 uitgevoerde taken" in page.content.decode()


def test_operators_cannot_change_a_schedule_or_run_a_task_by_hand(operator, runs, as_user):
    client = as_user(operator)
    schedule = JobSchedule.objects.get(name="cleanup")

    assert client.get("/admin/jobs/jobschedule/add/").status_code == 403
    assert client.post(f"/admin/jobs/jobschedule/{schedule.pk}/change/", {"func": "os.system"}).status_code == 403
    assert client.get(f"/admin/jobs/jobrun/{runs.pk}/delete/").status_code == 403
    for page in ("schedule", "success", "failure", "ormq"):
        assert client.get(f"/admin/django_q/{page}/").status_code == 404
    schedule.refresh_from_db()
    assert schedule.func == "koers.jobs.cleanup.cleanup_run"


def test_functional_admins_and_other_staff_do_not_see_the_jobs(admin, consultant, runs, as_user):
    for user in (admin, consultant):
        client = as_user(user)
        assert client.get("/admin/jobs/jobrun/").status_code in (302, 403)
        assert "Taken op de achtergrond" not in client.get("/admin/").content.decode()
