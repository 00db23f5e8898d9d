"""The database goes away and comes back: Koers answers 503 with Retry-After meanwhile, not 500.

A throw-away PostgreSQL cluster of its own (scripts/with-test-postgres.sh) gets a copy of this
test's committed data (pg_dump), and `koers serve` runs on it. Then the cluster is stopped as a
crash would (`pg_ctl stop -m immediate`): a staff page, the API and the readiness check answer 503
with Retry-After, the bare /gezond/ still 200. Started again, everything answers 200 without a
restart of the app server.
"""

import glob
import http.client
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from koers.accounts.services import api_token_create
from tests.test_two_app_servers import Server, _database_url, _free_port, _verified_session

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parent.parent
OUTAGE_PAGE = "Koers is even niet bereikbaar"


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found:
        pytest.skip("no PostgreSQL server installed (scripts/ensure-test-deps.sh)")
    return Path(found[-1]).parent


@dataclass
class Cluster:
    """A cluster started by scripts/with-test-postgres.sh, which removes it when its command ends."""

    script: subprocess.Popen
    url: str
    data: Path
    port: int

    def _pg_ctl(self, *args: str) -> None:
        as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        command = [*as_owner, str(_pg_bin() / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]
        subprocess.run(command, cwd=self.data.parent, check=True, capture_output=True)  # noqa: S603

    def crash(self) -> None:
        self._pg_ctl("-m", "immediate", "stop")

    def start(self) -> None:
        self._pg_ctl("-l", str(self.data.parent / "server.log"), "-o", f"-p {self.port}", "start")


@pytest.fixture
def cluster():
    env = {key: value for key, value in os.environ.items() if key != "KOERS_TEST_DATABASE_URL"}
    script = subprocess.Popen(  # noqa: S603
        [str(REPO / "scripts/with-test-postgres.sh"), "sleep", "600"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = None
        for line in script.stderr:
            started = re.search(r" at (postgres://\S+:(\d+)/\S+) \(data in (\S+), removed on exit\)", line)
            if started:
                break
        if not started:
            pytest.fail("scripts/with-test-postgres.sh did not start a cluster")
        yield Cluster(script=script, url=started[1], data=Path(started[3]), port=int(started[2]))
    finally:
        script.terminate()  # the script stops the cluster (if it still runs) and removes it
        script.wait(timeout=60)


@pytest.fixture
def server_on(tmp_path):
    started = []

    def start(database_url: str) -> Server:
        port = _free_port()
        log = tmp_path / f"server-{port}.log"  # one per server: a test may start two
        env = {
            **os.environ,
            "KOERS_DATABASE_URL": database_url,
            "KOERS_ALLOWED_HOSTS": "127.0.0.1",
            "KOERS_SECURE_COOKIES": "false",
            "KOERS_PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        }
        command = [sys.executable, "-m", "koers.cli", "serve", "--port", str(port), "--workers", "1"]
        with log.open("w") as output:
            process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        server = Server(process=process, port=port, log=log)
        started.append(server)
        server.wait_until_up()
        return server

    yield start
    for server in started:
        server.process.terminate()
        server.process.wait(timeout=20)


def _get(server: Server, path: str, headers: dict | None = None):
    http_connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    http_connection.request("GET", path, headers=headers or {})
    response = http_connection.getresponse()
    body = response.read().decode()
    http_connection.close()
    return response, body


def test_a_database_crash_is_answered_with_503_and_retry_after_until_it_is_back(
    cluster, server_on, consultant, youth, trajectory
):
    if connection.vendor != "postgresql":
        pytest.skip("the outage is a PostgreSQL cluster's")
    staff = {"Cookie": f"sessionid={_verified_session(consultant)}"}
    api = {"Authorization": f"Bearer {api_token_create(user=consultant)}"}
    api_path = f"/api/v1/trajectories/{trajectory.pk}"
    # This test's committed data (the consultant, the session, the token) into the outage cluster.
    dump = subprocess.run(  # noqa: S603
        [str(_pg_bin() / "pg_dump"), "--no-owner", "-d", _database_url()], check=True, capture_output=True
    )
    subprocess.run(  # noqa: S603
        [str(_pg_bin() / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )
    server = server_on(cluster.url)

    def answers():
        return {
            "staff page": _get(server, "/", staff),
            "API": _get(server, api_path, api),
            "readiness": _get(server, "/gezond/klaar/"),
        }

    assert {name: response.status for name, (response, _body) in answers().items()} == dict.fromkeys(
        ["staff page", "API", "readiness"], 200
    ), server.log_tail()

    cluster.crash()
    during = answers()

    assert {name: response.status for name, (response, _body) in during.items()} == dict.fromkeys(
        ["staff page", "API", "readiness"], 503
    ), server.log_tail()
    assert all(response.getheader("Retry-After") == "5" for response, _body in during.values())
    assert OUTAGE_PAGE in during["staff page"][1]
    assert "database" in json.loads(during["API"][1])["detail"]
    assert json.loads(during["readiness"][1])["database"] == "unavailable"
    assert _get(server, "/gezond/")[0].status == 200  # the bare view needs no database

    cluster.start()
    deadline = time.monotonic() + 30
    while _get(server, "/gezond/klaar/")[0].status != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    after = answers()

    assert {name: response.status for name, (response, _body) in after.items()} == dict.fromkeys(
        ["staff page", "API", "readiness"], 200
    ), server.log_tail()
    log = server.log.read_text()
    assert "database unavailable (OperationalError): answered 503 to GET /" in log
    assert "Traceback" not in log and "Internal Server Error" not in log and "Service Unavailable" not in log
    assert '"GET /gezond/" 200' in log and "/gezond/klaar/" not in log  # asked often: not in the access log
    assert youth.first_name not in log and consultant.username not in log
