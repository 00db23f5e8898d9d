"""Benchmark: latency of the consultant's main pages under concurrent load, on PostgreSQL.

Run through `make bench` (which starts a throw-away PostgreSQL and sets KOERS_DATABASE_URL):

    make bench                       # 100,000 youths, 20 concurrent users
    make bench BENCH_ARGS="--youths 20000 --requests 400"

Steps: migrate, create demo data (`koers demo`), start `koers serve`, sign in staff by creating
verified sessions directly, then send requests from N threads and report p50/p95/max per page and
the ratio to a bare Django view (`/gezond/`) on the same stack. The load generator runs on the same
2-core machine as the server and the database, so the figures are upper bounds.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOERS = str(ROOT / ".venv" / "bin" / "koers")


def run(*args: str) -> str:
    return subprocess.run([KOERS, *args], check=True, capture_output=True, text=True, cwd=ROOT).stdout


def prepare_data(youths: int) -> None:
    run("migrate", "--noinput", "-v0")
    started = time.monotonic()
    per_org = max(1, youths // 2)
    run("demo", "--organisations", "2", "--youths", str(per_org), "--seed", "1", "--if-empty")
    print(f"demo data: {2 * per_org} youths in {time.monotonic() - started:.0f} s", flush=True)


def verified_sessions() -> dict[str, str]:
    """Session keys for a consultant and a team lead, as if they passed both sign-in steps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from koers.accounts.models import User

    sessions = {}
    for username in ("consulent1a", "teamleider1"):
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
        store.create()
        sessions[username] = store.session_key
    return sessions


def youth_ids(username: str) -> list[int]:
    from koers.trajectories.models import Youth

    return list(Youth.objects.filter(consultant__username=username).values_list("pk", flat=True)[:500])


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [KOERS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--threads", "4"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/gezond/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("bench: the server did not start")


def measure(port: int, paths: list[tuple[str, str | None]], requests: int, concurrency: int) -> list[float]:
    """Send `requests` GETs spread over `concurrency` threads, each with its own keep-alive connection."""
    per_thread = max(1, requests // concurrency)

    def worker(seed: int) -> list[float]:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        timings = []
        for _ in range(per_thread):
            path, session = rng.choice(paths)
            headers = {"Cookie": f"sessionid={session}"} if session else {}
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            timings.append(time.perf_counter() - started)
            if response.status != 200:
                sys.exit(f"bench: {path} answered {response.status}")
        connection.close()
        return timings

    with ThreadPoolExecutor(concurrency) as pool:
        return [t for timings in pool.map(worker, range(concurrency)) for t in timings]


def report(name: str, timings: list[float], baseline_p95: float | None) -> float:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    ratio = f"  {p95 / baseline_p95:5.1f}x bare" if baseline_p95 else ""
    print(
        f"{name:<38} n={len(ordered):<5} p50={statistics.median(ordered) * 1000:7.1f} ms  "
        f"p95={p95 * 1000:7.1f} ms  max={ordered[-1] * 1000:7.1f} ms{ratio}",
        flush=True,
    )
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1000, help="per page")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not os.environ.get("KOERS_DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench: run through `make bench` (PostgreSQL), not on SQLite")

    prepare_data(args.youths)
    sessions = verified_sessions()
    consultant, lead = sessions["consulent1a"], sessions["teamleider1"]
    files = [(f"/jongeren/{pk}/", consultant) for pk in youth_ids("consulent1a")]
    server = start_server(args.port)
    try:
        print(f"{args.concurrency} concurrent users, {args.requests} requests per page", flush=True)
        measure(args.port, [("/gezond/", None)], 100, args.concurrency)  # warm up the workers
        bare = report(
            "bare Django view (/gezond/)",
            measure(args.port, [("/gezond/", None)], args.requests, args.concurrency),
            None,
        )
        pages = [
            ("Vandaag, consultant", [("/", consultant)]),
            ("Vandaag, caseload tab", [("/?view=caseload", consultant)]),
            ("Vandaag, team lead, whole organisation", [("/?consultant=org&period=all", lead)]),
            ("youth file (random youth)", files),
        ]
        for name, paths in pages:
            report(name, measure(args.port, paths, args.requests, args.concurrency), bare)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
