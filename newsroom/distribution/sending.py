"""Sending deliveries: claim a batch, hand each message to the mail server, record
the outcome. The guarantees:

- at most once per recipient and version: a delivery is claimed by one worker
  (`select_for_update(skip_locked=True)`, and an UPDATE that only takes rows still
  pending); it is marked "sending" before it goes to the mail server and "sent"
  after, so a worker killed between the two leaves a row that is never sent again
  (it is reported as uncertain instead);
- a killed worker resumes: rows it claimed but never started go back to pending
  when their lease runs out (`recover_stale`);
- failures are retried with backoff: a mail server that is down or answers 4xx
  puts the row back to pending for later; a 5xx answer fails it with the reason;
- nothing is sent for an item no longer published (withdrawn), to a recipient who
  unsubscribed, or through a revoked embargo link.
"""

import datetime
import logging
import os
import smtplib
import socket
import time
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from newsroom.core.publication import PublicationState
from newsroom.worker.mail import is_permanent, retry_delay

from .dispatching import is_withdrawn
from .emails import ItemEmails
from .models import Delivery, Dispatch, EmbargoLink, Subscriber

logger = logging.getLogger("newsroom.distribution")

Status = Delivery.Status


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff(attempts):
    return retry_delay(attempts, base=settings.DISTRIBUTION_RETRY_SECONDS)


def claim(size=None, now=None):
    """Claim up to `size` due deliveries for this worker; the claimed rows."""
    now = now or timezone.now()
    size = size or settings.DISTRIBUTION_BATCH_SIZE
    token = f"{worker_name()}:{uuid.uuid4().hex[:12]}"
    with transaction.atomic():
        ids = list(
            Delivery.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return []
        # Only rows still pending: on SQLite, which has no row locks, another
        # worker may have read the same ids; the first UPDATE wins.
        Delivery.objects.filter(pk__in=ids, status=Status.PENDING).update(
            status=Status.CLAIMED, claimed_by=token, claimed_at=now
        )
    return list(
        Delivery.objects.filter(claimed_by=token, status=Status.CLAIMED)
        .select_related(
            "dispatch__release__main_photo",
            "dispatch__event__photo",
            "subscriber",
            "journalist",
        )
        .order_by("pk")
    )


def finish(delivery, status, **fields):
    """Move `delivery` from the state this worker left it in to `status`; False if
    another worker took it meanwhile (its lease ran out)."""
    updated = Delivery.objects.filter(
        pk=delivery.pk, claimed_by=delivery.claimed_by, status=delivery.status
    ).update(status=status, **fields)
    delivery.status = status
    return bool(updated)


def retry_later(delivery, error, now=None, attempted=True):
    """Back to pending for a later attempt, or failed after the last one."""
    now = now or timezone.now()
    attempts = delivery.attempts + (1 if attempted else 0)
    if attempts >= settings.DISTRIBUTION_MAX_ATTEMPTS:
        reason = gettext("Gave up after %(count)d attempts: %(error)s") % {
            "count": attempts,
            "error": error,
        }
        return finish(delivery, Status.FAILED, attempts=attempts, reason=reason)
    return finish(
        delivery,
        Status.PENDING,
        attempts=attempts,
        next_attempt_at=now + backoff(max(attempts, 1)),
        reason=str(error),
    )


def why_not_send(delivery):
    """Why `delivery` must not be sent now, or None. Deferred rows (an item that
    went back to a future publish time) give (None, when)."""
    item = delivery.dispatch.item
    if delivery.dispatch.reason == Dispatch.Reason.WITHDRAWAL:
        if not is_withdrawn(item):
            return gettext("The item is public again: no withdrawal to tell."), None
    elif is_withdrawn(item):
        return gettext("The item was withdrawn before this email went out."), None
    elif not delivery.embargoed and not item.is_live:
        return None, item.publish_at
    recipient = delivery.recipient
    if isinstance(recipient, Subscriber):
        if recipient.status != Subscriber.Status.CONFIRMED:
            return gettext("The subscriber unsubscribed."), None
    elif recipient.unsubscribed_at is not None:
        return gettext("The journalist unsubscribed."), None
    if delivery.embargoed and not item.is_live:
        revoked = EmbargoLink.objects.filter(
            release=item, journalist=recipient, revoked_at__isnull=False
        ).exists()
        if revoked:
            return gettext("The journalist's embargo link was revoked."), None
    return None


OUTCOMES = ("sent", "retry", "failed", "cancelled", "deferred")


def release(deliveries):
    """Give back claimed deliveries that were not tried, due as they were."""
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries], status=Status.CLAIMED
    ).update(status=Status.PENDING)


