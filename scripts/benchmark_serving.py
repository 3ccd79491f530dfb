"""Throughput of the public pages under the production server, against a bare
one-view Django app under the same server, cold (page cache off), missed (page
cache on, every request a new address) and warm.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        nice -n 10 .venv/bin/python scripts/benchmark_serving.py --releases 3000

Brings DATABASE_URL (PostgreSQL) to `--releases` press releases in three languages
with the demo and `manage.py generate_content` (a tenth as many events, a
hundredth as many people), collects the static files, starts the site under
granian as `make serve` does (or gunicorn with `gunicorn.conf.py`: `--server
gunicorn`) with `--workers` workers, debug off, persistent connections, Redis
(`--redis`) as its cache (each process keeping the generation as Redis tells it
of changes; `--no-watch` reads it on every hit), and `scripts/bare_app.py` under
the same server. Each
page is loaded with wrk (`-t2 -c16`, `--seconds` each) on loopback right after the
bare app, so that both see the same load on the machine: with the page cache off
(cold: every request builds its page), then on with a new query string on every
request (miss: each page is built and stored while what pages share stays cached,
as for a page nobody asked for since the last change), then on (warm). Prints
requests/s, p50 and p99, the SQL queries of one uncached request, the ratio to the
bare app run just before, and the load average. wrk asks for compressed pages,
as browsers and crawlers do. Figures, not a test.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarking import generate_releases, start_django

PROJECT_DIR = Path(__file__).resolve().parent.parent
SCRIPTS_DIR = Path(__file__).resolve().parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
# What browsers and crawlers ask for: a sitemap file is 2 MB plain, 90 kB
# compressed, and a hit then costs its copy more than its lookup.
GZIP = {"Accept-Encoding": "gzip, deflate"}


def server_command(server, app, port, workers, chdir):
    if server == "granian":
        return [
            shutil.which("granian") or str(Path(sys.executable).parent / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            str(workers),
            # As many threads as make serve (WEB_THREADS), and so as many
            # persistent database connections per worker, no more.
            "--blocking-threads",
            os.environ.get("WEB_THREADS", "4"),
            "--no-ws",
            "--log-level",
            "warning",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--working-dir",
            str(chdir),
            app,
        ]
    command = [sys.executable, "-m", "gunicorn", "--chdir", str(chdir)]
    if chdir == PROJECT_DIR:
        command += ["-c", "gunicorn.conf.py"]
    else:
        command += ["--no-control-socket", app]
    return command + [f"--workers={workers}", f"--bind=127.0.0.1:{port}"]


def start_server(command, env, url):
    process = subprocess.Popen(
        command, env=env, cwd=PROJECT_DIR, start_new_session=True
    )
    for _attempt in range(300):
        if process.poll() is not None:
            sys.exit(f"The server stopped: {' '.join(command)}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return process
        except OSError:
            time.sleep(0.1)
    stop_server(process)
    sys.exit(f"The server did not answer: {' '.join(command)}")


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


# wrk asks for a new address each time (`?miss=<thread>-<n>`): with the page
# cache on, every request is a miss, as for a page nobody asked for since the last
# change, while what pages share (remember()) stays cached.
EVERY_REQUEST_A_MISS = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "miss=" .. id .. "-" .. counter)
end
"""


