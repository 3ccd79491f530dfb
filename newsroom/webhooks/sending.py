"""POSTing a delivery: signed, claimed by one worker at a time, retried with
backoff, each attempt logged and success logged once.

The signature: `X-Newsroom-Signature: sha256=<hex>`, the HMAC-SHA256 with the
partner's secret of the `X-Newsroom-Timestamp` value (Unix seconds), a dot and
the body's bytes. A receiver recomputes it, compares in constant time and refuses
an old timestamp (a replay)."""

import datetime
import hashlib
import hmac
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.worker.mail import retry_delay

from .models import Attempt, WebhookDelivery

USER_AGENT = "Newsroom-Webhooks/1"


def signature(secret, timestamp, body):
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer that failed: urllib would repeat a POST as a GET."""

    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirects)


def post(delivery):
    """POST the delivery's body to its partner: (HTTP status or None, error)."""
    body = delivery.body.encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        delivery.partner.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Newsroom-Event": delivery.event,
            "X-Newsroom-Delivery": str(delivery.pk),
            "X-Newsroom-Timestamp": str(timestamp),
            "X-Newsroom-Signature": signature(delivery.partner.secret, timestamp, body),
        },
    )
    try:
        with opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, str(error.reason)[:500]
    except (urllib.error.URLError, OSError, ValueError) as error:
        # ValueError: a URL urllib cannot use; OSError: refused, timed out...
        return None, (str(getattr(error, "reason", error)) or type(error).__name__)[
            :500
        ]


def claim(delivery_id, now):
    """Take the delivery if it is due and nobody has it: one UPDATE, so that two
    workers never both send it. Its lease runs out after twice the timeout."""
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
    return delivery


def recover_stale(now):
    """Deliveries whose worker stopped mid-send go back to the queue once their
    lease is over (the partner may then get one twice: it has the delivery id)."""
    return WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.SENDING, next_attempt_at__lt=now
    ).update(status=WebhookDelivery.Status.PENDING)
