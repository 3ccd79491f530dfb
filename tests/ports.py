"""Ports for the servers the tests start (SMTP peers) and for addresses where
nothing listens (a cache or a database taken away); the Redis database of each
test process."""

import os
import socket


def free_ports(count):
    """`count` distinct loopback ports free at the time of asking, chosen by the
    system, so that two test runs on one machine never collide."""
    sockets = []
    try:
        for _index in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def redis_url(database):
    """The machine's Redis at `database`, moved by four per pytest-xdist worker
    (gw1 uses 5 for 1), so that two workers never clear each other's keys;
    NEWSROOM_TEST_REDIS_URL, when set, is used as it is."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    default = f"redis://127.0.0.1:6379/{database + 4 * worker}"
    return os.environ.get("NEWSROOM_TEST_REDIS_URL", default)
