"""Where the time of one uncached page goes, in-process, with the production
settings (debug off, page cache off, persistent connection).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/profile_page.py [PATH] [--iterations 200] [--profile]

PATH defaults to the latest release's English page (build the data set with
scripts/benchmark_serving.py first). Prints the queries and their time, the
template nodes rendered, and the CPU time of this process per request (what a
loaded machine cannot hide: wall time there measures the other processes too);
`--profile` adds cProfile's 40 costliest functions; `--slow MS` prints each query
that took at least MS milliseconds with its plan (EXPLAIN (ANALYZE, BUFFERS) on
PostgreSQL).
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def production_environment():
    static_root = Path(tempfile.gettempdir()) / "newsroom-profile-static"
    os.environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="profile-only-secret-key-" + "x" * 40,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        STATIC_ROOT=str(static_root),
        NEWSROOM_PAGE_CACHE_SECONDS="0",
    )
    if not (static_root / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=PROJECT_DIR,
            check=True,
        )


def latest_release_path():
    from django.utils import translation

    from newsroom.models import PressRelease

    release = PressRelease.objects.ready_in("en").order_by("-publish_at").first()
    if release is None:
        sys.exit("No release: build the data set first.")
    with translation.override("en"):
        return release.get_absolute_url()


def nodes_rendered(get):
    """How many template nodes one request renders."""
    from django.template.base import Node

    count = 0
    render_annotated = Node.render_annotated

    def counting(node, context):
        nonlocal count
        count += 1
        return render_annotated(node, context)

    Node.render_annotated = counting
    try:
        get()
    finally:
        Node.render_annotated = render_annotated
    return count


def explain_slow(queries, threshold_ms):
    """Each query of at least `threshold_ms`, with its plan on PostgreSQL."""
    from django.db import connection

    for query in queries:
        ms = float(query["time"]) * 1000
        if ms < threshold_ms:
            continue
        print(f"--- {ms:.1f} ms: {query['sql'][:600]}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                print("\n".join(line for (line,) in cursor.fetchall()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--slow", type=float, metavar="MS")
    parser.add_argument(
        "--staff", action="store_true", help="signed in as a superuser (the admin)"
    )
    options = parser.parse_args()
    sys.path.insert(0, str(PROJECT_DIR))
    production_environment()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path = options.path or latest_release_path()
    client = Client(HTTP_HOST="127.0.0.1")
    if options.staff:
        from django.contrib.auth.models import User

        # The second factor would send the session to its code page.
        settings.NEWSROOM_STAFF_2FA = False

        user, _created = User.objects.get_or_create(
            username="benchmark", defaults={"is_staff": True, "is_superuser": True}
        )
        client.force_login(user)

    def get():
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        return response

    size = len(get().content)
    with CaptureQueriesContext(connection) as queries:
        get()
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    print(f"{path}: {size} bytes, {len(queries)} queries ({sql_ms:.1f} ms of SQL)")
    if options.slow is not None:
        explain_slow(queries, options.slow)
    print(f"template nodes rendered: {nodes_rendered(get)}")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(options.iterations):
        get()
    wall = (time.perf_counter() - started) / options.iterations * 1000
    cpu = (time.process_time() - cpu) / options.iterations * 1000
    print(
        f"per request over {options.iterations}: {cpu:.1f} ms CPU in this process, "
        f"{wall:.1f} ms wall (load average {os.getloadavg()[0]:.1f})"
    )
    if options.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [get() for _ in range(options.iterations)])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
