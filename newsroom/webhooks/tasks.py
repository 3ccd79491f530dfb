"""The webhooks' background work (newsroom.worker): announcing a saved release
or event, sending a delivery, and the sweep that announces scheduled ones as
they go live and resends what is due."""

from django.conf import settings
from django.utils import timezone

from newsroom.worker import enqueue, enqueue_at, enqueue_on_commit, periodic, task

from . import announcing, sending
from .models import Partner, WebhookDelivery


@task()
def announce_release(release_id):
    return len(announcing.announce(release_id))


@task()
def announce_event(event_id):
    return len(announcing.announce(event_id, kind=announcing.EVENTS))


@task()
def send_webhook(delivery_id):
    """One attempt; on failure, the next one is queued for its time."""
    delivery = sending.send(delivery_id)
    if delivery is None:
        return "not due"
    if delivery.status == WebhookDelivery.Status.PENDING:
        enqueue_at(delivery.next_attempt_at, send_webhook, delivery.pk)
    return delivery.status


def queue_sending(delivery_ids):
    """Queue a sender for each delivery once the transaction commits."""
    for pk in delivery_ids:
        enqueue_on_commit(send_webhook, pk)


@periodic(seconds=lambda: settings.WEBHOOK_SWEEP_SECONDS)
def sweep(now=None):
    """Every few seconds in each worker: announce what went live, was corrected,
    withdrawn or expired lately (a scheduled release or event goes live, and
    expires, without a save), put back deliveries whose worker stopped, and queue those
    whose task was lost.

    Whoever sets a pending delivery's next attempt queues a task for that time, so
    only one due for QUEUED_FOR has lost its task; dating it now records the new
    one, and the UPDATE lets one worker's sweep queue it, once."""
    now = now or timezone.now()
    if not Partner.objects.filter(is_active=True).exists():
        return 0
    made = sum(
        len(announcing.announce(pk, now, kind))
        for kind in announcing.KINDS
        for pk in announcing.candidates(now, kind.model)
    )
    sending.recover_stale(now)
    lost = WebhookDelivery.objects.due(now - sending.QUEUED_FOR)
    for pk in list(lost.values_list("pk", flat=True)[:100]):
        if lost.filter(pk=pk).update(next_attempt_at=now):
            enqueue(send_webhook, pk)
    return made
