"""The health checks: /healthz answers while the process runs, reading nothing
(not even the cache); /readyz answers 200 when the database, the cache, the media
storage and the task queue answer, 200 "degraded" naming the cache, storage or
queue that does not (every server shares them: failing them all would take a
degraded site out of the load balancer), 503 without the database; neither is
ever cached, and a failure is logged once a minute, without a traceback."""

import json
import logging
import time

import pytest

from newsroom.core.build import build
from tests.test_project import run

from .conftest import redis_cache
from .test_database import CLOSED_DATABASE_URL, database_refusing_writes

pytestmark = pytest.mark.django_db

CHECKS = {"database", "cache", "storage", "tasks"}


def test_healthz_reads_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "build": build()}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_each_service_cheaply(client, django_assert_max_num_queries):
    """One question to each: two queries (the database, the task table)."""
    with django_assert_max_num_queries(2):
        response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == dict.fromkeys(CHECKS, "ok")
    assert "no-store" in response["Cache-Control"]


def test_readyz_names_the_cache_when_redis_is_down_and_stays_ready(
    client, down_cache, caplog
):
    caplog.set_level(logging.WARNING)
    for _probe in range(3):
        response = client.get("/readyz")
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "degraded"
        assert body["checks"]["cache"] == "unavailable"
        ok = {name for name, value in body["checks"].items() if value == "ok"}
        assert ok == CHECKS - {"cache"}
    # One line for the three probes, without a traceback.
    reports = [r for r in caplog.records if "Readiness check failed" in r.getMessage()]
    assert len(reports) == 1
    assert reports[0].exc_info is None


def test_probes_answer_at_once_with_a_hanging_redis(client, settings, hanging_redis):
    """/healthz reads nothing from the hanging cache; /readyz waits for it once."""
    redis_cache(settings, hanging_redis)
    settings.CACHES["pages"] = {**settings.CACHES["default"], "KEY_PREFIX": "pages"}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    started = time.monotonic()
    assert client.get("/healthz", headers={"accept-language": "fr"}).status_code == 200
    assert time.monotonic() - started < 0.5
    response = client.get("/readyz")
    assert (response.status_code, response.json()["status"]) == (200, "degraded")
    assert time.monotonic() - started < 2.5


@pytest.mark.django_db(transaction=True)
def test_readyz_names_a_database_that_refuses_writes_and_stays_ready(client):
    """A standby or a maintenance serves reads: the site stays in the load
    balancer, degraded, and says what is missing."""
    with database_refusing_writes():
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {**dict.fromkeys(CHECKS, "ok"), "database": "read-only"},
    }


def test_readyz_stays_ready_when_the_task_queue_is_down(client, settings):
    """With RQ as the queue and its Redis refusing connections."""
    from .conftest import CLOSED_REDIS_URL

    settings.RQ_QUEUES = {"default": {"URL": CLOSED_REDIS_URL}}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"] == "unavailable"


def test_health_with_the_database_away():
    """/healthz still answers 200, /readyz 503 for the database; neither
    redirects to HTTPS in production (the load balancer asks over HTTP)."""
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "c = Client(raise_request_exception=False); "
        "print(json.dumps([[r.status_code, r.content.decode()] "
        "for r in (c.get('/healthz'), c.get('/readyz'))]))"
    )
    result = run(
        ["-c", script],
        DATABASE_URL=CLOSED_DATABASE_URL,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    (healthz, healthz_body), (readyz, readyz_body) = json.loads(result.stdout)
    assert healthz == 200
    assert readyz == 503
    assert json.loads(readyz_body)["checks"]["database"] == "unavailable"


def test_probes_of_a_database_outage_are_logged_once():
    """A load balancer probes every few seconds: while the database is away, the
    failure is reported once a minute, not Django's line per 503 answered."""
    script = (
        "import django; django.setup(); from django.test import Client; "
        "c = Client(raise_request_exception=False); "
        "print([c.get('/readyz').status_code for _ in range(3)])"
    )
    result = run(
        ["-c", script],
        DATABASE_URL=CLOSED_DATABASE_URL,
        DJANGO_SECRET_KEY="x" * 60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[503, 503, 503]"
    assert result.stderr.count("Readiness check failed: database") == 1
    assert "Service Unavailable" not in result.stderr
