"""The production command: `make serve` collects the static files, migrates and
starts granian with debug off, and the site it starts serves pages from the page
cache."""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.ports import free_ports

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Collecting, migrating a new database and starting, on a busy machine.
START_SECONDS = 300


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def wait_for(url, server):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make stopped:\n{server.stderr.read().decode()}")
        try:
            return get(url)
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"make did not answer at {url}")


def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "GRANIAN_"))
        and key not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL", "PORT")
    }
    env.update(
        DJANGO_SECRET_KEY="t3st-0nly_k3y-9f8e7d6c5b4a3928171605f4e3d2c1b0a9z8y7x6w5v4u3",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def make(target, project, env, *variables, **popen):
    """`make target` in `project`, with the environment the suite runs in: `-o
    messages` (with what it needs, `install`), since the suite runs installed and
    with the catalogues compiled (`make test` does both first); the test must not
    reinstall the project into that environment, as a checkout newer than the
    install would, nor spend a start on compiling them again."""
    venv = Path(sys.executable).parent.parent
    command = ["make", "-o", "messages", target, f"VENV={venv}", *variables]
    return subprocess.Popen(command, cwd=project, env=env, **popen)


def serve(project, env, port, *variables):
    return make(
        "serve",
        project,
        env,
        f"PORT={port}",
        *variables,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_make_serve_starts_the_site_and_serves_cached_pages(tmp_path):
    """Debug off, a fresh database, no Redis: the health check answers, the home
    page is built once and then read from the page cache (the database table the
    command creates), without a cookie."""
    port = free_ports(1)[0]
    env = production_env(tmp_path)
    server = serve(
        PROJECT_DIR,
        env,
        port,
        "WEB_CONCURRENCY=1",
        "WEB_THREADS=2",
        f"SERVE_PID_FILE={tmp_path / 'granian.pid'}",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        status, _headers, _body = wait_for(f"{base}/healthz", server)
        assert status == 200
        status, headers, first = get(f"{base}/en/")
        assert (status, headers["X-Cache"]) == (200, "miss")
        assert headers["Set-Cookie"] is None
        assert b"<!DOCTYPE html>" in first
        status, headers, second = get(f"{base}/en/")
        assert (status, headers["X-Cache"], second) == (200, "hit", first)
    finally:
        stop(server)


def test_make_reload_serves_the_new_code_without_refusing_a_request(tmp_path):
    """A release on a running server (a copy of the project, edited): `make
    reload` prepares while the old workers answer, then granian replaces them one
    at a time. Every request during it is answered; afterwards the health check
    names the new build and the home page is the new code's, not the copy the old
    workers stored."""
    project = tmp_path / "project"
    for name in ("newsroom", "organisation", "templates", "locale"):
        shutil.copytree(
            PROJECT_DIR / name,
            project / name,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    for name in ("manage.py", "Makefile"):
        shutil.copy(PROJECT_DIR / name, project / name)
    port = free_ports(1)[0]
    env = production_env(tmp_path)
    server = serve(project, env, port, "WEB_CONCURRENCY=2", "WEB_THREADS=2")
    base = f"http://127.0.0.1:{port}"
    try:
        _status, _headers, body = wait_for(f"{base}/healthz", server)
        old_build = json.loads(body)["build"]
        assert get(f"{base}/en/")[1]["X-Cache"] == "miss"
        assert get(f"{base}/en/")[1]["X-Cache"] == "hit"
        # The new code: Python, which a worker reads once when it starts (a
        # template is read when first used, by old workers too).
        with (project / "newsroom" / "views" / "context_processors.py").open("a") as f:
            f.write(
                "\n\nold_site = site\n\n\ndef site(request):\n"
                '    return {**old_site(request), "marker": "the new code"}\n'
            )
        base_template = project / "templates" / "base.html"
        base_template.write_text(base_template.read_text() + "<!-- {{ marker }} -->\n")

        answers, done = Counter(), threading.Event()

        def visit():
            while not done.is_set():
                for path in ("/en/", "/healthz"):
                    try:
                        answers[get(f"{base}{path}")[0]] += 1
                    except OSError as error:
                        answers[type(error).__name__] += 1

        visitor = threading.Thread(target=visit)
        visitor.start()
        try:
            reload = make(
                "reload", project, env, f"PORT={port}", stderr=subprocess.PIPE
            )
            assert reload.wait(timeout=START_SECONDS) == 0, reload.stderr.read()
            # The old workers are gone once the new build answers many times over.
            deadline, new_in_a_row = time.monotonic() + START_SECONDS, 0
            while new_in_a_row < 20 and time.monotonic() < deadline:
                build = json.loads(get(f"{base}/healthz")[2])["build"]
                new_in_a_row = new_in_a_row + 1 if build != old_build else 0
                time.sleep(0.05)
            assert new_in_a_row == 20, "the new build never answered alone"
        finally:
            done.set()
            visitor.join()
        # No request refused, as stopping and starting refuses every one for
        # the seconds it takes. granian's old worker may close a connection it
        # accepted in the instant it stops, unanswered (hyper's graceful
        # shutdown takes one that has sent nothing yet for an idle one): seen
        # once in 9,607 requests. One visitor has one request in flight, so that
        # is one at most per worker stopped.
        assert answers[200] > 100, answers
        assert "ConnectionRefusedError" not in answers, answers
        assert answers.total() - answers[200] <= 2, answers
        status, _headers, page = get(f"{base}/en/")
        assert status == 200
        assert b"<!-- the new code -->" in page
    finally:
        stop(server)


def test_make_run_stopped_by_a_signal_stops_the_site_and_the_worker(tmp_path):
    """`make run` with the demo content on a new SQLite database: a SIGTERM to
    make alone (a terminal closed, a process manager) stops the development
    server and the worker with it."""
    port = free_ports(1)[0]
    env = production_env(tmp_path)
    env["DJANGO_DEBUG"] = "1"
    server = make(
        "run",
        PROJECT_DIR,
        env,
        f"PORT={port}",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        status, _headers, _body = wait_for(f"http://127.0.0.1:{port}/healthz", server)
        assert status == 200
    finally:
        stop(server)


def test_make_reload_without_a_server_says_so(tmp_path):
    reload = make(
        "reload",
        PROJECT_DIR,
        production_env(tmp_path),
        "PORT=1",
        f"SERVE_PID_FILE={tmp_path / 'none.pid'}",
        stderr=subprocess.PIPE,
        text=True,
    )
    _out, err = reload.communicate(timeout=60)
    assert reload.returncode != 0
    assert "no server runs" in err


def stop(server):
    """Stop it as a service manager does: SIGTERM to `make` alone, which hands it
    to granian (two SIGTERMs at once can hang granian 2.8's master: README, "In
    production"); everything it started is gone within the kill timeout."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
        deadline = time.monotonic() + 30
        while group_alive(server.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(server.pid), "a process outlived make"
    finally:
        if group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="PostgreSQL only: its advisory lock is what the servers take turns "
    "under (run with DATABASE_URL=postgres://…)",
)
def test_servers_started_together_prepare_one_at_a_time(tmp_path):
    """Two servers started at once on a new database (a release on two machines):
    both prepare without an error, one after the other, and the second finds the
    migrations applied. Two plain `migrate` at once fail."""
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"newsroom_prepare_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        env = {
            **{
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "NEWSROOM_"))
            },
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "t3st-0nly_k3y-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{server}/{name}",
            "STATIC_ROOT": str(tmp_path / "static"),
        }
        servers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "prepare_to_serve"],
                cwd=PROJECT_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _server in range(2)
        ]
        for process in servers:
            _out, err = process.communicate(timeout=START_SECONDS)
            assert process.returncode == 0, err
        plan = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert plan.returncode == 0, plan.stdout + plan.stderr
        assert (tmp_path / "static" / "staticfiles.json").exists()
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