def send_batch(deliveries, connection=None, now=None, deadline=None):
    """Send the claimed `deliveries` over one connection; counts by outcome. Past
    `deadline` (time.monotonic()) the ones not tried yet are given back for the
    next sender: a worker asked to stop waits for one email, not a batch."""
    counts = dict.fromkeys(OUTCOMES, 0)
    if not deliveries:
        return counts
    connection = connection or get_connection()
    emails = ItemEmails()
    items = LiveState()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("The mail server cannot be reached: %s", error)
        for delivery in deliveries:
            retry_later(delivery, error, now, attempted=True)
        counts["retry"] = len(deliveries)
        return counts
    try:
        for index, delivery in enumerate(deliveries):
            if index and deadline is not None and time.monotonic() >= deadline:
                release(deliveries[index:])
                break
            items.refresh(delivery.dispatch)
            outcome = send_one(delivery, connection, emails, now)
            if outcome == "lost":
                counts["retry"] += 1
                if not reopen(connection):
                    # The server went away: the rest waits for a later attempt.
                    rest = deliveries[index + 1 :]
                    for waiting in rest:
                        retry_later(
                            waiting,
                            gettext("The mail server went away."),
                            now,
                            attempted=False,
                        )
                    counts["retry"] += len(rest)
                    break
            else:
                counts[outcome] += 1
    finally:
        close_quietly(connection)
    return counts


class LiveState:
    """The publication state of a batch's items as the database has it, read again
    at most every REFRESH_SECONDS: an item withdrawn while its batch is being sent
    stops it within that time."""

    REFRESH_SECONDS = 1.0

    def __init__(self):
        self.known = {}

    def refresh(self, dispatch):
        item = dispatch.item
        key = (type(item), item.pk)
        clock = time.monotonic()
        read_at, values = self.known.get(key, (None, None))
        if read_at is None or clock - read_at >= self.REFRESH_SECONDS:
            values = (
                type(item)
                .objects.filter(pk=item.pk)
                .values("state", "publish_at")
                .first()
            ) or {"state": PublicationState.DRAFT, "publish_at": None}
            self.known[key] = (clock, values)
        item.state, item.publish_at = values["state"], values["publish_at"]


def close_quietly(connection):
    try:
        connection.close()
    except (OSError, smtplib.SMTPException):
        pass


def reopen(connection):
    close_quietly(connection)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException):
        return False
    return True


def send_one(delivery, connection, emails, now=None):
    """Send one claimed delivery: "sent", "failed", "cancelled", "deferred", "retry"
    (the server refused it for now) or "lost" (the connection broke)."""
    refusal = why_not_send(delivery)
    if refusal is not None:
        reason, later = refusal
        if reason is None:
            finish(delivery, Status.PENDING, next_attempt_at=later, reason="")
            return "deferred"
        finish(delivery, Status.CANCELLED, reason=reason)
        return "cancelled"
    message = emails.message(delivery)
    if not finish(delivery, Status.SENDING):
        return "cancelled"
    try:
        connection.send_messages([message])
    except (OSError, smtplib.SMTPException) as error:
        if is_permanent(error):
            finish(
                delivery,
                Status.FAILED,
                attempts=delivery.attempts + 1,
                reason=str(error),
            )
            return "failed"
        retry_later(delivery, error, now)
        if isinstance(
            error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)
        ):
            return "retry"
        return "lost"
    finish(
        delivery,
        Status.SENT,
        sent_at=timezone.now(),
        message_id=message.extra_headers["Message-ID"],
        attempts=delivery.attempts + 1,
        reason="",
    )
    return "sent"


def recover_stale(now=None):
    """Rows whose worker's lease ran out: never-started ones go back to pending;
    ones that were being handed to the mail server fail as uncertain, since the
    message may have gone (never twice beats always)."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(seconds=settings.DISTRIBUTION_LEASE_SECONDS)
    stale = Delivery.objects.filter(claimed_at__lt=expired)
    resumed = stale.filter(status=Status.CLAIMED).update(
        status=Status.PENDING, claimed_by="", next_attempt_at=now
    )
    uncertain = stale.filter(status=Status.SENDING).update(
        status=Status.FAILED,
        reason=gettext(
            "The worker stopped while handing this email to the mail server: it "
            "may have been delivered, so it is not sent again on its own."
        ),
    )
    return resumed, uncertain


def send_due(seconds=None, now=None):
    """Claim and send batches until nothing is due or `seconds` have passed; the
    counts by outcome and whether work is left."""
    deadline = time.monotonic() + (seconds or 60)
    totals = dict.fromkeys(OUTCOMES, 0)
    while time.monotonic() < deadline:
        batch = claim(now=now)
        if not batch:
            return totals, False
        counts = send_batch(batch, now=now, deadline=deadline)
        for outcome, count in counts.items():
            totals[outcome] += count
        if counts["retry"] == len(batch):
            # The mail server is down: the sweep queues a sender when the
            # first retry is due.
            return totals, False
    return totals, Delivery.objects.due(now).exists()
