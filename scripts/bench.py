"""Benchmark: how much of a working day one machine carries, and what each page costs.

Run through `make bench` (which starts a throw-away PostgreSQL and sets KOERS_DATABASE_URL):

    make bench                                        # 100,000 youths (the demo takes ~17 minutes)
    make bench BENCH_ARGS="--youths 20000 --json out.json"
    make bench BENCH_ARGS="--youths 2000 --step-seconds 20"     # a quick check

Steps: migrate, create demo data (`koers demo --if-empty`: skipped when the database has data),
fill the insights' summary tables with the worker's own jobs until they report nothing left, sign
in staff and youths by creating verified sessions directly, start `koers serve` (gunicorn) and
`koers worker`, then:

1. each page of the mix with one user (sequential requests on one connection): p50, and its ratio
   to the bare Django view `/gezond/` measured in the same run; the queries each page runs, counted
   in-process with Django's test client;
2. the capacity, with Locust (scripts/bench/locustfile.py, ADR 0011): requests of the mix arrive
   open-loop at a set rate, stepping up (10, 20, 30 ... per second) until a step's p95 reaches
   250 ms or a request fails. The capacity is the last step that passed.

The mix and why: docs/benchmarks.md. The load generator runs on the same machine as the server
and PostgreSQL (2 cores here), so the capacity is a lower bound. The last lines are Markdown
tables for docs/benchmarks.md; `--json PATH` writes everything as JSON.

The soak (`make soak`, scripts/soak.py) runs the same mix at one rate for half an hour, on the
same preparation: arguments(), prepare(), app_start() and plan_write() here.
"""

import argparse
import http.client
import inspect
import json
import os
import random
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
KOERS = str(BIN / "koers")
LOCUST = str(BIN / "locust")
LOCUSTFILE = ROOT / "scripts" / "bench" / "locustfile.py"
BARE = "bare Django view (/gezond/)"
FILL_ROUND = 50_000  # rows per round when filling the summary tables before the run
POLL = {"HX-Request": "true", "X-Koers-Poll": "1"}  # what htmx sends when a page polls by itself
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

# The mix of a working day's busiest hour, as shares of all requests (docs/benchmarks.md says why).
# (name, share, who, method, path, expected status, expected redirect)
MIX = [
    ("Vandaag, consultant", 12, "consultant", "GET", "/", 200, None),
    ("Vandaag, caseload tab", 6, "consultant", "GET", "/?view=caseload", 200, None),
    ("youth file, ordinary youth", 22, "consultant", "GET", "/jongeren/{youth}/", 200, None),
    ("youth file, longest history", 2, "longest", "GET", "/jongeren/{youth}/", 200, None),
    ("youth file, message poll (every 20 s)", 14, "consultant", "GET", "/jongeren/{youth}/berichten/lijst/", 200, None),
    ("contact saved (POST)", 8, "consultant", "POST", "/jongeren/{youth}/contact/", 302, "/jongeren/"),
    ("search (POST)", 6, "consultant", "POST", "/zoeken/", 200, None),
    ("Inzicht: my practice", 2, "consultant", "GET", "/inzicht/mijn-werk/", 200, None),
    ("Vandaag, team lead, whole organisation", 2, "lead", "GET", "/?consultant=org&period=all", 200, None),
    ("Inzicht: team", 1, "lead", "GET", "/inzicht/team/", 200, None),
    ("Inzicht: throughput", 1, "lead", "GET", "/inzicht/doorlooptijd/", 200, None),
    ("Inzicht: experiment", 1, "lead", "GET", "/inzicht/experiment/", 200, None),
    ("Inzicht: team profile", 1, "lead", "GET", "/inzicht/teamprofiel/", 200, None),
    ("portal: start", 3, "youth", "GET", "/mijn/", 200, None),
    ("portal: plan", 2, "youth", "GET", "/mijn/plan/", 200, None),
    ("portal: messages", 2, "youth", "GET", "/mijn/berichten/", 200, None),
    ("portal: message poll (every 15 s)", 7, "youth", "GET", "/mijn/berichten/lijst/", 200, None),
    ("API youth list (100)", 2, "partner", "GET", "/api/v1/youths", 200, None),
    ("API youth detail", 6, "partner", "GET", "/api/v1/youths/{youth}", 200, None),
]


