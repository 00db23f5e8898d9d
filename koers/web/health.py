"""Health endpoints for a load balancer; neither needs a sign-in or shows personal data.

- `/gezond/` ("alive"): a bare view without database or session work, also the benchmark's baseline.
- `/gezond/klaar/` ("ready"): the database answers and every migration is applied, else 503 with
  Retry-After, so the load balancer sends no users to this server. How long ago a worker finished a
  round is shown too, as a warning only: pages work without a worker (mail waits in the outbox).
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_migrate
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.db.outage import OUTAGE_ERRORS, RETRY_AFTER_SECONDS
from koers.outbox.heartbeat import worker_last_seen

# A worker finishes a round every few seconds and writes its heartbeat once a minute.
WORKER_LATE_SECONDS = 5 * 60


@require_GET
def health_view(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def readiness_view(request):
    report = {"database": "unavailable", "migrations": "unknown", "worker_seen_seconds_ago": None, "warnings": []}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
        report["migrations"] = "ok" if _migrations_applied() else "pending"
        if report["migrations"] == "ok":  # before that, the heartbeat's table may not exist yet
            seen = worker_last_seen()
            if seen is not None:
                report["worker_seen_seconds_ago"] = max(0, int((timezone.now() - seen).total_seconds()))
    except OUTAGE_ERRORS:
        pass  # the report says "unavailable"; the load balancer's own log notes the 503
    age = report["worker_seen_seconds_ago"]
    if report["migrations"] == "ok" and (age is None or age > WORKER_LATE_SECONDS):
        report["warnings"].append("worker_not_seen_recently")
    ready = report["database"] == "ok" and report["migrations"] == "ok"
    response = JsonResponse(report, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response._has_been_logged = True  # asked every few seconds: no error line in Django's log each time
    return response


# Once every migration was found applied, this process does not look again (reading the migration
# files and the applied list costs far more than the check itself). Running `migrate` in the same
# process (a test, a deploy step) forgets it.
_applied_on: set[str] = set()


def _migrations_applied() -> bool:
    if connection.alias in _applied_on:
        return True
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    _applied_on.add(connection.alias)
    return True


def _forget_migrations_applied(**kwargs) -> None:
    _applied_on.clear()


post_migrate.connect(_forget_migrations_applied, dispatch_uid="koers.web.health.forget_migrations_applied")
