"""Endpoints that fail the sender: one trickling its headers gets the timeout as a
deadline for the whole POST, a connection cut among the headers is no answer,
the sweep queues a waiting delivery once, and each failure is one log line."""

import base64
import logging
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom.webhooks import announcing, sending
from newsroom.webhooks.models import Partner, WebhookDelivery
from newsroom.webhooks.tasks import sweep
from tests.factories import ahead, make_release

from .proxy import Proxy
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def delivery_to(receiver):
    partner = Partner.objects.create(name="Agency", url=receiver.url)
    announcing.announce(make_release("news").pk)
    return partner.deliveries.get()


def test_headers_trickled_past_the_deadline_fail_the_attempt_in_time(settings):
    """Status line at once, then a header every 0.2 s for 6 s: the attempt fails
    after about WEBHOOK_TIMEOUT_SECONDS, well within its lease, and the delivery
    goes to the next attempt."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    with Receiver(script=["trickle", "ok"], trickle_seconds=0.2) as receiver:
        delivery = delivery_to(receiver)
        started = time.monotonic()
        failed = sending.send(delivery.pk)
        elapsed = time.monotonic() - started
        assert 0.9 < elapsed < 2
        assert failed.status == WebhookDelivery.Status.PENDING
        assert failed.delivered_at is None
        assert failed.next_attempt_at > timezone.now()
        [attempt] = failed.attempt_log.all()
        assert (attempt.status_code, attempt.succeeded) == (None, False)
        assert "timed out" in attempt.error
        retried = sending.send(delivery.pk, now=ahead(minutes=2))
    assert retried.status == WebhookDelivery.Status.DELIVERED


def test_a_connection_cut_among_the_headers_is_no_answer():
    """200 OK and one header, then the connection closes: not delivered."""
    with Receiver(script=["cut"]) as receiver:
        delivery = sending.send(delivery_to(receiver).pk)
    assert delivery.status == WebhookDelivery.Status.PENDING
    [attempt] = delivery.attempt_log.all()
    assert (attempt.status_code, attempt.succeeded) == (None, False)
    assert "closed" in attempt.error


def test_the_sweep_queues_a_waiting_delivery_once():
    """A delivery whose task waits in a busy queue gets no other from the sweep;
    one waiting so long that its task is taken for lost gets one, however many
    passes follow."""
    with Receiver() as receiver:
        delivery_to(receiver)
    for minutes in (0, 0.25, 0.5, 11, 11.25, 11.5, 12):
        sweep(now=ahead(minutes=minutes))
    queued = DBTaskResult.objects.filter(task_path__endswith=".send_webhook")
    assert queued.count() == 1


def test_a_failed_attempt_logs_one_warning_without_secrets(caplog):
    """A 500 is one WARNING naming the partner, event, delivery, answer and next
    attempt, and neither the secret, the body nor a traceback."""
    with Receiver(script=["error"]) as receiver:
        delivery = delivery_to(receiver)
        with caplog.at_level(logging.WARNING, logger="newsroom.webhooks"):
            failed = sending.send(delivery.pk)
    [record] = [r for r in caplog.records if r.name.startswith("newsroom.webhooks")]
    message = record.getMessage()
    assert record.levelno == logging.WARNING and record.exc_info is None
    for expected in ("Agency", "published", str(delivery.pk), "HTTP 500"):
        assert expected in message
    assert f"{failed.next_attempt_at:%H:%M:%S}" in message
    assert delivery.partner.secret not in message
    assert delivery.body[:40] not in message


def test_webhooks_go_through_the_proxy_the_environment_names(monkeypatch):
    """Behind a network that lets out only its proxy (http_proxy, as curl reads
    it), the POST goes to the proxy, with its credentials, and reaches the partner
    signed."""
    with Proxy() as proxy, Receiver() as receiver:
        address = proxy.url.replace("http://", "http://press:s%40fe@")
        monkeypatch.setenv("http_proxy", address)
        delivery = sending.send(delivery_to(receiver).pk)
        assert delivery.status == WebhookDelivery.Status.DELIVERED
        [(method, target, auth)] = proxy.requests
        assert (method, target) == ("POST", receiver.url)
        assert auth == "Basic " + base64.b64encode(b"press:s@fe").decode()
        [received] = receiver.received
        assert received.signature_is_valid(delivery.partner.secret)
        assert "Proxy-Authorization" not in received.headers


def test_a_secure_partner_is_reached_through_a_tunnel_of_the_proxy(monkeypatch):
    """An https partner is reached through the proxy's CONNECT tunnel, so that the
    TLS session is the partner's (here the partner speaks plain HTTP, so the
    handshake fails: the attempt fails and is logged)."""
    with Proxy() as proxy, Receiver() as receiver:
        monkeypatch.setenv("https_proxy", proxy.url)
        delivery = delivery_to(receiver)
        Partner.objects.filter(pk=delivery.partner_id).update(
            url=receiver.url.replace("http://", "https://")
        )
        delivery = sending.send(delivery.pk)
    assert [request[:2] for request in proxy.requests] == [
        ("CONNECT", receiver.url.split("/")[2])
    ]
    assert delivery.status == WebhookDelivery.Status.PENDING
    [attempt] = delivery.attempt_log.all()
    assert "SSL" in attempt.error or "ssl" in attempt.error


def test_a_host_in_no_proxy_is_reached_directly(monkeypatch):
    with Proxy() as proxy, Receiver() as receiver:
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.setenv("no_proxy", "example.org,127.0.0.1")
        delivery = sending.send(delivery_to(receiver).pk)
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert proxy.requests == []
    assert len(receiver.received) == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.0.0.1", "[::1]"])
def test_a_partner_on_the_site_s_own_network_is_never_reached(
    admin_client, settings, monkeypatch, host
):
    """A partner's URL naming a loopback, private or link-local address (a cloud's
    metadata service included), by number or by name, is refused before any
    connection, directly or through the proxy: an editor cannot make the worker
    POST to the site's own network, nor learn from "Send a test now" which of its
    ports answer. WEBHOOK_ALLOW_PRIVATE_ADDRESSES lets a partner inside it."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with Proxy() as proxy, Receiver() as receiver:
        port = urlsplit(receiver.url).port
        partner = Partner.objects.create(name="Inside", url=f"http://{host}:{port}/")
        test = reverse("admin:webhooks_partner_test", args=[partner.pk])
        page = admin_client.post(test, follow=True).content.decode()
        monkeypatch.setenv("http_proxy", proxy.url)
        announcing.announce(make_release("news").pk)
        delivery = sending.send(partner.deliveries.exclude(event="test").get().pk)
        assert receiver.received == [] and proxy.requests == []
    assert "did not accept the test: not a public address" in page
    assert delivery.status == WebhookDelivery.Status.PENDING
    [attempt] = delivery.attempt_log.all()
    assert attempt.error == f"not a public address: {host.strip('[]')}"
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver() as receiver:
        partner.url = receiver.url
        partner.save()
        monkeypatch.delenv("http_proxy")
        delivery = sending.send(delivery.pk, now=ahead(minutes=2))
    assert delivery.status == WebhookDelivery.Status.DELIVERED


