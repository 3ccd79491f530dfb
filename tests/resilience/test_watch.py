"""A key watched on the machine's Redis is read once per change: a change made by
any client shows on the next read, and a copy Redis can no longer vouch for (a
closed connection, a Redis that stops answering) is never served."""

import contextlib
import pickle
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
import redis

from newsroom.resilience.watch import CLIENT_NAME, PING_EVERY, Unavailable, Watch
from tests.ports import redis_url

REDIS_URL = redis_url(2)
KEY = "watch-test:generation"


@pytest.fixture
def writer():
    """Another client of the same Redis, which writes as bump_generation does:
    the value, then a read of it."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"No Redis at {REDIS_URL} ({error}).")

    def write(value):
        client.set(KEY, pickle.dumps(value))
        client.get(KEY)

    write.client = client
    yield write
    client.delete(KEY)


def watch_at(url=REDIS_URL, timeout=1):
    return Watch(url, KEY, pickle.loads, timeout=timeout, connect_timeout=1)


def kill_watches(client):
    database = str(client.get_connection_kwargs()["db"])
    for found in client.client_list():
        if (found["name"], found["db"]) == (CLIENT_NAME, database):
            client.client_kill_filter(_id=found["id"])


def test_a_key_is_read_once_until_any_client_changes_it(writer):
    writer("one")
    watch = watch_at()
    assert [watch.read() for _ in range(200)] == ["one"] * 200
    assert watch.round_trips == 1
    writer("two")
    # The very next read, with no wait.
    assert watch.read() == "two"
    writer.client.delete(KEY)
    assert watch.read() is None
    assert watch.round_trips == 3


def test_a_closed_connection_is_never_trusted(writer):
    """Redis gone (restarted, or the connection killed): what it could not send
    is not assumed; the copy is read again once Redis answers."""
    writer("before")
    watch = watch_at()
    assert watch.read() == "before"
    kill_watches(writer.client)
    writer("after the connection was lost")
    with pytest.raises(Unavailable):
        watch.read()
    watch.retry_at = 0
    assert watch.read() == "after the connection was lost"


class Proxy:
    """A TCP relay to Redis that can stop relaying: a Redis that hangs or is cut
    off without closing the connection; or that can hold what Redis sends and
    deliver it in one piece."""

    def __init__(self, port):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target = port
        self.paused = threading.Event()
        self.lock = threading.Lock()
        self.holding = False
        self.held = []
        threading.Thread(target=self.accept, daemon=True).start()

    def url(self):
        """REDIS_URL (its scheme, database and options) through the relay."""
        return urlsplit(REDIS_URL)._replace(netloc=f"127.0.0.1:{self.port}").geturl()

    def accept(self):
        while True:
            client, _address = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self.relay,
                    args=(source, sink, source is upstream),
                    daemon=True,
                ).start()

    def relay(self, source, sink, from_redis):
        try:
            while data := source.recv(65536):
                while self.paused.is_set():
                    time.sleep(0.01)
                with self.lock:
                    if self.holding and from_redis:
                        self.held.append((sink, data))
                        continue
                sink.sendall(data)
        except OSError:
            pass  # The other end went away.
        finally:
            source.close()
            sink.close()

    def wait_until_held(self, piece):
        """Wait for the relay to have taken in `piece` from Redis: what Redis has
        written is in the relay's socket, but its thread may not have read it."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self.lock:
                if piece in b"".join(data for _sink, data in self.held):
                    return
            time.sleep(0.01)
        raise AssertionError(f"Redis never sent {piece!r} through the relay")

    def deliver(self):
        """Send what Redis sent while held, in one piece."""
        with self.lock:
            self.holding = False
            sink = self.held[0][0]
            sink.sendall(b"".join(data for _sink, data in self.held))
            self.held.clear()


def test_a_redis_that_stops_answering_is_not_trusted_past_a_short_window(writer):
    """Redis stops answering without closing the connection: a writer gives up
    after its socket timeout; by then the copy is no longer trusted, and the read
    fails (a miss) instead of answering the value from before."""
    proxy = Proxy(writer.client.get_connection_kwargs()["port"])
    watch = watch_at(proxy.url(), timeout=0.4)
    writer("before")
    assert watch.read() == "before"
    proxy.paused.set()
    # The change the writer could not make, as far as this process can tell.
    writer("during the outage")
    time.sleep(watch.trusted_for + 0.05)
    started = time.monotonic()
    with pytest.raises(Unavailable):
        watch.read()
    assert time.monotonic() - started < 1
    proxy.paused.clear()
    watch.retry_at = 0
    assert watch.read() == "during the outage"


def test_pings_keep_a_busy_copy_trusted(writer):
    """A copy in use is vouched for by pings, not by reading the key again: one
    read in four trusted windows (four or five without the pings). A pause
    between two reads long enough for the window to end before a ping's answer
    is taken in (a busy machine stalling this process) makes one more read
    right: each such pause is counted."""
    writer("steady")
    watch = watch_at()
    deadline = time.monotonic() + 4 * watch.trusted_for
    stalls, last = 0, time.monotonic()
    while time.monotonic() < deadline:
        assert watch.read() == "steady"
        time.sleep(0.01)
        now = time.monotonic()
        stalls += now - last > watch.trusted_for - 2 * PING_EVERY
        last = now
    assert watch.round_trips <= 1 + stalls


def read_quietly(watch):
    with contextlib.suppress(Unavailable):  # The value changed as it was read.
        watch.read()


def test_an_invalidation_behind_a_value_is_taken_in_with_it(writer):
    """An invalidation that arrives in one piece with the value asked for is taken
    in at once, not left unread behind the value where the next read's look at the
    socket would not find it."""
    proxy = Proxy(writer.client.get_connection_kwargs()["port"])
    watch = watch_at(proxy.url())
    writer("before")
    assert watch.read() == "before"
    # The next read asks Redis again, and the value comes with what follows it.
    time.sleep(watch.trusted_for + 0.05)
    proxy.holding = True
    reader = threading.Thread(target=read_quietly, args=(watch,))
    reader.start()
    proxy.wait_until_held(pickle.dumps("before"))
    writer("after")
    proxy.wait_until_held(b"invalidate")
    proxy.deliver()
    reader.join()
    watch.retry_at = 0
    assert watch.read() == "after"
