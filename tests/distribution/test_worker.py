"""The worker: the periodic sweep that finds what went live, the Tasks API with the
database backend, and real worker processes (db_worker, run_worker) that send,
stop on Ctrl-C, and take over from a killed one."""

import datetime
import shutil
import sqlite3
import time
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom.distribution.dispatching import fan_out
from newsroom.distribution.models import Delivery, Dispatch, SweepRecord
from newsroom.distribution.tasks import SENDER_EXPECTED, send_deliveries, sweep
from tests.factories import ago, ahead, make_event, make_release, make_subscriber

from .conftest import (
    WORKER_SMTP_PORT,
    run,
    start_smtp,
    start_worker,
    stop,
    wait_for,
    work_queue,
)


@pytest.mark.django_db
def test_the_sweep_fans_out_what_went_live_and_nothing_else(settings):
    """The sweep fans out live items gone live within DISTRIBUTION_MAX_AGE_HOURS,
    once; never drafts, withdrawn or scheduled items, nor the archive."""
    settings.DISTRIBUTION_MAX_AGE_HOURS = 48
    fresh = make_release("fresh", publish_at=ago(minutes=1))
    event = make_event("event", publish_at=ago(minutes=5))
    make_release("draft", state="draft")
    make_release("withdrawn", state="withdrawn")
    make_release("scheduled", publish_at=ahead(minutes=5))
    make_release("archive", publish_at=ago(days=3))
    make_subscriber()
    assert sweep() == 2
    assert {str(dispatch.item) for dispatch in Dispatch.objects.all()} == {
        str(fresh),
        str(event),
    }
    assert Delivery.objects.count() == 2
    assert sweep() == 0
    assert SweepRecord.last_run() is not None


@pytest.mark.django_db
def test_a_scheduled_item_is_fanned_out_by_the_first_sweep_after_its_time():
    """A scheduled release waits for its time, then the next sweep sends it."""
    release = make_release(publish_at=ahead(minutes=10))
    make_subscriber()
    assert sweep() == 0
    assert sweep(now=timezone.now() + datetime.timedelta(minutes=11)) == 1
    assert Delivery.objects.get().dispatch.release == release


@pytest.mark.django_db
def test_the_sweep_queues_a_sender_for_retries_that_fall_due():
    """Deliveries waiting for a retry get a sender once due, through the queue."""
    make_release()
    make_subscriber()
    sweep()
    DBTaskResult.objects.all().delete()
    Delivery.objects.update(next_attempt_at=ahead(minutes=5), attempts=1)
    sweep()
    assert not DBTaskResult.objects.exists()
    Delivery.objects.update(next_attempt_at=ago(seconds=1))
    sweep()
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "newsroom.distribution.tasks.send_deliveries"


@pytest.mark.django_db
def test_the_sweep_queues_one_sender_while_one_is_counted_on():
    """While a mailing is being sent, or its sender waits in a slow queue, the
    sweeps of every worker queue one sender, not one each every few seconds; a
    sender that starts is counted on for its own run; once SENDER_EXPECTED has
    passed with deliveries still due, the next sweep queues another."""
    make_release()
    make_subscriber()
    sweep()
    DBTaskResult.objects.all().delete()
    Delivery.objects.update(next_attempt_at=ago(seconds=1))
    now = timezone.now()
    for seconds in (0, 15, 30, 45):
        sweep(now=now + datetime.timedelta(seconds=seconds))
    assert DBTaskResult.objects.count() == 1
    later = now + SENDER_EXPECTED + datetime.timedelta(seconds=1)
    sweep(now=later)
    assert DBTaskResult.objects.count() == 2
    # A sender that starts, the mail server down, leaves the row due again.
    DBTaskResult.objects.all().delete()
    SweepRecord.objects.update(sender_expected_until=None)
    send_deliveries.call()
    assert DBTaskResult.objects.count() == 0
    Delivery.objects.update(
        status=Delivery.Status.PENDING, next_attempt_at=ago(seconds=1)
    )
    sweep()
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_what_a_fan_out_queued(smtp):
    """A fan-out queues its senders through the Tasks API once committed; the
    database backend's worker runs them."""
    release = make_release()
    for index in range(3):
        make_subscriber(f"r{index}@example.org")
    fan_out(release)
    assert DBTaskResult.objects.count() == 2
    work_queue()
    assert sorted(smtp.recipients()) == [
        "r0@example.org",
        "r1@example.org",
        "r2@example.org",
    ]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


# Real processes. They share the database with this test: PostgreSQL's test
# database, or on SQLite a copy of `migrated_sqlite` (the test database lives in
# memory).


