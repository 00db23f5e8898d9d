"""A database crash-restart under a write load on two app servers: nothing lost, nothing stored twice.

Two `koers serve` processes run on a throw-away PostgreSQL cluster (tests/test_database_outage.py)
with a copy of this test's data. A few clients post contacts through the API, each logical write
with its own `Idempotency-Key`, alternating between the servers and retrying with the same key on
a 503 or a broken connection, as ADR 0005 asks of an API client. Halfway the cluster is stopped as
a crash would (`pg_ctl stop -m immediate`) and started again. Afterwards every write is stored
once, no answer was a 500, and a replay of each key answers as its first success did.
"""

import http.client
import json
import subprocess
import threading
import time

import psycopg
import pytest
from django.db import connection

from koers.accounts.services import api_token_create
from koers.contacts.models import Contact
from tests.conftest import days_ago
from tests.test_database_outage import _pg_bin, cluster, server_on  # noqa: F401 - fixtures
from tests.test_two_app_servers import _database_url

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 4
LOAD_SECONDS = 10
CRASH_AFTER, DOWN_FOR = 3.0, 2.0
# A client gives up on one write after this long: far beyond the outage, so a timeout is a failure.
WRITE_DEADLINE = 40


def copy_test_data_into(database_url: str) -> None:
    """This test's committed rows (users, tokens, youths) into another database."""
    dump = subprocess.run(  # noqa: S603
        [str(_pg_bin() / "pg_dump"), "--no-owner", "-d", _database_url()], check=True, capture_output=True
    )
    subprocess.run(  # noqa: S603
        [str(_pg_bin() / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", database_url],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )


def make_durable(database_url: str) -> None:
    """Commits that survive a crash: the throw-away cluster is tuned for speed, and with
    synchronous_commit off an immediate stop loses transactions the app was told were committed."""
    with psycopg.connect(database_url, autocommit=True) as database:
        database.execute("ALTER SYSTEM SET synchronous_commit = on")
        database.execute("SELECT pg_reload_conf()")
        # A new connection sees the reloaded setting; the servers start after this.
    with psycopg.connect(database_url) as database:
        assert database.execute("SHOW synchronous_commit").fetchone() == ("on",)


def _post(port: int, path: str, body: str, headers: dict) -> tuple[int | None, str]:
    """(status, body), or (None, the error) when the connection broke."""
    try:
        http_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        http_connection.request("POST", path, body=body, headers=headers)
        response = http_connection.getresponse()
        answer = response.read().decode()
        http_connection.close()
    except (OSError, http.client.HTTPException) as error:
        return None, type(error).__name__
    return response.status, answer


def test_a_crash_restart_during_writes_on_two_servers_loses_nothing_and_doubles_nothing(
    cluster,  # noqa: F811
    server_on,  # noqa: F811
    consultant,
    trajectory,
):
    if connection.vendor != "postgresql":
        pytest.skip("the crash is a PostgreSQL cluster's")
    token = api_token_create(user=consultant)
    copy_test_data_into(cluster.url)
    make_durable(cluster.url)
    servers = [server_on(cluster.url), server_on(cluster.url)]
    path = f"/api/v1/trajectories/{trajectory.pk}/contacts"
    statuses: list[int | None] = []
    successes: dict[str, tuple[str, str]] = {}  # key -> (request body, first success's answer)
    failures: list[str] = []
    lock = threading.Lock()
    load_ends = time.monotonic() + LOAD_SECONDS

    def client(number: int) -> None:
        attempt = 0
        for write in range(10_000):
            if time.monotonic() > load_ends:
                return
            key = f"crash-restart-{number}-{write}"
            body = json.dumps({"date": days_ago(1).isoformat(), "channel": "phone", "notes": key})
            headers = {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            }
            gives_up = time.monotonic() + WRITE_DEADLINE
            while True:
                server = servers[attempt % 2]  # the load balancer alternates, retries included
                attempt += 1
                status, answer = _post(server.port, path, body, headers)
                with lock:
                    statuses.append(status)
                if status == 201:
                    with lock:
                        successes[key] = (body, answer)
                    break
                if (status not in (None, 503)) or time.monotonic() > gives_up:
                    with lock:
                        failures.append(f"{key}: {status} {answer[:300]}")
                    return
                time.sleep(0.1)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(CRASH_AFTER)
    cluster.crash()
    time.sleep(DOWN_FOR)
    cluster.start()
    for thread in threads:
        thread.join(timeout=WRITE_DEADLINE + LOAD_SECONDS)

    logs = "\n".join(server.log_tail() for server in servers)
    assert not failures, logs
    assert not any(status is not None and status >= 500 and status != 503 for status in statuses), logs
    assert 503 in statuses or None in statuses, "the crash fell outside the load: no outage was seen"
    assert len(successes) > CLIENTS * 5  # a real load, before and after the crash

    # Every logical write stored exactly once, in the crashed and restarted cluster.
    with psycopg.connect(cluster.url) as database:
        rows = database.execute(
            f"SELECT notes, count(*) FROM {Contact._meta.db_table} WHERE trajectory_id = %s GROUP BY notes",  # noqa: S608
            [trajectory.pk],
        ).fetchall()
    assert dict(rows) == dict.fromkeys(successes, 1)

    # A late replay of any key, to either server, answers as the first success did.
    for number, (key, (body, answer)) in enumerate(sorted(successes.items())):
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key}
        status, replayed = _post(servers[number % 2].port, path, body, headers)
        assert (status, json.loads(replayed)) == (201, json.loads(answer)), key
    for server in servers:
        assert "Traceback" not in server.log.read_text(), server.log_tail()
