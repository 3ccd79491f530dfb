"""Two server processes sharing Redis share their pages and their invalidations:
a save made by a third process shows on the next request to either, also when
the connections on which Redis tells them of a change were lost.

Each process trusts its copy of the generation for TRUSTED_FOR after Redis last
answered it (newsroom/resilience/watch.py), and a save in another process takes
longer than that to start: the servers are kept reading while it runs, so that
their copies are still trusted when it lands and only Redis's invalidation can
make them read the generation again."""

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import redis

from newsroom.resilience.watch import CLIENT_NAME
from tests.ports import free_ports, redis_url

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
REDIS_URL = redis_url(1)
LIST = "/en/press-releases/"
START_SECONDS = 120

MAKE_RELEASE = """
from django.utils import timezone
from newsroom.models import PressRelease
PressRelease.objects.create(
    title_en="Shared headline", slug_en="shared", version_state_en="ready",
    state="published", publish_at=timezone.now() - timezone.timedelta(days=1),
)
"""
EDIT_RELEASE = """
from newsroom.models import PressRelease
release = PressRelease.objects.get(slug_en="shared")
release.title_en = "Edited elsewhere"
release.save()
"""
EDIT_AGAIN = EDIT_RELEASE.replace("Edited elsewhere", "Edited after the loss")


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"No Redis at {REDIS_URL} ({error}): CI must start one.")
        pytest.skip(f"No Redis at {REDIS_URL} ({error}).")
    for key in client.scan_iter("pages:*"):
        client.delete(key)
    return REDIS_URL


@pytest.fixture
def environment(tmp_path, shared_redis, migrated_sqlite):
    database = tmp_path / "shared.sqlite3"
    shutil.copy(migrated_sqlite, database)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_")) and key != "CACHE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"sqlite:///{database}",
        REDIS_URL=shared_redis,
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def get(port):
    """The list through the server on `port`, under the one public host name."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{LIST}", headers={"Host": "localhost"}
    )
    with urllib.request.urlopen(request, timeout=10) as page:
        return page.read().decode(), page.headers.get("X-Cache")


def wait_for(port, server):
    # Starting takes a few seconds at rest, many more on a busy machine.
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(server.stderr.read().decode())
        try:
            return get(port)
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"The server on port {port} did not start.")


class KeptReading:
    """Requests to each port every few milliseconds, each making Redis vouch for
    that server's copy again, until the block ends."""

    def __init__(self, ports):
        self.ports = ports
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        while not self.stop.wait(0.02):
            for port in self.ports:
                get(port)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join()


def test_two_servers_see_each_others_invalidations(environment):
    manage(environment, "shell", "-c", MAKE_RELEASE)
    ports = free_ports(2)
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--workers=1",
                f"--bind=127.0.0.1:{port}",
            ],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        first, second = ports
        page, state = wait_for(first, servers[0])
        assert "Shared headline" in page
        assert state == "miss"
        # The other process reads the page the first one stored.
        page, state = wait_for(second, servers[1])
        assert (state, "Shared headline" in page) == ("hit", True)
        # Both now answer from their own copies of the page...
        for port in ports:
            assert get(port)[1] == "hit"
        with KeptReading(ports):
            manage(environment, "shell", "-c", EDIT_RELEASE)
            # ...which neither serves once the edit is saved, although each
            # still trusts its copy of the generation.
            for port in ports:
                assert "Edited elsewhere" in get(port)[0]
        # Redis closes the connections on which it would tell them of the next
        # save (a restart does): neither serves the copy it has.
        client = redis.Redis.from_url(REDIS_URL)
        database = str(client.get_connection_kwargs()["db"])
        watching = [
            found["id"]
            for found in client.client_list()
            if (found["name"], found["db"]) == (CLIENT_NAME, database)
        ]
        assert len(watching) == 2
        for client_id in watching:
            client.client_kill_filter(_id=client_id)
        with KeptReading(ports):
            manage(environment, "shell", "-c", EDIT_AGAIN)
            for port in ports:
                assert "Edited after the loss" in get(port)[0]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