@pytest.fixture
def process_env(request, tmp_path, transactional_db):
    """The environment of a worker process sharing this test's database."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        url = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    else:
        database = tmp_path / "worker.sqlite3"
        shutil.copy(request.getfixturevalue("migrated_sqlite"), database)
        url = f"sqlite:///{database}"
    return {
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "NEWSROOM_SITE_URL": "https://news.example.org",
        "NEWSROOM_TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(WORKER_SMTP_PORT),
        "DISTRIBUTION_SWEEP_SECONDS": "1",
    }


def shell(code, env):
    """Run `code` with Django set up against the worker's database."""
    result = run("manage.py", "shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


SUBSCRIBERS = """
from tests.factories import make_subscriber
for index in range({count}):
    make_subscriber(f"reader{{index}}@example.org")
"""


def test_the_real_db_worker_process_sends_the_queue(process_env):
    """`manage.py db_worker` itself, in its own process, sends what a fan-out
    queued."""
    inbox, controller = start_smtp(WORKER_SMTP_PORT)
    try:
        shell(
            SUBSCRIBERS.format(count=3)
            + """
from tests.factories import make_release
from newsroom.distribution.dispatching import fan_out
fan_out(make_release("news"))
""",
            process_env,
        )
        result = run(
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            **process_env,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        controller.stop()
    assert sorted(inbox.recipients()) == [f"reader{i}@example.org" for i in range(3)]


def test_a_scheduled_release_is_sent_within_a_minute_with_no_action(process_env):
    """With `manage.py run_worker` running, a release scheduled a few seconds
    ahead reaches subscribers after its time and within a minute of it, with no
    one doing anything; Ctrl-C stops the worker cleanly."""
    inbox, controller = start_smtp(WORKER_SMTP_PORT)
    worker = start_worker(process_env, "run_worker")
    try:
        publish_at = shell(
            SUBSCRIBERS.format(count=2)
            + """
from tests.factories import ahead, make_release
release = make_release("scoop", publish_at=ahead(seconds=4))
print(release.publish_at.timestamp())
""",
            process_env,
        )
        publish_at = float(publish_at.strip().splitlines()[-1])
        assert wait_for(lambda: len(inbox.recipients()) == 2, 60), "nothing arrived"
        arrived = time.time()
        code, output = stop(worker)
    finally:
        controller.stop()
        if worker.poll() is None:
            worker.kill()
    assert publish_at <= arrived < publish_at + 60
    assert sorted(inbox.recipients()) == ["reader0@example.org", "reader1@example.org"]
    assert code == 0, output
    assert "newsroom.distribution.tasks.sweep" in output


def test_a_killed_worker_process_is_taken_over_and_nobody_gets_two(process_env):
    """A worker killed (SIGKILL) in the middle of a mailing: another one, once the
    lease of the dead one's rows runs out, sends the rest; nobody gets an email
    twice, and the one the dead worker may have been handing over is reported."""
    inbox, controller = start_smtp(WORKER_SMTP_PORT)
    inbox.delay = 0.15
    limits = {"DISTRIBUTION_BATCH_SIZE": "5", "DISTRIBUTION_LEASE_SECONDS": "3"}
    first = second = None
    try:
        shell(
            SUBSCRIBERS.format(count=20)
            + """
from tests.factories import make_release
make_release("news")
""",
            process_env,
        )
        first = start_worker(process_env, "run_worker", **limits)
        assert wait_for(lambda: len(inbox.recipients()) >= 4, 60), "nothing sent"
        first.kill()
        first.wait(10)
        sent_before = len(inbox.recipients())
        assert sent_before < 20
        second = start_worker(process_env, "run_worker", **limits)
        assert wait_for(lambda: set(statuses(process_env)) <= {"sent", "failed"}, 90), (
            statuses(process_env)
        )
        stop(second)
    finally:
        controller.stop()
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
    counts = Counter(inbox.recipients())
    assert set(counts.values()) == {1}
    final = statuses(process_env)
    # At most the one email the killed worker was handing over is uncertain (it
    # may or may not have reached the server); every other one was sent once.
    assert final.get("failed", 0) <= 1
    assert final["sent"] + final.get("failed", 0) == 20
    assert final["sent"] <= len(counts) <= 20


def statuses(env):
    """{status: count} of the deliveries in the worker's database, read directly
    (an ORM query on PostgreSQL, where it is this test's database)."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            rows = database.execute(
                "SELECT status, COUNT(*) FROM distribution_delivery GROUP BY status"
            ).fetchall()
        return dict(rows)
    rows = Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by()
    return dict(rows)
