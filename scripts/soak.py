"""Soak: the working-day mix of `make bench` at a steady rate for a set time, bounded.

Run through `make soak` (the same environment as `make bench`; docs/benchmarks.md):

    make soak BENCH_DATABASE_URL=postgres://...                       # 30 minutes at 31/s
    make soak BENCH_DATABASE_URL=postgres://... SOAK_ARGS="--minutes 3 --json soak.json"

The same preparation as the bench (scripts/bench.py: data, summary tables, signed-in people, the
mix's requests), the same `koers serve` and `koers worker` (mail to the console), the same open-loop
generator (scripts/bench/locustfile.py) at one rate: by default half the measured capacity. Every
minute it records the requests, errors, p50 and p95 of that minute, the memory (VmRSS) of each app
process and the rows of the tables that must stay small (small_tables()). It passes with no errors,
each process's memory at the end at most 10 % above its memory after the warm-up, and no small
table grown by more than a few rows between minute 5 and the end. It exits 1 when it fails.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench

CAPACITY_PER_S = 62  # measured at 100,000 youths (docs/benchmarks.md, issue 18's fourth stop)
RSS_MARGIN = 1.10  # end at most 10 % above the memory after the warm-up
TABLE_MARGIN = 10  # rows a queue may stand higher at the end than at the reference minute
REFERENCE_MINUTE = 5  # the small tables are compared from here to the end
# Set for the app processes: the soak sends no mail anywhere, whatever the environment says.
MAIL_TO_CONSOLE = {"KOERS_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


FLAT = "flat"  # the rule of most small tables: at most TABLE_MARGIN rows more at the end than at minute 5


def small_tables() -> list[tuple[str, object, str | int | None]]:
    """(name, a function that counts its rows, rule): the tables that must not grow with use. The
    rule is FLAT, a number the count must stay at or under, or None (shown, not judged). The
    idempotency keys are kept 24 hours, so all of them grow with the contact form during a soak;
    the ones past their 24 hours must not. django-q2 keeps the last `save_limit` results of each
    scheduled job: its results table grows up to that by design."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.db.models import Count
    from django.utils import timezone

    from koers.accounts.models import SignInAttempt
    from koers.idempotency.models import IdempotencyKey
    from koers.idempotency.services import KEEP_FOR
    from koers.notifications.models import PendingNotification
    from koers.outbox.models import MailStatus, OutgoingMail
    from koers.portal.models import SignInRequest

    tables = [
        ("sessions (django_session)", Session.objects.count, FLAT),
        ("outbox: mails queued, not yet sent", OutgoingMail.objects.filter(status=MailStatus.QUEUED).count, FLAT),
        ("idempotency keys, all (kept 24 h)", IdempotencyKey.objects.count, None),
        (
            "idempotency keys older than 24 h",
            lambda: IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).count(),
            FLAT,
        ),
        ("sign-in attempts", SignInAttempt.objects.count, FLAT),
        ("pending notifications, not yet sent", PendingNotification.objects.filter(sent_at__isnull=True).count, FLAT),
        ("portal sign-in requests", SignInRequest.objects.count, FLAT),
    ]
    if apps.is_installed("django_q"):
        from django_q.models import OrmQ, Schedule, Task

        def most_of_one_job() -> int:
            counts = Task.objects.filter(success=True).values("group").annotate(n=Count("id")).values_list("n")
            return max((n for (n,) in counts), default=0)

        limit = settings.Q_CLUSTER.get("save_limit")
        tables += [
            ("django-q2 queue (django_q_ormq)", OrmQ.objects.count, FLAT),
            ("django-q2 schedules (django_q_schedule)", Schedule.objects.count, FLAT),
            ("django-q2 failed tasks (django_q_task)", Task.objects.filter(success=False).count, FLAT),
            ("django-q2 results, all (django_q_task)", Task.objects.count, None),
            (f"django-q2 results of one job (at most {limit})", most_of_one_job, limit if limit else None),
        ]
    return tables


