"""Where one page spends its time: cProfile of N requests through Django's test client.

    KOERS_SECRET_KEY=x KOERS_DATABASE_URL=postgres://... .venv/bin/python scripts/profile_page.py \
        consulent1a /jongeren/7667/ [--requests 20] [--sort tottime] [--lines 40]

Signs the user in with a verified second factor (no password needed), warms the page up, then
prints the median time per request, the queries of one request with their PostgreSQL time
(EXPLAIN ANALYZE, planning included) and the profile. Use it on the benchmark data
(docs/benchmarks.md); the numbers include the profiler's own overhead.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("username")
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    os.environ.setdefault("KOERS_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from koers.accounts.models import User

    user = User.objects.get(username=args.username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    for _ in range(3):
        response = client.get(args.path)
    if response.status_code != 200:
        raise SystemExit(f"{args.path} answered {response.status_code}")

    timings = []
    for _ in range(args.requests):
        started = time.perf_counter()
        client.get(args.path)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"{args.path}: median {statistics.median(timings):.1f} ms over {args.requests} requests")

    with CaptureQueriesContext(connection) as queries:
        client.get(args.path)
    total = 0.0
    for query in queries:
        sql = query["sql"]
        if not sql.startswith("SELECT") or connection.vendor != "postgresql":
            print(f"   -      {sql[:110]}")
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
        spent = plan["Execution Time"] + plan["Planning Time"]
        total += spent
        print(f"{spent:6.2f} ms  {sql[:110]}")
    print(f"{len(queries)} queries, {total:.2f} ms in PostgreSQL for the SELECTs")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