def run(*args: str) -> str:
    return subprocess.run([KOERS, *args], check=True, capture_output=True, text=True, cwd=ROOT).stdout


def prepare_data(youths: int) -> None:
    run("migrate", "--noinput", "-v0")
    started = time.monotonic()
    per_org = max(1, youths // 2)
    demo = [KOERS, "demo", "--organisations", "2", "--youths", str(per_org), "--seed", "1", "--if-empty"]
    subprocess.run(demo, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # its progress on stderr
    print(f"demo data ready in {time.monotonic() - started:.0f} s (skipped when the database had data)", flush=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()


def fill_summaries() -> None:
    """Run the worker's summary jobs (found in koers.jobs.schedules, wherever they live) until
    each reports nothing left, so the insights pages read full tables."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from koers.jobs.schedules import JOBS

    # Nothing else writes while the bench fills: the rows need not settle first (the worker waits
    # KOERS_FILL_SETTLE_SECONDS for a row with a lower id that may still be committing).
    settings.KOERS_FILL_SETTLE_SECONDS = 0
    paths = [job.func for job in JOBS if job.func.endswith(("practice_counts_fill", "trajectory_facts_fill"))]
    if len(paths) < 2:
        print(f"bench: warning: expected two summary jobs in koers.jobs.schedules, found {paths}", flush=True)
    for path in paths:
        job = import_string(path)
        # The worker's rounds are small to stay short beside live traffic, and each round reads the
        # summary rows of the months it touches; a fresh demo's backlog goes faster in big rounds.
        options = {"limit": FILL_ROUND} if "limit" in inspect.signature(job).parameters else {}
        started = shown = time.monotonic()
        rounds = total = 0
        while count := job(**options):
            rounds, total = rounds + 1, total + count
            if time.monotonic() - shown > 60:  # about 1 ms per contact: an hour at 100,000 youths
                print(f"{path}: {total:,} rows so far ...", flush=True)
                shown = time.monotonic()
        print(f"{path}: {total:,} rows in {rounds} rounds, {time.monotonic() - started:.0f} s", flush=True)


def experiment_groups_make() -> None:
    """Per organisation one caseload experiment (a third of its consultants, from six months
    ago), so the experiment page measures a real comparison rather than its empty form."""
    import datetime as dt

    from django.utils import timezone

    from koers.accounts.models import Role, User
    from koers.insights.models import ExperimentGroup
    from koers.insights.services import experiment_group_save

    for lead in User.objects.filter(role=Role.TEAM_LEAD, username__startswith="teamleider").order_by("pk"):
        if ExperimentGroup.objects.filter(organisation_id=lead.organisation_id).exists():
            continue
        consultants = User.objects.filter(organisation_id=lead.organisation_id, role=Role.CONSULTANT)
        ids = list(consultants.order_by("pk").values_list("pk", flat=True))[::3]
        experiment_group_save(
            actor=lead,
            name="Kleinere caseload",
            starts_on=timezone.localdate() - dt.timedelta(days=182),
            consultant_ids=ids,
        )
        print(f"bench: experiment group of {len(ids)} consultants for {lead.username}", flush=True)


def staff_session(user) -> str:
    """A session as if the user passed both sign-in steps."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
    store.create()
    return store.session_key


def portal_session(youth) -> str:
    """A portal session started by the portal's own helper, as after the mailed code."""
    from django.conf import settings
    from django.test import RequestFactory
    from django.utils.module_loading import import_string

    from koers.portal.access import portal_session_start

    request = RequestFactory().get("/mijn/")
    request.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    portal_session_start(request, youth)
    request.session.save()
    return request.session.session_key


def browser(session_key: str) -> tuple[dict, str]:
    """Cookie header of a signed-in browser, and its CSRF secret (Django accepts it unmasked)."""
    from django.conf import settings

    secret = "".join(random.choices(string.ascii_letters + string.digits, k=32))
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={secret}"}, secret


def people(args, rng: random.Random) -> dict:
    """Who makes the requests: consultants with some of their own youths in an open trajectory,
    the team leads, youths with portal access, and one partner system per organisation."""
    from django.db.models import Count, OuterRef, Subquery

    from koers.accounts.models import Role, User
    from koers.accounts.services import api_token_create
    from koers.contacts.models import Contact
    from koers.method.selectors import working_elements
    from koers.trajectories.models import Phase, Trajectory, Youth

    latest_phase = Subquery(Trajectory.objects.filter(youth=OuterRef("pk")).order_by("-pk").values("phase")[:1])
    all_consultants = list(User.objects.filter(role=Role.CONSULTANT, is_active=True).order_by("username"))
    chosen = rng.sample(all_consultants, min(args.consultants, len(all_consultants)))
    codes = [element.code for element in working_elements()]
    consultants = []
    for user in chosen:
        youths = list(
            Youth.objects.filter(consultant=user)
            .annotate(phase=latest_phase)
            .exclude(phase=Phase.CLOSED)
            .exclude(phase__isnull=True)
            .order_by("id")
            .values_list("id", "last_name")[:10]
        )
        if youths:
            headers, secret = browser(staff_session(user))
            consultants.append({"headers": headers, "csrf": secret, "youths": youths})

    row = (
        Contact.objects.values("trajectory__youth_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("trajectory__youth_id", "n")
        .first()
    )
    longest = Youth.objects.select_related("consultant").get(pk=row[0])
    owner = longest.consultant or User.objects.filter(organisation=longest.organisation, role=Role.TEAM_LEAD).first()
    leads = list(User.objects.filter(role=Role.TEAM_LEAD, is_active=True).order_by("username"))
    partners = []
    for lead in leads:
        ids = Youth.objects.filter(organisation=lead.organisation).order_by("?").values_list("id", flat=True)[:200]
        token = api_token_create(user=lead)
        partners.append({"headers": {"Authorization": f"Bearer {token}"}, "youths": [(pk, "") for pk in ids]})
    youths = list(Youth.objects.filter(portal_access__active=True).order_by("id"))
    return {
        "consultant": consultants,
        "longest": [{"headers": browser(staff_session(owner))[0], "youths": [(longest.pk, "")]}],
        "longest_contacts": row[1],
        "lead": [{"headers": browser(staff_session(lead))[0]} for lead in leads],
        "youth": [{"headers": browser(portal_session(youth))[0]} for youth in youths],
        "partner": partners,
        "codes": codes,
    }


def contact_body(person: dict, codes: list[str], rng: random.Random) -> str:
    """The contact form as the youth file renders it: today, at the office, the youth present,
    two interventions ticked, three empty agreement rows (the idempotency key is added per send)."""
    from django.utils import timezone

    fields = [
        ("csrfmiddlewaretoken", person["csrf"]),
        ("contact-date", timezone.localdate().isoformat()),
        ("contact-channel", "office"),
        ("contact-purpose", "status_check"),
        ("contact-participants", "youth"),
        *[("contact-interventions", code) for code in rng.sample(codes, min(2, len(codes)))],
        ("contact-notes", ""),
        ("agreements-TOTAL_FORMS", "3"),
        ("agreements-INITIAL_FORMS", "0"),
        ("agreements-MIN_NUM_FORMS", "0"),
        ("agreements-MAX_NUM_FORMS", "1000"),
        *[(f"agreements-{row}-owner", "youth") for row in range(3)],  # unchanged rows are not validated
    ]
    return urllib.parse.urlencode(fields)


def requests_for(kind: tuple, who: dict, rng: random.Random) -> list[dict]:
    """The concrete requests of one page of the mix: each person, and each of their youths where
    the page is about a youth (the search looks for their names)."""
    name, _share, role, method, path, _status, _location = kind
    per_youth = "{youth}" in path or name.startswith("search")
    out = []
    for person in who[role]:
        youths = person.get("youths") or [(None, "")]
        for youth_id, last_name in youths if per_youth else youths[:1]:
            headers, body = dict(person["headers"]), None
            if "poll" in name:
                headers.update(POLL)
            if name.startswith("contact"):
                body = contact_body(person, who["codes"], rng)
            elif name.startswith("search"):
                body = urllib.parse.urlencode({"csrfmiddlewaretoken": person["csrf"], "zoek": last_name})
            if body is not None:
                headers.update(FORM)
            once = name.startswith("contact")
            out.append({"path": path.format(youth=youth_id), "headers": headers, "body": body, "once": once})
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def machine_busy(seconds: float = 5.0) -> float:
    """How busy the machine's CPUs are with other work, in percent, before the bench starts its own."""
    import psutil  # comes with Locust (the bench extra)

    return psutil.cpu_percent(interval=seconds)


def start(args: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))


def wait_for_server(port: int, server: subprocess.Popen) -> None:
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/gezond/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("bench: the server did not start")


def send(connection: http.client.HTTPConnection, method: str, request: dict) -> tuple[float, int, str]:
    body = request["body"]
    if body is not None and request["once"]:
        body += "&idempotency_key=" + uuid.uuid4().hex
    started = time.perf_counter()
    connection.request(method, request["path"], body=body, headers=request["headers"])
    response = connection.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status, response.getheader("Location", "")


def single_user(port: int, kinds: list[dict], count: int, rng: random.Random) -> dict[str, dict]:
    """Each page with one user: `count` sequential requests on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    measured = {}
    for kind in kinds:
        timings, problems = [], {}
        for number in range(count + 3):  # the first three warm the page up
            request = rng.choice(kind["requests"])
            ms, status, location = send(connection, kind["method"], request)
            problem = None
            if status not in kind["expect"]:
                problem = str(status)
            elif kind.get("location") and not location.startswith(kind["location"]):
                problem = f"{status} to {location.split('?')[0]}"
            if problem:
                problems[problem] = problems.get(problem, 0) + 1
            elif number >= 3:
                timings.append(ms)
        p50 = sorted(timings)[len(timings) // 2] if timings else None
        measured[kind["name"]] = {"p50": p50, "problems": problems}
        shown = f"{p50:6.1f} ms" if p50 is not None else "   --   "
        print(f"  {kind['name']:<48} 1 user p50 {shown}{'  ERRORS ' + str(problems) if problems else ''}", flush=True)
    connection.close()
    return measured


def query_counts(kinds: list[dict]) -> dict[str, int | None]:
    """Queries of one request of each page (after one warm-up request), in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    for kind in kinds:
        request = kind["requests"][0]
        counted = None
        for attempt in range(2):
            body = request["body"]
            if body is not None and request["once"]:
                body += "&idempotency_key=" + uuid.uuid4().hex
            extra = {"content_type": FORM["Content-Type"], "data": body} if body is not None else {}
            headers = {k: v for k, v in request["headers"].items() if k != "Content-Type"}
            try:
                with CaptureQueriesContext(connection) as queries:
                    response = client.generic(kind["method"], request["path"], headers=headers, **extra)
            except Exception as error:  # reported; the HTTP run shows whether the page fails there too
                print(f"bench: {kind['name']!r} failed in-process: {error!r}", flush=True)
                break
            if response.status_code in kind["expect"] and attempt == 1:
                counted = len(queries)
        counts[kind["name"]] = counted
    connection.close()
    return counts


def plan_write(workdir: Path, kinds: list[dict], args, steps: list[int], step_seconds: int, **extra) -> Path:
    """The plan the locustfile reads: the mix's requests, the rate steps, where its results go."""
    plan = {
        "kinds": [
            {k: kind[k] for k in ("name", "share", "method", "expect", "location", "requests")} for kind in kinds
        ],
        "steps": steps,
        "step_seconds": step_seconds,
        "settle_seconds": min(5, step_seconds // 4),
        "p95_ms": args.p95_ms,
        "connections": args.connections,
        "seed": args.seed,
        "results": str(workdir / "steps.json"),
        **extra,
    }
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan))
    return path


def locust_command(port: int) -> list[str]:
    command = [LOCUST, "-f", str(LOCUSTFILE), "--headless", "--host", f"http://127.0.0.1:{port}"]
    return [*command, "--skip-log-setup"]  # our own lines per step; Locust warns (e.g. of its CPU) all the same


def load(port: int, kinds: list[dict], args, workdir: Path) -> dict:
    """The stepped open-loop run with Locust; returns its results file."""
    steps = list(range(args.start_rate, args.max_rate + 1, args.rate_step))
    plan = plan_write(workdir, kinds, args, steps, args.step_seconds)
    subprocess.run(locust_command(port), cwd=ROOT, env={**os.environ, "KOERS_BENCH_PLAN": str(plan)})
    results = workdir / "steps.json"
    if not results.exists():
        sys.exit("bench: Locust wrote no results")
    return json.loads(results.read_text())


def arguments() -> argparse.ArgumentParser:
    """The options of the bench, also those of the soak (scripts/soak.py adds its own)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000, help="demo size (when the database is empty)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--step-seconds", type=int, default=60, help="length of each rate step")
    parser.add_argument("--start-rate", type=int, default=10, help="requests per second of the first step")
    parser.add_argument("--rate-step", type=int, default=10, help="requests per second added each step")
    parser.add_argument("--max-rate", type=int, default=400, help="the last step, if none failed before")
    parser.add_argument("--p95-ms", type=float, default=250.0, help="a step passes below this p95")
    parser.add_argument("--single", type=int, default=50, help="requests per page with one user")
    parser.add_argument("--consultants", type=int, default=300, help="consultants signed in for the mix")
    parser.add_argument("--connections", type=int, default=400, help="most open connections of the generator")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of koers serve")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=0, help="of koers serve (default: a free one)")
    parser.add_argument("--seed", type=int, default=1)
    return parser


def prepare(args) -> tuple[list[dict], random.Random, dict, int, int, str]:
    """Data, summary tables, signed-in people and the mix's requests: what the bench and the soak
    both run on. Returns the pages of the mix (the bare view first), the random source, the
    people, the youths and contacts in the database, and a line that says so."""
    if not os.environ.get("KOERS_DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench: run through `make bench` or `make soak` (PostgreSQL), not on SQLite")

    prepare_data(args.youths)
    setup_django()
    from koers.contacts.models import Contact
    from koers.trajectories.models import Youth

    fill_summaries()
    experiment_groups_make()
    rng = random.Random(args.seed)
    who = people(args, rng)
    kinds = [{"name": BARE, "share": 0, "method": "GET", "expect": [200], "location": None,
              "requests": [{"path": "/gezond/", "headers": {}, "body": None, "once": False}]}]  # fmt: skip
    for kind in MIX:
        name, share, _role, method, _path, status, location = kind
        if name == "youth file, longest history":
            name = f"{name} ({who['longest_contacts']} contacts)"
        requests = requests_for(kind, who, rng)
        if not requests:
            print(f"bench: warning: nobody to send {name!r}; left out of the mix", flush=True)
            continue
        kinds.append({"name": name, "share": share, "method": method, "expect": [status], "location": location,
                      "requests": requests})  # fmt: skip
    youths, contacts = Youth.objects.count(), Contact.objects.count()
    if abs(youths - args.youths) > args.youths // 10:
        print(f"bench: note: the database has {youths:,} youths (--youths {args.youths:,} applies to an empty one)")
    size = f"{youths:,} youths, {contacts:,} contacts"
    print(f"{size}; {len(who['consultant'])} consultants, {len(who['lead'])} team leads, "
          f"{len(who['youth'])} portal youths, {len(who['partner'])} partner systems", flush=True)  # fmt: skip
    return kinds, rng, who, youths, contacts, size


def app_start(args, workdir: Path, env: dict | None = None) -> tuple[subprocess.Popen, subprocess.Popen]:
    """`koers serve` (gunicorn) and `koers worker`, as in production; their logs go to workdir."""
    serve = [KOERS, "serve", "--host", "127.0.0.1", "--port", str(args.port)]
    serve += ["--workers", str(args.workers), "--threads", str(args.threads)]
    server = start(serve, workdir / "server.log", env)
    worker = start([KOERS, "worker"], workdir / "worker.log", env)
    return server, worker


def app_stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
        process.wait(timeout=60)


def main() -> None:
    args = arguments().parse_args()
    kinds, rng, who, youths, contacts, size = prepare(args)
    from django.db import connections

    print("queries per page (in-process, Django's test client) ...", flush=True)
    queries = query_counts(kinds)
    connections.close_all()

    args.port = args.port or free_port()
    busy = machine_busy()
    print(f"machine CPU before the run: {busy:.0f} % busy (other work on the machine skews every figure)")
    workdir = Path(tempfile.mkdtemp(prefix="koers-bench-"))
    server, worker = app_start(args, workdir)
    try:
        wait_for_server(args.port, server)
        print(f"one user, {args.single} sequential requests per page (server log: {workdir / 'server.log'})")
        single = single_user(args.port, kinds, args.single, rng)
        broken = [kind["name"] for kind in kinds if single[kind["name"]]["problems"]]
        for name in broken:
            print(f"bench: ERROR: {name!r} does not answer as expected {single[name]['problems']}; "
                  "left out of the load (see the server log)", flush=True)  # fmt: skip
        mix = [kind for kind in kinds[1:] if kind["name"] not in broken]
        print(f"capacity: open-loop arrivals, {args.step_seconds} s per step, p95 under {args.p95_ms:g} ms, "
              "no errors", flush=True)  # fmt: skip
        outcome = load(args.port, mix, args, workdir)
    finally:
        app_stop(worker, server)

    report(args, kinds, single, queries, outcome, broken, youths, contacts, size, busy)
    if broken or outcome.get("failures"):
        print(f"\nthe server's log and the plan (with the run's session keys) are in {workdir}")
    else:
        shutil.rmtree(workdir)


def report(args, kinds, single, queries, outcome, broken, youths, contacts, size, busy) -> None:
    steps = outcome["steps"]
    passed = [step for step in steps if step["passed"]]
    best = passed[-1] if passed else None
    bare = single[BARE]["p50"]
    measured = [kind for kind in kinds[1:] if kind["name"] not in broken]
    total_share = sum(kind["share"] for kind in measured)
    mix = {kind["name"]: round(100 * kind["share"] / total_share, 1) for kind in measured}
    pages = []
    for kind in kinds:
        p50 = single[kind["name"]]["p50"]
        at_capacity = best["pages"].get(kind["name"], {}) if best else {}
        pages.append({
            "name": kind["name"],
            "single_p50_ms": round(p50, 1) if p50 is not None else None,
            "ratio": round(p50 / bare, 1) if p50 is not None and bare else None,
            "queries": queries.get(kind["name"]),
            "share_percent": mix.get(kind["name"], 0.0),
            "p95_ms_at_capacity": at_capacity.get("p95_ms") if at_capacity.get("requests") else None,
        })  # fmt: skip
    shown = best or (steps[0] if steps else {"rate_per_s": 0, "p95_ms": None, "errors": None})
    result = {
        "youths": youths,
        "contacts": contacts,
        "bare_ms": round(bare, 2) if bare else None,
        "pages": pages,
        "capacity": {
            "rate_per_s": best["rate_per_s"] if best else 0,
            "p95_ms": shown["p95_ms"],
            "errors": shown["errors"],
            "mix": mix,
            "steps": [{k: v for k, v in step.items() if k != "pages"} for step in steps],
            "failures": outcome.get("failures", {}),
            "step_seconds": args.step_seconds,
            "server": f"koers serve, {args.workers} workers x {args.threads} threads",
        },
        "broken_pages": broken,
        "machine_busy_before_percent": round(busy, 1),
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(f"\nJSON: {args.json}")

    capacity = f"{best['rate_per_s']} requests/s (p95 {best['p95_ms']:.0f} ms, no errors)" if best else "none"
    print(f"\n{size}; capacity {capacity}; {args.step_seconds} s per step; machine {busy:.0f} % busy before\n")
    print("| page | share of the mix | 1 user p50 | × bare view | queries | p95 at capacity |")
    print("|---|---|---|---|---|---|")
    for page in pages:
        p50 = f"{page['single_p50_ms']:.1f} ms" if page["single_p50_ms"] is not None else "error"
        ratio = f"{page['ratio']:.1f}" if page["ratio"] is not None else "–"
        share = f"{page['share_percent']:g} %" if page["name"] != BARE else "–"
        p95 = f"{page['p95_ms_at_capacity']:.0f} ms" if page["p95_ms_at_capacity"] is not None else "–"
        queries_shown = page["queries"] if page["queries"] is not None else "?"
        print(f"| {page['name']} | {share} | {p50} | {ratio} | {queries_shown} | {p95} |")
    print("\n| rate | requests | p50 | p95 | p99 | errors | late sends p95 | CPU generator / machine | |")
    print("|---|---|---|---|---|---|---|---|---|")
    for step in steps:
        cpu = f"{step.get('loadgen_cpu_percent', 0):.0f} % / {step.get('machine_cpu_percent', 0):.0f} %"
        print(
            f"| {step['rate_per_s']}/s | {step['requests']} | {step['p50_ms']:.0f} ms | {step['p95_ms']:.0f} ms | "
            f"{step['p99_ms']:.0f} ms | {step['errors']} | {step['send_lag_p95_ms']:.0f} ms | {cpu} | "
            f"{'pass' if step['passed'] else 'fail'} |"
        )
    if outcome.get("failures"):
        print(f"\nfailed requests: {json.dumps(outcome['failures'], ensure_ascii=False)}")


if __name__ == "__main__":
    main()
