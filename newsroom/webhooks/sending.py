"""POSTing a delivery: signed, claimed by one worker at a time, retried with
backoff, each attempt logged and success logged once.

What the body is about: `X-Newsroom-Event` (published, corrected, withdrawn,
expired, test) and `X-Newsroom-Kind` (release: a ninjs document; event: an
event's API document or tombstone).

The signature: `X-Newsroom-Signature: sha256=<hex>`, the HMAC-SHA256 with the
partner's secret of the `X-Newsroom-Timestamp` value (Unix seconds), a dot and
the body's bytes. A receiver recomputes it, compares in constant time and refuses
an old timestamp (a replay)."""

import base64
import concurrent.futures
import datetime
import hashlib
import hmac
import http.client
import io
import ipaddress
import logging
import socket
import time
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies, proxy_bypass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.worker.mail import retry_delay

from .models import Attempt, WebhookDelivery

logger = logging.getLogger(__name__)

USER_AGENT = "Newsroom-Webhooks/1"

# How long a pending delivery's task may wait in the queue before the sweep takes
# it for lost (a queue that was down) and queues another: while every worker is
# busy, a delivery gets one more task each QUEUED_FOR, not one each sweep.
QUEUED_FOR = datetime.timedelta(minutes=10)


def signature(secret, timestamp, body):
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def time_left(deadline):
    """Seconds until `deadline` (a time.monotonic() value); TimeoutError once past."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    return left


class Reader(io.RawIOBase):
    """The answer's bytes, each read allowed only the time left: a socket's timeout
    bounds one read, so an endpoint that trickles its headers would otherwise hold
    the worker, and every task queued behind it, for as long as it likes."""

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.ended = False

    def readable(self):
        return True

    def readinto(self, buffer):
        self.sock.settimeout(time_left(self.deadline))
        count = self.sock.recv_into(buffer)
        self.ended = count == 0
        return count


class Response(http.client.HTTPResponse):
    """An answer read by the deadline, and whole: http.client takes a connection
    closed among the headers for their end, which is no answer at all."""

    def __init__(self, sock, *args, deadline, **kwargs):
        super().__init__(sock, *args, **kwargs)
        self.fp.close()
        self.reader = Reader(sock, deadline)
        self.fp = io.BufferedReader(self.reader)

    def begin(self):
        super().begin()
        if self.reader.ended:
            raise http.client.HTTPException("connection closed within the headers")


def is_public(address):
    """Whether `address` (a number) is on the internet: not loopback, private,
    link-local (a cloud's metadata service), shared, reserved or multicast."""
    address = ipaddress.ip_address(address)
    address = getattr(address, "ipv4_mapped", None) or address
    return address.is_global and not address.is_multicast


# Where partners' names are looked up: getaddrinfo() has no timeout of its own
# (the system's resolver waits 5 s per name server, and tries each twice), so a
# worker waits for it only the time left of its POST. A look-up that hangs keeps
# its thread; with all of them taken, the next look-ups time out in the queue.
LOOKUPS = concurrent.futures.ThreadPoolExecutor(
    max_workers=4, thread_name_prefix="webhook-lookup"
)


def look_up(host, port, deadline):
    """getaddrinfo() for a TCP connection, within `deadline`."""
    found = LOOKUPS.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        return found.result(timeout=time_left(deadline))
    except concurrent.futures.TimeoutError:
        raise OSError(f"name lookup timed out: {host}") from None


def public_addresses(host, port, deadline):
    """The addresses `host` has, looked up once within `deadline`; OSError if any
    is not public, unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES lets partners on the
    site's network: an editor must not make the worker POST to its own network
    (the database's machine, the cloud's metadata service) and learn from the
    answers which of its ports are open."""
    found = look_up(host, port, deadline)
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES and not all(
        is_public(sockaddr[0]) for *_rest, sockaddr in found
    ):
        raise OSError(f"not a public address: {host}")
    return found


def connect_to(found, timeout):
    """A socket connected to the first of the `found` addresses that answers."""
    error = None
    for family, kind, protocol, _name, sockaddr in found:
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError("no address")


class Connection(http.client.HTTPConnection):
    """A connection that must be done with by `deadline`: connecting, each send
    and each read of the answer get only the time left. No redirect is followed:
    it is an answer that failed. One to a partner (not to the proxy) goes to an
    address of `public_addresses`, the one looked up, never to another that a
    second look-up would give."""

    deadline = None
    to_partner = False

    def connect(self):
        if self.to_partner:
            found = public_addresses(self.host, self.port, self.deadline)
            self.sock = connect_to(found, time_left(self.deadline))
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        else:
            super().connect()
        # HTTPSConnection wraps this socket: the TLS handshake inherits it too.
        self.sock.settimeout(time_left(self.deadline))

    def send(self, data):
        if self.sock is None:
            self.connect()
        self.sock.settimeout(time_left(self.deadline))
        super().send(data)

    def response_class(self, sock, *args, **kwargs):
        # What http.client calls to make its answer.
        return Response(sock, *args, deadline=self.deadline, **kwargs)


class SecureConnection(http.client.HTTPSConnection, Connection):
    pass


CONNECTIONS = {"http": Connection, "https": SecureConnection}


def proxy_for(url):
    """The proxy that the environment names for `url`'s scheme (`http_proxy`,
    `https_proxy`, as curl and urllib read them), split, or None: none set, or
    the host is in `no_proxy`."""
    proxy = getproxies().get(url.scheme)
    if not proxy or proxy_bypass(url.hostname):
        return None
    return urlsplit(proxy if "://" in proxy else f"http://{proxy}")


def connect(url, headers, deadline):
    """A connection for a POST to `url` that must be done with by `deadline`, and
    the request's target: the partner itself, or the proxy, which gets the whole
    URL of a plain http partner and tunnels an https one (CONNECT), so that the
    TLS session is the partner's."""
    path = (url.path or "/") + (f"?{url.query}" if url.query else "")
    proxy = proxy_for(url)
    seconds = time_left(deadline)
    if proxy is None:
        connection = CONNECTIONS[url.scheme](url.hostname, url.port, timeout=seconds)
        connection.to_partner = True
    else:
        connection, path = through_proxy(proxy, url, path, headers, deadline)
    connection.deadline = deadline
    return connection, path


def through_proxy(proxy, url, path, headers, deadline):
    """The connection to `proxy` that carries the POST to `url`, and the
    request's target."""
    try:
        # The proxy looks the name up itself: one that has no address here
        # (a network whose names resolve beyond its proxy only) is its to judge.
        public_addresses(url.hostname, url.port, deadline)
    except socket.gaierror:
        pass
    seconds = time_left(deadline)
    credentials = {}
    if proxy.username:
        pair = f"{unquote(proxy.username)}:{unquote(proxy.password or '')}"
        basic = base64.b64encode(pair.encode()).decode()
        credentials["Proxy-Authorization"] = f"Basic {basic}"
    port = proxy.port or 80
    if url.scheme == "http":
        headers.update(credentials)
        address = url.netloc.rpartition("@")[2]  # never a partner's userinfo
        return Connection(
            proxy.hostname, port, timeout=seconds
        ), f"http://{address}{path}"
    connection = SecureConnection(proxy.hostname, port, timeout=seconds)
    connection.set_tunnel(url.hostname, url.port, headers=credentials)
    return connection, path


def post(delivery):
    """POST the delivery's body to its partner within WEBHOOK_TIMEOUT_SECONDS in
    all: (HTTP status or None, error). A status comes only with the whole status
    line and headers."""
    body = delivery.body.encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": delivery.event,
        "X-Newsroom-Kind": delivery.kind,
        "X-Newsroom-Delivery": str(delivery.pk),
        "X-Newsroom-Timestamp": str(timestamp),
        "X-Newsroom-Signature": signature(delivery.partner.secret, timestamp, body),
    }
    seconds = settings.WEBHOOK_TIMEOUT_SECONDS
    connection = None
    try:
        url = urlsplit(delivery.partner.url)
        if url.scheme not in CONNECTIONS:
            raise ValueError(f"unknown url type: {url.scheme}")
        connection, target = connect(url, headers, time.monotonic() + seconds)
        connection.request("POST", target, body=body, headers=headers)
        answer = connection.getresponse()
    except (OSError, http.client.HTTPException, ValueError) as error:
        # ValueError: a URL that cannot be used; OSError: refused, timed out...
        return None, (str(error) or type(error).__name__)[:500]
    finally:
        if connection is not None:
            connection.close()
    if 200 <= answer.status < 300:
        return answer.status, ""
    return answer.status, answer.reason[:500]


