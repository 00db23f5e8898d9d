"""Benchmark: latency of the consultant's main pages under concurrent load, on PostgreSQL.

Run through `make bench` (which starts a throw-away PostgreSQL and sets KOERS_DATABASE_URL):

    make bench                       # 100,000 youths, 20 concurrent users
    make bench BENCH_ARGS="--youths 20000 --requests 400"

Steps: migrate, create demo data (`koers demo`, skipped when the database has data), start
`koers serve`, sign in staff by creating verified sessions directly, then measure each page twice:
with one user (p50: where the time goes) and with N concurrent users (p50/p95 and the ratio of p95
to the bare Django view `/gezond/` in the same run). The load generator runs on the same 2-core
machine as the server and the database, so the figures are upper bounds. The last lines are a
Markdown table for docs/benchmarks.md.
"""

import argparse
import http.client
import os
import random
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


def longest_history() -> tuple[int, int]:
    """The youth with the most contacts in teamleider1's organisation, and that number."""
    from django.db.models import Count

    from koers.accounts.models import User
    from koers.contacts.models import Contact

    organisation_id = User.objects.get(username="teamleider1").organisation_id
    row = (
        Contact.objects.filter(organisation_id=organisation_id)
        .values("trajectory__youth_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("trajectory__youth_id", "n")
        .first()
    )
    return row


def api_token(username: str) -> str:
    from koers.accounts.models import User
    from koers.accounts.services import api_token_create

    return api_token_create(user=User.objects.get(username=username))


def data_size() -> str:
    from koers.contacts.models import Contact
    from koers.trajectories.models import Youth

    return f"{Youth.objects.count():,} youths, {Contact.objects.count():,} contacts"


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


def measure(port: int, paths: list[tuple[str, dict]], requests: int, concurrency: int) -> list[float]:
    """Send `requests` GETs spread over `concurrency` threads, each with its own keep-alive connection."""
    per_thread = max(1, requests // concurrency)

    def worker(seed: int) -> list[float]:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        timings = []
        for _ in range(per_thread):
            path, headers = rng.choice(paths)
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


def percentile(timings: list[float], fraction: float) -> float:
    ordered = sorted(timings)
    return ordered[int(fraction * (len(ordered) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1000, help="per page, with N users")
    parser.add_argument("--single", type=int, default=100, help="requests per page with one user")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not os.environ.get("KOERS_DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench: run through `make bench` (PostgreSQL), not on SQLite")

    prepare_data(args.youths)
    sessions = verified_sessions()
    consultant = {"Cookie": f"sessionid={sessions['consulent1a']}"}
    lead = {"Cookie": f"sessionid={sessions['teamleider1']}"}
    api = {"Authorization": f"Bearer {api_token('teamleider1')}"}
    ordinary = youth_ids("consulent1a")
    longest, contacts = longest_history()
    size = data_size()
    pages = [
        ("bare Django view (/gezond/)", [("/gezond/", {})]),
        ("Vandaag, consultant", [("/", consultant)]),
        ("Vandaag, caseload tab", [("/?view=caseload", consultant)]),
        ("Vandaag, team lead, whole organisation", [("/?consultant=org&period=all", lead)]),
        ("youth file, ordinary youth", [(f"/jongeren/{pk}/", consultant) for pk in ordinary]),
        (f"youth file, longest history ({contacts} contacts)", [(f"/jongeren/{longest}/", lead)]),
        ("API youth list (100)", [("/api/v1/youths", api)]),
        ("API youth detail", [(f"/api/v1/youths/{pk}", api) for pk in ordinary]),
    ]
    server = start_server(args.port)
    rows = []
    try:
        print(f"{size}; 1 user, then {args.concurrency} concurrent users", flush=True)
        measure(args.port, pages[0][1], 100, args.concurrency)  # warm up the workers
        bare_p95 = None
        for name, paths in pages:
            measure(args.port, paths, args.concurrency, args.concurrency)  # warm up this page
            single = percentile(measure(args.port, paths, args.single, 1), 0.5)
            loaded = measure(args.port, paths, args.requests, args.concurrency)
            p50, p95 = percentile(loaded, 0.5), percentile(loaded, 0.95)
            bare_p95 = bare_p95 or p95
            rows.append((name, single, p50, p95, p95 / bare_p95))
            print(
                f"{name:<46} 1 user p50={single:6.1f} ms   {args.concurrency} users p50={p50:6.1f} ms "
                f"p95={p95:6.1f} ms  {p95 / bare_p95:4.1f}x bare",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\n{size}, {args.concurrency} concurrent users, {args.requests} requests per page\n")
    print(f"| page | 1 user p50 | {args.concurrency} users p50 | {args.concurrency} users p95 | p95 × bare view |")
    print("|---|---|---|---|---|")
    for name, single, p50, p95, ratio in rows:
        print(f"| {name} | {single:.1f} ms | {p50:.1f} ms | {p95:.1f} ms | {ratio:.1f} |")


if __name__ == "__main__":
    main()
