import os
import socket
import threading

import pytest
from django.core.cache import caches

from newsroom.resilience import cache as resilient_cache
from tests.ports import free_ports, redis_url

# A port of this project's range where nothing listens: a Redis that is down.
(CLOSED_PORT,) = free_ports(1)
CLOSED_REDIS_URL = f"redis://127.0.0.1:{CLOSED_PORT}/1"
# The real Redis of the test machine, on a database number of its own.
REDIS_URL = redis_url(1)
BACKEND = "newsroom.resilience.cache.ResilientRedisCache"


def redis_cache(settings, location):
    """Make the site's default cache the resilient Redis cache at `location`."""
    settings.CACHES = {
        "default": {
            "BACKEND": BACKEND,
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    resilient_cache.outage.reset()
    resilient_cache.paused_until.clear()
    return caches["default"]


@pytest.fixture
def down_cache(settings):
    """The default cache is a Redis that refuses connections."""
    return redis_cache(settings, CLOSED_REDIS_URL)


@pytest.fixture
def real_redis(settings):
    """The default cache is the machine's Redis (skipped where there is none,
    except under CI, which starts one)."""
    cache = redis_cache(settings, REDIS_URL)
    try:
        cache._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001 - any failure means no Redis here
        if os.environ.get("CI") == "true":
            pytest.fail(f"No Redis at {REDIS_URL} ({error}): CI must start one.")
        pytest.skip(f"No Redis at {REDIS_URL} ({error}).")
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def hanging_redis():
    """The address of a "Redis" that takes connections and never answers (a
    server stuck, or a network that drops the replies)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return  # closed

    threading.Thread(target=accept, daemon=True).start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/1"
    listener.close()
    for connection in held:
        connection.close()
