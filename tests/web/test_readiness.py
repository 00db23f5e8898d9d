"""/gezond/klaar/: what a load balancer asks before it sends users to this server. No sign-in, no
personal data; 503 with Retry-After when the database or its migrations are not there."""

import pytest
from django.core.management import call_command
from django.template import loader
from django.test import Client

from koers.jobs.management.commands.worker import Command as WorkerCommand
from koers.outbox.models import WorkerHeartbeat

READY = "/gezond/klaar/"


def _ready():
    response = Client().get(READY)
    return response, response.json()


def test_ready_on_a_migrated_database_and_no_worker_yet(db):
    response, report = _ready()

    assert response.status_code == 200, report
    assert report == {
        "database": "ok",
        "migrations": "ok",
        "worker_seen_seconds_ago": None,
        "warnings": ["worker_not_seen_recently"],
    }
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies  # no session, no CSRF cookie: nothing about whoever asks


def test_a_worker_round_shows_as_seen_just_now(db):
    call_command("worker", "--once")

    response, report = _ready()

    assert response.status_code == 200
    assert 0 <= report["worker_seen_seconds_ago"] <= 5
    assert report["warnings"] == []


def test_a_worker_unseen_for_over_five_minutes_is_a_warning_not_a_refusal(db):
    from django.utils import timezone

    WorkerHeartbeat.objects.create(pk=1, seen_at=timezone.now() - timezone.timedelta(minutes=6))

    response, report = _ready()

    assert response.status_code == 200
    assert 360 <= report["worker_seen_seconds_ago"] <= 370
    assert report["warnings"] == ["worker_not_seen_recently"]


def test_a_worker_writes_its_heartbeat_at_most_once_a_minute(db, django_assert_num_queries):
    worker = WorkerCommand()
    worker._round([])  # the first round writes the row
    with django_assert_num_queries(0):
        worker._round([])  # five seconds later: nothing written


def test_once_the_migrations_were_found_applied_a_check_costs_two_queries(db, django_assert_max_num_queries):
    _ready()
    with django_assert_max_num_queries(2):  # SELECT 1 and the worker's heartbeat
        response, _report = _ready()
    assert response.status_code == 200


def test_the_bare_health_view_still_needs_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/gezond/")
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_not_ready_while_a_migration_is_not_applied():
    _ready()  # found applied once: the check must not keep that when a migration is rolled back
    call_command("migrate", "outbox", "0001", verbosity=0)
    try:
        response, report = _ready()
        assert response.status_code == 503
        assert response["Retry-After"] == "5"
        assert report["database"] == "ok" and report["migrations"] == "pending"
        assert report["worker_seen_seconds_ago"] is None
    finally:
        call_command("migrate", "outbox", verbosity=0)
    response, report = _ready()
    assert response.status_code == 200 and report["migrations"] == "ok"


def test_the_outage_page_renders_without_a_request_or_database():
    html = loader.get_template("503.html").render({})
    assert "Koers is even niet bereikbaar" in html and '<html lang="nl">' in html
