"""An upload far larger than any form can send is refused before it is read.

Against the application server Koers runs in production (`koers serve`, gunicorn) on a socket:
the client announces 120 MB, sends the first megabyte and waits. The answer (413, with the same
Dutch message as a file over 10 MB) arrives while the rest was never sent, so the server did not
wait for it, nor write it to a temporary file. (Django's own test server drains every body before
it answers, so it cannot show this.) The refusal comes before sessions and the database, so the
server needs no data.
"""

import http.client
import os
import socket
import subprocess
import sys
import time

import pytest

ANNOUNCED = 120 * 1024 * 1024
MESSAGE = "Dit bestand is groter dan 10 MB. Stuur een kleinere foto of pdf."


@pytest.fixture(scope="module")
def server_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KOERS_ALLOWED_HOSTS": "127.0.0.1"}
    command = [sys.executable, "-m", "koers.cli", "serve", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _post_start(port: int, path: str, *, content_type: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", content_type)
    connection.putheader("Content-Length", str(ANNOUNCED))
    connection.endheaders()
    connection.send(b"-" * (1024 * 1024))  # one megabyte of the 120 announced, then nothing more
    return connection.getresponse()


@pytest.mark.parametrize("path", ["/jongeren/1/berichten/", "/mijn/berichten/"])
def test_a_120_mb_message_is_refused_with_413_before_it_is_read(server_port, path):
    response = _post_start(server_port, path, content_type="multipart/form-data; boundary=x")

    assert response.status == 413
    page = response.read().decode()
    assert MESSAGE in page
    assert '<html lang="nl">' in page


def test_the_api_refuses_it_in_its_own_shape(server_port):
    response = _post_start(server_port, "/api/v1/youths", content_type="application/json")

    assert response.status == 413
    assert response.getheader("Content-Type") == "application/json"
    assert b"De aanvraag is te groot." in response.read()


def test_a_request_within_the_limit_goes_through_to_the_form(client, db):
    response = client.post("/mijn/berichten/", {"body": "hallo"})
    assert response.status_code != 413
