"""Email and the task backend come from the environment; RQ on Redis works the
same tasks as the database backend."""

import json
import os

import pytest
import redis

from tests.ports import redis_url

from .conftest import SPARE_SMTP_PORT, run, start_smtp, start_worker, stop, wait_for

PRINT_SETTINGS = """
import json, django
django.setup()
from django.apps import apps
from django.conf import settings
print(json.dumps({
    "email_backend": settings.EMAIL_BACKEND,
    "host": settings.EMAIL_HOST, "port": settings.EMAIL_PORT,
    "user": settings.EMAIL_HOST_USER, "password": settings.EMAIL_HOST_PASSWORD,
    "tls": settings.EMAIL_USE_TLS, "ssl": settings.EMAIL_USE_SSL,
    "from": settings.DEFAULT_FROM_EMAIL,
    "outbox": str(settings.EMAIL_FILE_PATH),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "rq": getattr(settings, "RQ_QUEUES", {}).get("default", {}).get("URL"),
    "apps": [config.name for config in apps.get_app_configs()],
}))
"""
DEPLOY = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k" * 60}
# This suite's Redis database.
REDIS_URL = redis_url(2)


def loaded(**variables):
    result = run("-c", PRINT_SETTINGS, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_developer_gets_a_file_outbox_and_the_database_queue():
    """With nothing set: emails are written to files in outbox/, tasks go to the
    database backend."""
    values = loaded()
    assert values["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["outbox"].endswith("/outbox")
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in values["apps"] and "django_rq" not in values["apps"]


def test_the_smtp_server_comes_from_the_environment():
    """EMAIL_HOST and its companions configure SMTP; production without a host
    uses the local mail server."""
    values = loaded(
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="newsroom",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="Press office <press@example.org>",
    )
    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["host"], values["port"]) == ("smtp.example.org", 587)
    assert (values["user"], values["password"]) == ("newsroom", "secret")
    assert (values["tls"], values["ssl"]) == (True, False)
    assert values["from"] == "Press office <press@example.org>"
    production = loaded(**DEPLOY)
    assert production["email_backend"].endswith("smtp.EmailBackend")
    assert production["host"] == "localhost"
    assert loaded(EMAIL_BACKEND="console")["email_backend"].endswith(
        "console.EmailBackend"
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "not both"),
        ({"NEWSROOM_TASKS_BACKEND": "celery"}, "NEWSROOM_TASKS_BACKEND must be one of"),
    ],
)
def test_contradictory_settings_fail_clearly(variables, message):
    """A setting that cannot work stops the start with a message naming it."""
    result = run("manage.py", "check", **variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_rq_is_chosen_by_an_environment_variable():
    """NEWSROOM_TASKS_BACKEND=rq selects RQ on TASKS_REDIS_URL."""
    values = loaded(NEWSROOM_TASKS_BACKEND="rq", TASKS_REDIS_URL=REDIS_URL)
    assert values["tasks"] == "django_tasks_rq.RQBackend"
    assert values["rq"] == REDIS_URL
    assert "django_rq" in values["apps"]


@pytest.fixture
def redis_queue():
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Redis on 127.0.0.1:6379 for the RQ worker test.")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (apt-get install redis)")
    connection.flushdb()
    yield
    connection.flushdb()


def test_the_rq_worker_sends_a_queued_email(redis_queue, tmp_path):
    """With RQ chosen, `manage.py run_worker` works the Redis queue: an email
    queued through the Tasks API reaches the mail server."""
    inbox, controller = start_smtp(SPARE_SMTP_PORT)
    env = {
        "NEWSROOM_TASKS_BACKEND": "rq",
        "TASKS_REDIS_URL": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3",
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SPARE_SMTP_PORT),
    }
    worker = start_worker(env, "run_worker", "--no-periodic")
    try:
        result = run(
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from newsroom.worker import queue_email; "
            "print(queue_email('Hello', 'Body', ['rq@example.org'], on_commit=False))",
            **env,
        )
        assert result.returncode == 0, result.stderr
        assert wait_for(lambda: inbox.recipients() == ["rq@example.org"], 60)
        stop(worker)
    finally:
        controller.stop()
        if worker.poll() is None:
            worker.kill()
    assert inbox.messages[0]["Subject"] == "Hello"
