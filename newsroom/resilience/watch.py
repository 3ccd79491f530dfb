"""A Redis key read once per change instead of once per use: each process keeps the
value on a connection of its own on which Redis tracks the key (RESP3 client-side
caching, `CLIENT TRACKING ON BCAST`), so that Redis sends an invalidation on that
connection whenever any client changes the key. Every read looks at the socket
without waiting (one poll), takes in what arrived, and answers from the copy
only when nothing says it changed.

Why the copy is never older than the key, for a writer that reads the key back
after writing it (bump_generation does): Redis queues the invalidation on this
connection while it executes the write, and writes it to the socket before it
reads the writer's next command; so by the time the writer's read-back returns,
the invalidation is in this process's socket (on one machine: the loopback and
Unix sockets deliver as they send), and the next read sees it.

The connection and the protocol are redis-py's (`Connection`, RESP3: the
address, credentials, database, timeouts and TLS of the cache's URL), the
invalidations handed by its parser to `invalidated()`; not redis-py's own
client-side cache, which refuses a Redis older than 7.4, and looks for
invalidations with `can_read()` (a read attempt costing more than a hit's poll).
What the parser has read from the socket it does not parse until asked: every
whole message it holds is taken in before a read returns (receive()), so what
arrives later is in the socket, where the poll sees it (over TLS too: redis-py
reads 64 kB at a time, a TLS record is at most 16 kB, and the records behind it
stay in the socket).

What Redis cannot send, the copy is not trusted beyond:
- a closed or reset connection (Redis restarted or gone): the poll sees it, the
  read is answered the ordinary way (Unavailable) and reconnects a second later;
- a Redis that stops answering (stopped, cut off): the connection is pinged every
  PING_EVERY seconds, and the copy is trusted only while Redis answered a command
  sent less than TRUSTED_FOR seconds ago, under half the socket timeout; a writer
  takes the whole timeout to give up on its write, so every read after its failure
  is a round trip, which fails in its turn (a miss) until Redis answers again.
"""

import collections
import os
import select
import threading
import time

from redis.connection import Connection, parse_url
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as Incomplete

# How often a connection in use asks Redis whether it is still there.
PING_EVERY = 0.1
# How long after a command was sent its answer vouches for the copy, at most.
TRUSTED_FOR = 0.5
# How long a process waits before connecting again after a failure.
RETRY_AFTER = 1.0
# What the connection is named in Redis's CLIENT LIST.
CLIENT_NAME = "newsroom-watch"
# Not known: read the key.
UNKNOWN = object()
# What the parser answers for an invalidation, and what an answer is for.
INVALIDATION, VALUE, OTHER = object(), object(), object()


class Unavailable(Exception):
    """The copy cannot be vouched for: read the key the ordinary way."""


class KeepsChanging(RedisError):
    """The key changed again as it was read."""


class Watch:
    """The value of one key, kept by this process for as long as Redis vouches for
    it (above). Shared by the process's threads."""

    def __init__(self, location, key, decode, timeout=None, connect_timeout=None):
        # The URL's options override the cache's, as in redis-py's from_url().
        options = {"socket_timeout": timeout, "socket_connect_timeout": connect_timeout}
        options.update(parse_url(location))
        options.update(protocol=3, client_name=CLIENT_NAME, driver_info=None)
        self.connection = options.pop("connection_class", Connection)(**options)
        self.key = key
        self.decode = decode
        timeout = self.connection.socket_timeout
        self.trusted_for = min(TRUSTED_FOR, timeout / 2) if timeout else TRUSTED_FOR
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.round_trips = 0
        self.reset()

    def reset(self):
        self.poller = None
        # (sent at, what the answer is) of each command not answered yet.
        self.waiting = collections.deque()
        self.value = UNKNOWN
        self.answered_at = self.pinged_at = float("-inf")

    def read(self):
        """The key's value, decoded (None if there is none); raises Unavailable
        when Redis cannot vouch for a copy (the caller reads the key itself)."""
        with self.lock:
            now = time.monotonic()
            try:
                if self.poller is None:
                    self.connect(now)
                # The parser keeps no whole message between reads (receive()),
                # so whatever arrived since is in the socket.
                if self.poller.poll(0):
                    self.receive()
                if self.value is UNKNOWN or now - self.answered_at > self.trusted_for:
                    self.fetch(now)
                elif not self.waiting and now - self.pinged_at >= PING_EVERY:
                    self.send(now, OTHER, "PING")
                    self.pinged_at = now
                return self.value
            except (RedisError, OSError, IndexError, ValueError) as error:
                self.close(now)
                raise Unavailable(str(error)) from error

    def connect(self, now):
        if now < self.retry_at:
            raise Unavailable("Not watching")
        connection = self.connection
        connection.connect()  # HELLO 3, AUTH, CLIENT SETNAME, SELECT.
        connection._parser.set_invalidation_push_handler(self.invalidated)
        self.poller = select.poll()
        self.poller.register(connection._sock, select.POLLIN)
        self.send(now, OTHER, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key)
        self.fetch(now)
        self.pinged_at = now

    def invalidated(self, _push):
        """An invalidation (of the key, or of everything on a flush)."""
        self.value = UNKNOWN
        return INVALIDATION

    def send(self, now, answer, *command):
        self.connection.send_command(*command, check_health=False)
        self.waiting.append((now, answer))

    def fetch(self, now):
        """Read the key, and everything Redis sent before its value."""
        self.round_trips += 1
        self.send(now, VALUE, "GET", self.key)
        while self.waiting:  # Waiting for each answer up to the socket timeout.
            self.take_in(
                self.connection.read_response(
                    push_request=True, disconnect_on_error=False
                )
            )
        self.receive()
        if self.value is UNKNOWN:
            raise KeepsChanging("The key keeps changing")

    def receive(self):
        """Take in every whole message Redis sent, read or not yet read from the
        socket; a close behind the last one is seen at once."""
        while self.connection.can_read(0):
            try:
                message = self.connection.read_response(
                    push_request=True, disconnect_on_error=False, timeout=0
                )
            except Incomplete:  # The rest of a message is on its way.
                return
            self.take_in(message)

    def take_in(self, message):
        if message is INVALIDATION:
            return
        sent_at, answer = self.waiting.popleft()
        self.answered_at = max(self.answered_at, sent_at)
        if answer is VALUE:
            self.value = None if message is None else self.decode(message)

    def close(self, now):
        self.connection.disconnect()
        self.reset()
        self.retry_at = now + RETRY_AFTER


watches = {}
watches_lock = threading.Lock()


def watch(location, key, decode, timeout=None, connect_timeout=None):
    """The process's Watch of `key` at `location`."""
    found = watches.get((location, key))
    if found is None:
        with watches_lock:
            found = watches.setdefault(
                (location, key),
                Watch(location, key, decode, timeout, connect_timeout),
            )
    return found


def forget_watches():
    """A forked process has its own connections: not its parent's, nor its locks."""
    global watches_lock
    watches.clear()
    watches_lock = threading.Lock()


os.register_at_fork(after_in_child=forget_watches)
