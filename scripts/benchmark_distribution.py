"""Time the handing of N subscriber emails to an SMTP server through the worker.

    .venv/bin/python scripts/benchmark_distribution.py [--subscribers 10000]
        [--workers 1] [--port 9125]

Builds a throw-away SQLite database, or uses DATABASE_URL (a PostgreSQL database
is created if missing), loads the demo, adds `--subscribers` confirmed subscribers
in the three languages, and starts an SMTP server (aiosmtpd) on loopback that
counts what it accepts. Then it fans out a live release to all of them, as the
sweep does when a release goes live, and runs `--workers` real `manage.py
db_worker --batch` processes until the queue is empty. Prints the fan-out time and
the time from the first task to the last email accepted. Figures, not a test.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))


class Counter:
    """An aiosmtpd handler that only counts the messages it accepts."""

    def __init__(self):
        self.count = 0
        self.last = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last = time.perf_counter()
        return "250 OK"


def ensure_postgresql_database(url):
    """Create the database of a PostgreSQL `url` if it does not exist."""
    import psycopg
    from dj_database_url import parse
    from django.db.backends.postgresql.psycopg_any import sql

    config = parse(url)
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="template1",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"]))
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=9125)
    options = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{scratch.name}/media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ.update(
        NEWSROOM_TASKS_BACKEND="database",
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(options.port),
        DISTRIBUTION_SENDERS=str(options.workers),
    )
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_postgresql_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from newsroom.distribution.dispatching import fan_out
    from newsroom.distribution.models import Delivery, Dispatch, Subscriber
    from newsroom.models import PressRelease

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    # A fresh run: no earlier subscriber, delivery or queued task.
    Dispatch.objects.all().delete()
    Subscriber.objects.all().delete()
    DBTaskResult.objects.all().delete()
    languages = ["en", "fr", "es", "fr en", "es en"]
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{number}@example.org",
                languages=languages[number % len(languages)],
                status=Subscriber.Status.CONFIRMED,
            )
            for number in range(options.subscribers)
        ],
        batch_size=2000,
    )
    release = PressRelease.objects.live().order_by("-publish_at").first()

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=options.port)
    controller.start()
    try:
        start = time.perf_counter()
        fan_out(release)
        fanned_out = time.perf_counter() - start
        connection.close()
        start = time.perf_counter()
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    "--interval",
                    "0.1",
                    "-v",
                    "0",
                ],
                cwd=PROJECT_DIR,
            )
            for _number in range(options.workers)
        ]
        for worker in workers:
            worker.wait()
        sent = (counter.last or time.perf_counter()) - start
    finally:
        controller.stop()

    statuses = dict(
        Delivery.objects.values_list("status").annotate(n=django.db.models.Count("pk"))
    )
    print(f"database: {connection.vendor}; workers: {options.workers}")
    print(f"fan-out: {options.subscribers} deliveries made in {fanned_out:.2f} s")
    each = 1000 * sent / max(counter.count, 1)
    print(
        f"sent: {counter.count} emails accepted by SMTP in {sent:.1f} s "
        f"({counter.count / sent:.0f} emails/s, {each:.2f} ms each, worker "
        "start-up included)"
    )
    print(f"deliveries by status: {statuses}")


if __name__ == "__main__":
    main()
