"""Open-loop load for `make bench` (scripts/bench.py writes the plan and starts Locust headless).

    KOERS_BENCH_PLAN=plan.json locust -f scripts/bench/locustfile.py --headless --host http://127.0.0.1:8765

Requests arrive as a Poisson process at the step's rate, each in its own greenlet, whether or not
earlier ones are answered (ADR 0011): Locust's own wait_time functions pace each user's loop, so
a slow answer would delay that user's next request and the load would adapt to the server. Each
arrival picks a page of the mix by its share, then one of that page's prepared requests (a
person's session, a youth of theirs). The latency is measured from the moment the request was
due, not from when it was sent, so a late generator shows as slowness instead of hiding it
(coordinated omission).

The rate steps up (plan "steps", each "step_seconds" long); a step passes when the p95 of the
requests due in it (after "settle_seconds") is under "p95_ms" and none failed. The run stops after
the first failing step (unless "stop_on_fail" is false: the soak). Results go to plan["results"] as
JSON after every step.
"""

import bisect
import http.cookiejar
import itertools
import json
import os
import random
import time
import uuid

import gevent
import psutil
from gevent.pool import Group
from locust import LoadTestShape, constant, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["KOERS_BENCH_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)

KINDS = PLAN["kinds"]
CUMULATIVE = list(itertools.accumulate(kind["share"] for kind in KINDS))
GRACE_SECONDS = 3.0  # a request due in a step and still unanswered this long after it counts as slow

started_at = time.perf_counter()  # reset when the shape starts
rate = 0.0  # arrivals per second, set by the shape
done: list[tuple[float, float, int, bool]] = []  # (due, latency ms, kind index, ok)
in_flight: dict[int, tuple[float, int]] = {}  # id -> (due, kind index)
failures: dict[str, dict[str, int]] = {}  # kind -> "status or error" -> count
lags: list[tuple[float, float]] = []  # (due, ms between due and sent)
tokens = itertools.count()


def now() -> float:
    return time.perf_counter() - started_at


class Arrivals(FastHttpUser):
    """One user that only schedules: every request runs in its own greenlet, over a shared pool."""

    wait_time = constant(0)
    concurrency = PLAN["connections"]
    network_timeout = 30.0
    connection_timeout = 30.0

    def on_start(self):
        # Each prepared request carries its own person's cookies; none are kept between requests.
        self.client.cookiejar.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        # A redirect is an answer to check (a saved form goes to the file), not something to follow.
        self.client.client.redirect_response_codes = frozenset()
        self.pending = Group()
        self.rng = random.Random(PLAN["seed"])

    def on_stop(self):
        self.pending.kill(block=False)

    @task
    def arrive(self):
        due = now()
        while True:
            if rate <= 0:
                gevent.sleep(0.05)
                due = now()
                continue
            due += self.rng.expovariate(rate)
            delay = due - now()
            if delay > 0:
                gevent.sleep(delay)
            index = bisect.bisect_right(CUMULATIVE, self.rng.random() * CUMULATIVE[-1])
            request = self.rng.choice(KINDS[index]["requests"])
            self.pending.spawn(self.send, index, request, due)

    def send(self, index: int, request: dict, due: float) -> None:
        kind = KINDS[index]
        token = next(tokens)
        in_flight[token] = (due, index)
        lags.append((due, (now() - due) * 1000))
        body = request.get("body")
        if body is not None and request.get("once"):
            body += "&idempotency_key=" + uuid.uuid4().hex  # a freshly rendered form each time
        problem = None
        with self.client.request(
            kind["method"],
            request["path"],
            name=kind["name"],
            headers=request["headers"],
            data=body,
            catch_response=True,
        ) as response:
            status = response.status_code
            location = response.headers.get("location", "") if response.headers else ""
            if status not in kind["expect"]:
                problem = f"{status or type(response.error).__name__}"
            elif kind.get("location") and not location.startswith(kind["location"]):
                problem = f"{status} to {location.split('?')[0] or '?'}"
            if problem:
                response.failure(problem)
            else:
                response.success()
        latency = (now() - due) * 1000
        in_flight.pop(token, None)
        done.append((due, latency, index, problem is None))
        if problem:
            failures.setdefault(kind["name"], {}).setdefault(problem, 0)
            failures[kind["name"]][problem] += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


class Steps(LoadTestShape):
    """The rate per step; evaluates each step GRACE_SECONDS after its end, stops after a failing one."""

    def __init__(self):
        super().__init__()
        self.results: list[dict] = []
        self.process = psutil.Process()
        self.marks: dict[int, tuple[float, float, float]] = {}  # step -> (time, own cpu s, machine busy s)

    def reset_time(self):
        global started_at
        super().reset_time()
        started_at = time.perf_counter()

    def tick(self):
        global rate
        elapsed = now()
        length = PLAN["step_seconds"]
        step = int(elapsed // length)
        for finished in range(len(self.results), len(PLAN["steps"])):
            if elapsed < (finished + 1) * length + GRACE_SECONDS:
                break
            result = self.evaluate(finished)
            self.results.append(result)
            self.write()
            print(step_line(result), flush=True)
            # The soak (scripts/soak.py) runs its minutes to the end and judges them afterwards.
            if not result["passed"] and PLAN.get("stop_on_fail", True):
                rate = 0.0
                return None
        if len(self.results) == len(PLAN["steps"]):
            rate = 0.0
            return None
        if step < len(PLAN["steps"]):
            rate = float(PLAN["steps"][step])
        else:
            rate = 0.0  # past the last step: wait for its grace period
        self.mark(elapsed)
        return (1, 1)

    def mark(self, elapsed: float) -> None:
        """CPU counters at the start of each step's measured window and at its end (to a tick)."""
        length = PLAN["step_seconds"]
        for step in range(min(int(elapsed // length) + 1, len(PLAN["steps"]))):
            for key, at in ((2 * step, step * length + PLAN["settle_seconds"]), (2 * step + 1, (step + 1) * length)):
                if key not in self.marks and elapsed >= at:
                    machine = psutil.cpu_times()
                    busy = machine.user + machine.system + machine.nice + machine.irq + machine.softirq
                    own = self.process.cpu_times()
                    self.marks[key] = (time.perf_counter(), own.user + own.system, busy)

    def evaluate(self, step: int) -> dict:
        length = PLAN["step_seconds"]
        start, end = step * length + PLAN["settle_seconds"], (step + 1) * length
        current = now()
        rows = [row for row in done if start <= row[0] < end]
        waiting = [(due, index) for due, index in list(in_flight.values()) if start <= due < end]
        latencies = [row[1] for row in rows] + [(current - due) * 1000 for due, _ in waiting]
        errors = sum(1 for row in rows if not row[3])
        per_kind = {}
        for index, kind in enumerate(KINDS):
            mine = [row[1] for row in rows if row[2] == index] + [
                (current - due) * 1000 for due, i in waiting if i == index
            ]
            per_kind[kind["name"]] = {
                "requests": len(mine),
                "p50_ms": round(percentile(mine, 0.50), 1),
                "p95_ms": round(percentile(mine, 0.95), 1),
                "errors": sum(1 for row in rows if row[2] == index and not row[3]),
            }
        p95 = percentile(latencies, 0.95)
        seconds = end - start
        cpu = {}
        first, last = self.marks.get(2 * step), self.marks.get(2 * step + 1)
        if first and last and last[0] > first[0]:
            wall = last[0] - first[0]
            cpu = {
                "loadgen_cpu_percent": round(100 * (last[1] - first[1]) / wall, 1),
                "machine_cpu_percent": round(100 * (last[2] - first[2]) / wall / psutil.cpu_count(), 1),
            }
        return {
            "rate_per_s": PLAN["steps"][step],
            "achieved_per_s": round(len(latencies) / seconds, 1),
            "requests": len(latencies),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(p95, 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "errors": errors,
            "unanswered": len(waiting),
            "send_lag_p95_ms": round(percentile([lag for due, lag in lags if start <= due < end], 0.95), 1),
            **cpu,
            "passed": bool(latencies) and p95 < PLAN["p95_ms"] and errors == 0,
            "pages": per_kind,
        }

    def write(self) -> None:
        with open(PLAN["results"], "w", encoding="utf-8") as out:
            json.dump({"steps": self.results, "failures": failures}, out, indent=1)


def step_line(result: dict) -> str:
    cpu = (
        f"  cpu: load generator {result['loadgen_cpu_percent']:.0f} % of a core, "
        f"machine {result['machine_cpu_percent']:.0f} %"
        if "machine_cpu_percent" in result
        else ""
    )
    return (
        f"rate {result['rate_per_s']:>4} /s: {result['requests']:>6} requests, p50 {result['p50_ms']:7.1f} ms, "
        f"p95 {result['p95_ms']:7.1f} ms, p99 {result['p99_ms']:7.1f} ms, errors {result['errors']}, "
        f"late sends p95 {result['send_lag_p95_ms']:.1f} ms{cpu} -> {'pass' if result['passed'] else 'FAIL'}"
    )
