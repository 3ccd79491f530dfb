"""What the benchmark scripts share: Django in-process on DATABASE_URL (a throw-away
SQLite database without it), migrated, with one connection kept for the whole run
so that its query log survives; and the figures they print."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def start_django():
    """Set Django up and migrate; the scratch folder lives as long as the result."""
    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{scratch.name}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["DJANGO_DEBUG"] = "1"

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Keep one connection for the whole run, so that its query log survives.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    return scratch


def generate_releases(releases, seed=1):
    """Bring the database to `releases` press releases with the generator (a tenth
    as many events and a hundredth as many people)."""
    from django.core.management import call_command

    from newsroom.models import PressRelease

    missing = releases - PressRelease.objects.count()
    if missing > 0:
        started = time.monotonic()
        call_command(
            "generate_content",
            releases=missing,
            events=missing // 10,
            people=missing // 100,
            seed=seed,
        )
        print(f"generated in {time.monotonic() - started:.0f} s")
    # Fresh statistics, as autovacuum would give them in time: the planner takes
    # a table it has not analysed since millions of inserts for a small one.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def median_p95(timings):
    """The median and the 95th percentile, within the figures measured: the
    default ("exclusive") method extrapolates past the maximum of fewer than 19
    figures."""
    return (
        statistics.median(timings),
        statistics.quantiles(timings, n=20, method="inclusive")[-1],
    )
