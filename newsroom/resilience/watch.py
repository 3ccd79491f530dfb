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
import socket
import threading
import time

from redis.connection import parse_url

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
INCOMPLETE = object()


class Unavailable(Exception):
    """The copy cannot be vouched for: read the key the ordinary way."""


class ProtocolError(Exception):
    """Redis answered something this client does not expect."""


class Push(list):
    """A message Redis sent unasked: an invalidation."""


class ErrorReply(str):
    pass


def pack(*arguments):
    """A command in the Redis protocol."""
    parts = [b"*%d\r\n" % len(arguments)]
    for argument in arguments:
        argument = argument if isinstance(argument, bytes) else str(argument).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(argument), argument))
    return b"".join(parts)


AGGREGATES = {ord("*"): list, ord("~"): list, ord("%"): list, ord(">"): Push}


def parse(buffer, start=0):
    """(message, end) of the RESP3 message at `start`, or INCOMPLETE."""
    end = buffer.find(b"\r\n", start)
    if end < 0:
        return INCOMPLETE
    kind, line, after = buffer[start], bytes(buffer[start + 1 : end]), end + 2
    if kind == ord("-"):
        return ErrorReply(line.decode(errors="replace")), after
    if kind == ord("_"):
        return None, after
    if kind in b"+:,(#":
        return line, after
    if kind in b"$=!":
        size = int(line)
        if size < 0:
            return None, after
        if len(buffer) < after + size + 2:
            return INCOMPLETE
        value = bytes(buffer[after : after + size])
        if kind == ord("!"):
            value = ErrorReply(value.decode(errors="replace"))
        return value, after + size + 2
    if kind in AGGREGATES:
        count = int(line) * (2 if kind == ord("%") else 1)
        items = AGGREGATES[kind]()
        for _index in range(max(count, 0)):
            parsed = parse(buffer, after)
            if parsed is INCOMPLETE:
                return INCOMPLETE
            item, after = parsed
            items.append(item)
        return (items if count >= 0 else None), after
    raise ProtocolError(f"Unexpected reply type {chr(kind)!r}")


class Watch:
    """The value of one key, kept by this process for as long as Redis vouches for
    it (above). Shared by the process's threads."""

    def __init__(self, location, key, decode, timeout=None, connect_timeout=None):
        self.address = parse_url(location)
        self.key = key
        self.decode = decode
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.trusted_for = min(TRUSTED_FOR, timeout / 2) if timeout else TRUSTED_FOR
        # TLS connections are not watched: every read is a round trip.
        self.supported = "connection_class" not in self.address or (
            "path" in self.address
        )
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.round_trips = 0
        self.reset()

    def reset(self):
        self.sock = None
        self.buffer = bytearray()
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
                if self.sock is None:
                    self.connect(now)
                self.receive(wait=False)
                if self.value is UNKNOWN or now - self.answered_at > self.trusted_for:
                    self.fetch(now)
                elif not self.waiting and now - self.pinged_at >= PING_EVERY:
                    self.send([pack("PING")], now, ["pong"])
                    self.pinged_at = now
                return self.value
            except (OSError, ProtocolError, IndexError, ValueError) as error:
                self.close(now)
                raise Unavailable(str(error)) from error

    def connect(self, now):
        if not self.supported or now < self.retry_at:
            raise Unavailable("Not watching")
        address = self.address
        if "path" in address:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.connect_timeout)
            sock.connect(address["path"])
        else:
            sock = socket.create_connection(
                (address["host"], address["port"]), timeout=self.connect_timeout
            )
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(self.timeout)
        self.sock = sock
        self.poller = select.poll()
        self.poller.register(sock, select.POLLIN)
        hello = ["HELLO", 3]
        if address.get("password"):
            hello += ["AUTH", address.get("username") or "default", address["password"]]
        commands = [pack(*hello), pack("CLIENT", "SETNAME", CLIENT_NAME)]
        if address.get("db"):
            commands.append(pack("SELECT", address["db"]))
        commands.append(pack("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key))
        self.send(commands, now, ["ok"] * len(commands))
        self.fetch(now)
        self.pinged_at = now

    def send(self, commands, now, answers):
        self.sock.sendall(b"".join(commands))
        self.waiting.extend((now, answer) for answer in answers)

    def fetch(self, now):
        """Read the key, and everything Redis sent before its value."""
        self.round_trips += 1
        self.send([pack("GET", self.key)], now, ["value"])
        while self.waiting:
            self.receive(wait=True)
        if self.value is UNKNOWN:  # Changed again as it was read.
            raise ProtocolError("The key keeps changing")

    def receive(self, wait):
        """Take in what Redis sent; with `wait`, wait for something. Reads until
        the socket is empty: a close behind the last message is seen at once."""
        while wait or self.poller.poll(0):
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("Redis closed the connection")
            self.buffer += data
            self.take_in()
            wait = False

    def take_in(self):
        start = 0
        while (parsed := parse(self.buffer, start)) is not INCOMPLETE:
            message, start = parsed
            if isinstance(message, Push):
                # An invalidation (of the key, or of everything on a flush).
                self.value = UNKNOWN
                continue
            sent_at, answer = self.waiting.popleft()
            if isinstance(message, ErrorReply):
                raise ProtocolError(message)
            self.answered_at = max(self.answered_at, sent_at)
            if answer == "value":
                self.value = None if message is None else self.decode(message)
        del self.buffer[:start]

    def close(self, now):
        if self.sock is not None:
            self.sock.close()
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
