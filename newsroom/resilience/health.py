"""Health checks for the load balancer and the orchestrator: `/healthz` says the
process answers (it reads nothing) and which build it runs (a release's new
workers answer with the new build), `/readyz` whether what it serves from is
reachable: the database (and whether it takes writes), the cache, the media
storage and the task queue. Only reaching the database is required: without the
others, or with a database that takes no writes, the site is degraded (pages
are built for every visitor, nothing is saved, uploads and emails wait), and
they are the same for every server, so failing them all at once would take a
degraded site out of the load balancer altogether. Both are cheap (one small
question each), never cached, and name no detail of a failure, which goes to the
log once a minute."""

import secrets

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from newsroom.core.build import build
from newsroom.core.database import is_read_only
from newsroom.core.http import read_only
from newsroom.worker import task_backends

from .outages import Outage, reported


def database():
    """Reached, and "read-only" when it takes no writes: a PostgreSQL standby
    (during a failover), a maintenance's read-only setting or a SQLite file
    this process may not write serves reads only, and the site with it
    (middleware.py)."""
    return "read-only" if is_read_only() else "ok"


def cache_round_trip():
    """A value written and read back: the cache's failures are misses (see
    cache.py), so only a read of what was just written proves it answers."""
    key, value = "readyz-probe", secrets.token_hex(8)
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("the cache did not keep a value")


def storage():
    default_storage.exists("readyz-probe")


def task_queue():
    backend = task_backends["default"]
    kind = type(backend).__name__
    if kind == "RQBackend":
        import django_rq

        for queue in backend.queues:
            django_rq.get_connection(queue).ping()
    elif kind == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()


CHECKS = {
    "database": database,
    "cache": cache_round_trip,
    "storage": storage,
    "tasks": task_queue,
}
# Without these the server cannot answer: readiness fails (503).
REQUIRED = {"database"}
OUTAGES = {name: Outage(__name__, f"Readiness check failed: {name}") for name in CHECKS}


@never_cache
@read_only
def healthz(request):
    return JsonResponse({"status": "ok", "build": build()})


@never_cache
@read_only
def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as error:  # Each service fails in its own way.
            OUTAGES[name].report(error)
            results[name] = "unavailable"
    failed = {name for name, value in results.items() if value == "unavailable"}
    degraded = any(value != "ok" for value in results.values())
    if failed & REQUIRED:
        # Reported above, once a minute, not in Django's line per probe.
        reported(request)
        return JsonResponse({"status": "unavailable", "checks": results}, status=503)
    status = "degraded" if degraded else "ok"
    return JsonResponse({"status": status, "checks": results})