def looked_up_as(monkeypatch, *addresses):
    """Name look-ups answer each of `addresses` in turn, then the last again;
    the names looked up, in order."""
    names, answers = [], list(addresses)

    def getaddrinfo(host, port, *args, **kwargs):
        names.append(host)
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


@pytest.mark.parametrize("address", ["169.254.169.254", "192.168.1.1", "::1"])
def test_a_name_that_resolves_to_a_private_address_is_refused(
    settings, monkeypatch, address
):
    """A partner's public-looking name that resolves to the site's own network is
    refused, https as http."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    looked_up_as(monkeypatch, address)
    partner = Partner.objects.create(name="Agency", url="https://agency.example/in")
    announcing.announce(make_release("news").pk)
    delivery = sending.send(partner.deliveries.get().pk)
    [attempt] = delivery.attempt_log.all()
    assert attempt.error == "not a public address: agency.example"


def test_the_connection_goes_to_the_address_that_was_checked(settings, monkeypatch):
    """A name is looked up once: a second look-up answering loopback (a name
    server that changes its answer) is never made, and loopback never reached."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    with Receiver() as receiver:
        port = urlsplit(receiver.url).port
        names = looked_up_as(monkeypatch, "8.8.8.8", "127.0.0.1")
        partner = Partner.objects.create(
            name="Agency", url=f"http://agency.example:{port}/"
        )
        announcing.announce(make_release("news").pk)
        delivery = sending.send(partner.deliveries.get().pk)
        assert receiver.received == []
    [attempt] = delivery.attempt_log.all()
    assert names == ["agency.example"]


def test_a_name_lookup_that_hangs_fails_the_attempt_in_time(settings, monkeypatch):
    """The partner's name server does not answer: the look-up is part of the
    POST's deadline (the system's resolver waits 5 s per server, and tries each
    twice), so the attempt fails after WEBHOOK_TIMEOUT_SECONDS, well within
    its lease, and the worker is free."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    answered = threading.Event()

    def getaddrinfo(*args, **kwargs):
        answered.wait(10)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    partner = Partner.objects.create(name="Agency", url="https://agency.example/in")
    announcing.announce(make_release("news").pk)
    started = time.monotonic()
    delivery = sending.send(partner.deliveries.get().pk)
    elapsed = time.monotonic() - started
    answered.set()
    assert 0.9 < elapsed < 2
    assert delivery.status == WebhookDelivery.Status.PENDING
    [attempt] = delivery.attempt_log.all()
    assert attempt.error == "name lookup timed out: agency.example"
