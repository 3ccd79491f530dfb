"""The distribution's background work (newsroom.worker): the periodic sweep that
fans out what went live, the senders, the subscription emails."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from newsroom.models import Event, PressRelease
from newsroom.worker import enqueue, periodic, task
from newsroom.worker.mail import message_dict, send_email

from . import emails
from .dispatching import fan_out, release_waiting
from .models import Delivery, Subscriber, SweepRecord
from .sending import recover_stale, send_due

logger = logging.getLogger("newsroom.distribution")

# How long one sender task works before handing over to a fresh one, so that a
# worker asked to stop does not wait for a whole mailing, nor for the rest of a
# batch (send_batch gives back what it has not tried).
SENDER_SECONDS = 30
# How long the sweep counts on a sender it queued, or one that started, before it
# queues another for deliveries still due: a sender works SENDER_SECONDS, and the
# one it hands over to may wait as long in the queue. Without it, each sweep
# queued one more sender while a mailing was being sent.
SENDER_EXPECTED = datetime.timedelta(seconds=2 * SENDER_SECONDS)


@task()
def send_deliveries():
    """Send the due deliveries, batch after batch; hand over to a new task after
    SENDER_SECONDS if some are left."""
    SweepRecord.expect_sender(timezone.now() + SENDER_EXPECTED)
    totals, more = send_due(seconds=SENDER_SECONDS)
    if more:
        enqueue(send_deliveries)
    return totals


def start_senders(count=None):
    """Queue `count` senders (DISTRIBUTION_SENDERS): each claims its own batches,
    so several workers share a mailing."""
    for _index in range(count or settings.DISTRIBUTION_SENDERS):
        enqueue(send_deliveries)


def newly_live(now):
    """Items live at `now`, gone live within DISTRIBUTION_MAX_AGE_HOURS, whose
    publication has not been fanned out yet: the sweep catches up after a pause of
    the worker, but never mails the archive."""
    horizon = now - datetime.timedelta(hours=settings.DISTRIBUTION_MAX_AGE_HOURS)
    for model in (PressRelease, Event):
        yield from (
            model.objects.live(now)
            .filter(publish_at__gte=horizon)
            .exclude(dispatches__fanned_out_at__isnull=False)
            .order_by("publish_at")
        )


@periodic(seconds=lambda: settings.DISTRIBUTION_SWEEP_SECONDS)
def sweep(now=None):
    """Every few seconds in each worker: resume what a stopped worker left, fan
    out the items that went live, release deliveries whose translation is ready,
    and queue a sender when something is due (retries included) and no sender is
    counted on."""
    now = now or timezone.now()
    recover_stale(now)
    fanned_out = 0
    for item in newly_live(now):
        fan_out(item)
        fanned_out += 1
    release_waiting(now)
    fields = {}
    if (
        not fanned_out
        and Delivery.objects.due(now).exists()
        and not SweepRecord.sender_expected(now)
    ):
        start_senders(1)
        fields["sender_expected_until"] = now + SENDER_EXPECTED
    SweepRecord.record(now, **fields)
    return fanned_out


@task()
def send_subscription_email(subscriber_id, lang):
    """The confirmation email of a pending subscriber, or a note to a confirmed one
    that asked again; retried like any email while the mail server is down."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "gone"
    if subscriber.status == Subscriber.Status.CONFIRMED:
        message = emails.already_subscribed_message(subscriber, lang)
    else:
        message = emails.confirmation_message(subscriber, lang)
    return send_email.call(message_dict(message))


@task()
def send_test(kind, item_id, lang, email):
    """An editor's test: the item's email in `lang`, to the editor."""
    model = PressRelease if kind == "release" else Event
    item = model.objects.filter(pk=item_id).first()
    if item is None:
        return "gone"
    emails.preview_message(item, lang, email).send()
    return "sent"
