"""The health checks: /healthz answers while the process runs, reading nothing;
/readyz answers 200 when the database, the cache, the media storage and the task
queue answer, 503 naming the one that does not; neither is ever cached."""

import json

import pytest

from tests.test_project import run

from .test_database import CLOSED_DATABASE_URL

pytestmark = pytest.mark.django_db

CHECKS = {"database", "cache", "storage", "tasks"}


def test_healthz_reads_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
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


def test_readyz_answers_503_naming_the_cache_when_redis_is_down(client, down_cache):
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == "unavailable"
    assert {name for name, value in checks.items() if value == "ok"} == CHECKS - {
        "cache"
    }


def test_readyz_answers_503_when_the_task_queue_is_down(client, settings):
    """With RQ as the queue and its Redis refusing connections."""
    from .conftest import CLOSED_REDIS_URL

    settings.RQ_QUEUES = {"default": {"URL": CLOSED_REDIS_URL}}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
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
