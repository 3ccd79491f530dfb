"""What a cached page's hit costs, in-process: the CPU time of the project's WSGI
entry point answering a page from the page cache, against scripts/bare_app.py's
one view called the same way (in a process of its own).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
    REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python scripts/profile_hit.py [PATH ...] [--hits 3000] [--profile]

PATH defaults to the home page, the release list and the sitemap index. Each
request is what wrk sends in scripts/benchmark_serving.py (loopback, asking for
gzip); the first ones build and store the page. Prints the CPU time of this
process per hit (the best and the median of five rounds: wall time on a loaded
machine measures the other processes too), with REDIS_URL the page cache in
Redis as in production; `--profile` adds cProfile's 30 costliest functions by
CPU time.
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
ROUNDS = 5


def environ(path):
    path, _mark, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def measure(application, path, hits, profile, label=None):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    def request():
        body = application(environ(path), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()

    for _ in range(3):
        request()
    rounds = []
    for _ in range(ROUNDS):
        cpu = time.process_time()
        for _ in range(hits):
            request()
        rounds.append((time.process_time() - cpu) / hits * 1e6)
    rounds.sort()
    state = answer["headers"].get("X-Cache", "-")
    print(
        f"{label or path:<28} {answer['status']:<7} {state:<5} "
        f"{rounds[0]:6.1f} µs CPU per hit (median {rounds[ROUNDS // 2]:.1f})"
    )
    if profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(lambda: [request() for _ in range(hits)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--hits", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare:
        sys.path.insert(0, str(SCRIPTS_DIR))
        from bare_app import application

        return measure(application, "/", options.hits, options.profile, "bare app")

    from profile_page import PROJECT_DIR, production_environment

    production_environment()
    os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "300"
    sys.path.insert(0, str(PROJECT_DIR))
    from newsroom.wsgi import application

    print(f"load average {os.getloadavg()[0]:.1f}")
    subprocess.run(
        [sys.executable, __file__, "--bare", f"--hits={options.hits}"], check=True
    )
    for path in options.paths or ["/en/", "/en/press-releases/", "/sitemap.xml"]:
        measure(application, path, options.hits, options.profile)


if __name__ == "__main__":
    main()