def claim(delivery_id, now):
    """Take the delivery if it is due and nobody has it: one UPDATE, so that two
    workers never both send it. Its lease, twice the POST's deadline and 30 seconds
    (for the database), outlasts the attempt: recover_stale never offers a
    delivery in flight."""
    lease = now + datetime.timedelta(seconds=2 * settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    taken = WebhookDelivery.objects.filter(
        pk=delivery_id,
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at__lte=now,
    ).update(
        status=WebhookDelivery.Status.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=lease,
    )
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("partner").get(pk=delivery_id)


def send(delivery_id, now=None):
    """Send one due delivery; the delivery after the attempt, or None when it was
    not due or taken by another worker."""
    now = now or timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return None
    status, error = post(delivery)
    succeeded = status is not None and 200 <= status < 300
    done = timezone.now()
    if succeeded:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = done
        delivery.next_attempt_at = None
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = done + retry_delay(
            delivery.attempts, base=settings.WEBHOOK_RETRY_SECONDS
        )
    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery, status_code=status, error=error, succeeded=succeeded
        )
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
    if not succeeded:
        log_failure(delivery, f"HTTP {status} {error}".strip() if status else error)
    return delivery


def log_failure(delivery, reason):
    """One line an operator can act on; never the body, the secret or the URL (a
    partner's may hold a token)."""
    logger.warning(
        "Webhook delivery %s (%s) to partner %r (id %s) failed: %s; %s.",
        delivery.pk,
        delivery.event,
        delivery.partner.name,
        delivery.partner_id,
        reason,
        f"next attempt at {delivery.next_attempt_at:%Y-%m-%d %H:%M:%S %Z}"
        if delivery.next_attempt_at
        else f"given up after {delivery.attempts} attempts",
    )


def recover_stale(now):
    """Deliveries whose worker stopped mid-send go back to the queue once their
    lease is over (the partner may then get one twice: it has the delivery id),
    dated as lost, since no task waits for them: the sweep queues one at once."""
    return WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.SENDING, next_attempt_at__lt=now
    ).update(status=WebhookDelivery.Status.PENDING, next_attempt_at=now - QUEUED_FOR)
