"""The production command: `make serve` collects the static files, migrates and
starts granian with debug off, and the site it starts serves pages from the page
cache."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
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
            pytest.fail(f"make serve stopped:\n{server.stderr.read().decode()}")
        try:
            return get(url)
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"make serve did not answer at {url}")


def test_make_serve_starts_the_site_and_serves_cached_pages(tmp_path):
    """Debug off, a fresh database, no Redis: the health check answers, the home
    page is built once and then read from the page cache (the database table the
    command creates), without a cookie."""
    port = free_ports(1)[0]
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
    # `-o messages` (with what it needs, `install`): the suite runs installed and
    # with the catalogues compiled (`make test` does both first); the test must
    # not reinstall the project into the environment it runs in, as a checkout
    # newer than the install would, nor spend a start on compiling them again.
    server = subprocess.Popen(
        [
            "make",
            "-o",
            "messages",
            "serve",
            f"PORT={port}",
            "WEB_CONCURRENCY=1",
            "WEB_THREADS=2",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
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
        assert not group_alive(server.pid), "granian outlived make serve"
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