def rss_kb(pid: int) -> int | None:
    """Resident memory of a process in kB (/proc/<pid>/status, VmRSS); None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def app_processes(server: subprocess.Popen, worker: subprocess.Popen) -> dict[str, list[int]]:
    """Name -> pids, looked up at each sample: the gunicorn master, each gunicorn worker (one
    that dies is replaced under a new pid: then its name is gone), and `koers worker` together with
    the processes of its task cluster (django-q2 starts and recycles those by design)."""
    import psutil  # comes with Locust (the bench extra)

    found = {}
    for process in (server, worker):
        if process.poll() is not None:
            continue  # it has ended: its names are gone from this sample
        try:
            children = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        if process is server:
            found["gunicorn master"] = [server.pid]
            found.update({f"gunicorn worker {pid}": [pid] for pid in children})
        else:
            found["koers worker (all its processes)"] = [worker.pid, *children]
    return found


def workers_booted(server: subprocess.Popen, workers: int) -> None:
    """The server answers as soon as one of its workers is up; wait (a little) for all of them."""
    import psutil

    for _ in range(50):
        if server.poll() is not None or len(psutil.Process(server.pid).children()) >= workers:
            return
        time.sleep(0.2)


def sample(minute: int, started: float, step: dict | None, server, worker, tables) -> dict:
    row = {"minute": minute, "at_s": round(time.monotonic() - started)}
    if step is not None:
        row.update({k: step[k] for k in ("requests", "errors", "unanswered", "p50_ms", "p95_ms", "p99_ms")})
        row["send_lag_p95_ms"] = step["send_lag_p95_ms"]
        row["machine_cpu_percent"] = step.get("machine_cpu_percent")
    processes = app_processes(server, worker)
    row["pids"] = processes
    row["rss_kb"] = {}
    for name, pids in processes.items():
        sizes = [size for size in map(rss_kb, pids) if size is not None]
        if sizes:
            row["rss_kb"][name] = sum(sizes)
    row["tables"] = {name: count() for name, count, _rule in tables}
    return row


def steps_so_far(results: Path) -> list[dict]:
    try:
        return json.loads(results.read_text())["steps"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):  # not written yet, or being written
        return []


def run(port: int, kinds: list[dict], args, workdir: Path, server, worker) -> tuple[list[dict], dict, bool]:
    """The minutes at one rate, each sampled as soon as Locust has written it; Locust is stopped
    when it runs past its time (bounded: minutes + 3 minutes at most)."""
    from django.db import connections

    plan = bench.plan_write(workdir, kinds, args, [args.rate] * args.minutes, 60, settle_seconds=0, stop_on_fail=False)
    tables = small_tables()
    workers_booted(server, args.workers)
    started = time.monotonic()
    samples = [sample(0, started, None, server, worker, tables)]
    print(f"small tables, in this order: {'; '.join(name for name, _count, _rule in tables)}")
    print(minute_line(samples[0]), flush=True)
    results = workdir / "steps.json"
    generator = subprocess.Popen(
        bench.locust_command(port),
        cwd=bench.ROOT,
        env={**os.environ, "KOERS_BENCH_PLAN": str(plan)},
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "locust.log").open("w"),
    )
    deadline = started + args.minutes * 60 + 180
    timed_out = False
    while True:
        ended = generator.poll() is not None
        for step in steps_so_far(results)[len(samples) - 1 :]:
            samples.append(sample(len(samples), started, step, server, worker, tables))
            print(minute_line(samples[-1]), flush=True)
            connections.close_all()  # a fresh connection each minute: none held open in between
        if ended:
            break
        if time.monotonic() > deadline:
            timed_out = True
            generator.terminate()
            generator.wait(timeout=30)
            break
        time.sleep(1)
    outcome = json.loads(results.read_text()) if results.exists() else {"steps": [], "failures": {}}
    return samples, {**outcome, "rules": {name: rule for name, _count, rule in tables}}, timed_out


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares growth per minute."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def table_passed(rule, at_reference: int, at_end: int) -> bool | None:
    if rule is None:
        return None
    return at_end - at_reference <= TABLE_MARGIN if rule == FLAT else at_end <= rule


def judge(samples: list[dict], outcome: dict, args, timed_out: bool) -> dict:
    minutes = samples[1:]
    last = samples[-1]
    warmup = min(args.warmup_minutes, max(0, len(samples) - 2))
    reference = min(REFERENCE_MINUTE, max(0, len(samples) - 2))
    errors = sum(sum(by_problem.values()) for by_problem in outcome.get("failures", {}).values())
    # Still unanswered 3 s after their minute: slow, not failed (a failure is counted when it comes).
    unanswered = sum(row.get("unanswered", 0) for row in minutes)
    slow = sum(1 for row in minutes if row["p95_ms"] >= args.p95_ms)

    # A process that ended (a gunicorn worker that died is replaced under a new name) is a fault.
    gone = [name for name in samples[0]["rss_kb"] if name not in last["rss_kb"]]
    new = [name for name in last["rss_kb"] if name not in samples[0]["rss_kb"]]
    memory = {}
    for name, start_kb in samples[warmup]["rss_kb"].items():
        end_kb = last["rss_kb"].get(name)
        if end_kb is None:
            continue
        points = [(row["minute"], row["rss_kb"][name]) for row in samples[warmup:] if row["rss_kb"].get(name)]
        per_minute = slope(points)
        memory[name] = {
            "start_kb": start_kb,
            "end_kb": end_kb,
            "ratio": round(end_kb / start_kb, 3),
            "slope_kb_per_minute": round(per_minute, 1) if per_minute is not None else None,
            "passed": end_kb <= start_kb * RSS_MARGIN,
        }
    tables = {}
    for name, rule in outcome["rules"].items():
        at_reference, at_end = samples[reference]["tables"][name], last["tables"][name]
        per_minute = slope([(row["minute"], row["tables"][name]) for row in samples[reference:]])
        tables[name] = {
            "at_start": samples[0]["tables"][name],
            "at_reference": at_reference,
            "at_end": at_end,
            "growth": at_end - at_reference,
            "slope_rows_per_minute": round(per_minute, 2) if per_minute is not None else None,
            "rule": f"at most {TABLE_MARGIN} rows more than at minute {reference}" if rule == FLAT else rule,
            "passed": table_passed(rule, at_reference, at_end),
        }
    checks = {
        "ran its minutes": len(minutes) == args.minutes and not timed_out,
        "no errors": errors == 0,
        "app processes all stayed up": not gone,
        "memory flat": all(entry["passed"] for entry in memory.values()),
        "small tables flat": all(entry["passed"] is not False for entry in tables.values()),
    }
    return {
        "warmup_minute": warmup,
        "reference_minute": reference,
        "errors": errors,
        "unanswered": unanswered,
        "minutes_p95_over_limit": slow,
        "failures": outcome.get("failures", {}),
        "processes_gone": gone,
        "processes_new": new,
        "memory": memory,
        "tables": tables,
        "checks": checks,
        "passed": all(checks.values()),
    }


def minute_line(row: dict) -> str:
    serve = sum(kb or 0 for name, kb in row["rss_kb"].items() if name.startswith("gunicorn")) / 1024
    worker = sum(kb or 0 for name, kb in row["rss_kb"].items() if name.startswith("koers worker")) / 1024
    counts = ", ".join(f"{count}" for count in row["tables"].values())
    if "requests" not in row:
        return f"minute  0 (before the load): RSS serve {serve:.0f} MB, worker {worker:.0f} MB; small tables {counts}"
    return (
        f"minute {row['minute']:>2}: {row['requests']:>5} requests, errors {row['errors']}, "
        f"p50 {row['p50_ms']:6.1f} ms, p95 {row['p95_ms']:6.1f} ms; RSS serve {serve:.0f} MB, "
        f"worker {worker:.0f} MB; small tables {counts}"
    )


def sum_minute_errors(result: dict) -> int:
    return sum(row["errors"] for row in result["samples"][1:])


def report(result: dict) -> None:
    verdict = result["verdict"]
    print(f"\n{result['size']}; {result['rate_per_s']} requests/s for {result['minutes']} minutes "
          f"({result['server']}); machine {result['machine_busy_before_percent']:.0f} % busy before\n")  # fmt: skip
    print("| minute | requests | errors | p50 | p95 | RSS serve (master + workers) | RSS worker |")
    print("|---|---|---|---|---|---|---|")
    for row in result["samples"][1:]:
        serve = sum(kb or 0 for name, kb in row["rss_kb"].items() if name.startswith("gunicorn")) / 1024
        worker = sum(kb or 0 for name, kb in row["rss_kb"].items() if name.startswith("koers worker")) / 1024
        print(f"| {row['minute']} | {row['requests']} | {row['errors']} | {row['p50_ms']:.0f} ms | "
              f"{row['p95_ms']:.0f} ms | {serve:.0f} MB | {worker:.0f} MB |")  # fmt: skip
    print(f"\n| process | RSS at minute {verdict['warmup_minute']} | at the end | end / start | per minute | |")
    print("|---|---|---|---|---|---|")
    for name, entry in verdict["memory"].items():
        per_minute = entry["slope_kb_per_minute"]
        shown = f"{per_minute / 1024:+.2f} MB" if per_minute is not None else "–"
        print(f"| {name} | {entry['start_kb'] / 1024:.1f} MB | {entry['end_kb'] / 1024:.1f} MB | "
              f"{entry['ratio']:.3f} | {shown} | {'pass' if entry['passed'] else 'FAIL'} |")  # fmt: skip
    for name in verdict["processes_gone"]:
        print(f"| {name} | | ended | | | FAIL |")
    for name in verdict["processes_new"]:
        print(f"| {name} | | started during the soak | | | |")
    print(f"\n| table | start | minute {verdict['reference_minute']} | end | growth | per minute | |")
    print("|---|---|---|---|---|---|---|")
    for name, entry in verdict["tables"].items():
        per_minute = entry["slope_rows_per_minute"]
        shown = f"{per_minute:+.1f}" if per_minute is not None else "–"
        judged = {True: "pass", False: "FAIL", None: "shown"}[entry["passed"]]
        print(f"| {name} | {entry['at_start']} | {entry['at_reference']} | {entry['at_end']} | "
              f"{entry['growth']:+d} | {shown} | {judged} |")  # fmt: skip
    print(f"\nshown, not judged: {verdict['minutes_p95_over_limit']} minutes with p95 over {result['p95_ms']:g} ms, "
          f"{verdict['unanswered']} requests still unanswered 3 s after their minute")  # fmt: skip
    # A minute's errors are those known 3 s after it; one that times out later counts in the total.
    print(f"failed requests in all: {verdict['errors']} (the minutes above show {sum_minute_errors(result)})")
    for check, passed in verdict["checks"].items():
        print(f"{'pass' if passed else 'FAIL'}: {check}")
    if verdict["failures"]:
        print(f"failed requests: {json.dumps(verdict['failures'], ensure_ascii=False)}")
    print(f"\nsoak: {'PASSED' if verdict['passed'] else 'FAILED'}")


def main() -> None:
    parser = bench.arguments()
    parser.description = __doc__.splitlines()[0]
    parser.add_argument("--minutes", type=int, default=30, help="length of the soak")
    parser.add_argument("--rate", type=int, default=CAPACITY_PER_S // 2, help="requests per second")
    parser.add_argument("--warmup-minutes", type=int, default=2, help="memory is compared from the end of these")
    args = parser.parse_args()
    if args.minutes < 1 or args.rate < 1:
        sys.exit("soak: --minutes and --rate must be at least 1")

    kinds, _rng, _who, youths, contacts, size = bench.prepare(args)
    from django.db import connections

    connections.close_all()
    args.port = args.port or bench.free_port()
    busy = bench.machine_busy()
    print(f"machine CPU before the run: {busy:.0f} % busy (other work on the machine skews every figure)")
    workdir = Path(tempfile.mkdtemp(prefix="koers-soak-"))
    server, worker = bench.app_start(args, workdir, {**os.environ, **MAIL_TO_CONSOLE})
    try:
        bench.wait_for_server(args.port, server)
        print(f"soak: {args.rate} requests/s of the mix for {args.minutes} minutes (logs in {workdir})", flush=True)
        samples, outcome, timed_out = run(args.port, kinds[1:], args, workdir, server, worker)
    finally:
        bench.app_stop(worker, server)

    result = {
        "youths": youths,
        "contacts": contacts,
        "size": size,
        "rate_per_s": args.rate,
        "p95_ms": args.p95_ms,
        "minutes": args.minutes,
        "server": f"koers serve, {args.workers} workers x {args.threads} threads; koers worker",
        "machine_busy_before_percent": round(busy, 1),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "samples": samples,
    }
    result["verdict"] = judge(samples, outcome, args, timed_out)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(f"\nJSON: {args.json}")
    report(result)
    if result["verdict"]["passed"]:
        shutil.rmtree(workdir)
    else:
        print(f"\nthe logs and the plan (with the run's session keys) are in {workdir}")
        sys.exit(1)


if __name__ == "__main__":
    main()