def wrk(url, seconds, connections, threads, script=None):
    """{"rps", "p50", "p99", "errors"} of one wrk run."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--header",
            "Accept-Encoding: " + GZIP["Accept-Encoding"],
            *(["--script", script] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if found is None:
            sys.exit(f"Unexpected wrk output:\n{output}")
        return float(found.group(1)) * UNITS[found.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    # Requests slower than wrk's 2 s timeout are not in its latencies.
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def ensure_content(releases):
    from django.core.management import call_command

    from organisation.models import OrganisationProfile

    if not OrganisationProfile.objects.exists():
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    generate_releases(releases)


def pages():
    """{label: path} of the pages measured."""
    from django.urls import reverse
    from django.utils import translation

    from newsroom.models import PressRelease, Topic

    release = PressRelease.objects.ready_in("en").order_by("-publish_at").first()
    topic = Topic.objects.filter(press_releases__in=PressRelease.objects.live()).first()
    found = {}
    with translation.override("en"):
        releases = reverse("newsroom:release-list")
        found.update(
            {
                "release detail /en/": release.get_absolute_url(),
                "home /en/": reverse("home"),
                "release list /en/": releases,
                "release list /en/ topic": f"{releases}?topic={topic.slug_en}",
                "release list /en/ year": f"{releases}?year={release.publish_at.year}",
                "RSS /en/": reverse("syndication:release-rss"),
                "search /en/?q=migration": reverse("newsroom:search") + "?q=migration",
            }
        )
    with translation.override("fr"):
        found.update(
            {
                "structure /fr/": reverse("organisation:structure"),
                "release list /fr/ page 50": reverse("newsroom:release-list")
                + "?page=50",
            }
        )
    found["sitemap index"] = "/sitemap.xml"
    found["sitemap releases"] = "/sitemap-releases.xml"
    return found


def query_counts(paths):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, path in paths.items():
        client.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[label] = (len(queries), status)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=5, help="per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=9170)
    parser.add_argument("--server", choices=["gunicorn", "granian"], default="granian")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--only", help="a part of the page labels to measure")
    parser.add_argument(
        "--no-watch",
        action="store_true",
        help="a Redis read of the generation per hit (NEWSROOM_PAGE_CACHE_WATCH=0)",
    )
    options = parser.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")

    os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"
    # The photos live as long as the database they belong to.
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    os.environ.setdefault(
        "MEDIA_ROOT", str(Path(tempfile.gettempdir()) / f"newsroom-bench-{database}")
    )
    scratch = start_django()
    ensure_content(options.releases)
    paths = {
        label: path
        for label, path in pages().items()
        if not options.only or options.only in label
    }
    counts = query_counts(paths)
    from django.db import connections

    from newsroom.models import PressRelease

    total = PressRelease.objects.count()
    connections.close_all()

    static_root = tempfile.mkdtemp(dir=scratch.name)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
        "STATIC_ROOT": static_root,
        "REDIS_URL": options.redis,
        "NEWSROOM_PAGE_CACHE_WATCH": "0" if options.no_watch else "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
    )
    base = f"http://127.0.0.1:{options.port}"
    bare_base = f"http://127.0.0.1:{options.port + 1}"
    bare = start_server(
        server_command(
            options.server,
            "bare_app:application",
            options.port + 1,
            options.workers,
            SCRIPTS_DIR,
        ),
        env,
        bare_base + "/",
    )
    print(
        f"{total} releases, PostgreSQL, {options.server} {options.workers} workers, "
        f"wrk -t{options.threads} -c{options.connections} -d{options.seconds}s; "
        f"load average at start {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)"
    )
    header = (
        f"{'page':<28} {'mode':<5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'queries':>7} {'bare r/s':>8} {'ratio':>6} {'load':>5}"
    )
    print(header)
    try:
        miss_script = Path(scratch.name) / "miss.lua"
        miss_script.write_text(EVERY_REQUEST_A_MISS)
        for mode, seconds in (("cold", "0"), ("miss", "300"), ("warm", "300")):
            site = start_server(
                server_command(
                    options.server,
                    "newsroom.wsgi:application",
                    options.port,
                    options.workers,
                    PROJECT_DIR,
                ),
                {**env, "NEWSROOM_PAGE_CACHE_SECONDS": seconds},
                base + "/en/",
            )
            try:
                for label, path in paths.items():
                    for _warm in range(5):
                        # The copy wrk asks for: else its 16 first requests all
                        # build it at once.
                        urllib.request.urlopen(
                            urllib.request.Request(base + path, headers=GZIP),
                            timeout=60,
                        ).read()
                    yardstick = wrk(
                        bare_base + "/",
                        options.seconds,
                        options.connections,
                        options.threads,
                    )
                    result = wrk(
                        base + path,
                        options.seconds,
                        options.connections,
                        options.threads,
                        script=miss_script if mode == "miss" else None,
                    )
                    queries, status = counts[label]
                    queries = {"cold": queries, "miss": "-"}.get(mode, 0)
                    errors = "".join(
                        f" {result[kind]} {kind}"
                        for kind in ("errors", "timeouts")
                        if result[kind]
                    )
                    print(
                        f"{label:<28} {mode:<5} {result['rps']:>8.1f} "
                        f"{result['p50']:>7.1f} {result['p99']:>7.1f} {queries:>7} "
                        f"{yardstick['rps']:>8.0f} "
                        f"{result['rps'] / yardstick['rps']:>6.3f} "
                        f"{os.getloadavg()[0]:>5.1f}{errors}"
                        + ("" if status == 200 else f" [status {status}]"),
                        flush=True,
                    )
            finally:
                stop_server(site)
    finally:
        stop_server(bare)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
