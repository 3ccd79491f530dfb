"""Making deliveries: one row per recipient of each dispatch, made in bulk and in
one transaction, then handed to the senders (sending.py) once committed.

- `fan_out(item)`: when the item is live, every matching recipient (the sweep does
  it on its own, an editor may do it again to reach those added since).
- `send_under_embargo(release)`: before its time, accredited journalists only, each
  with a personal embargo link.
- `resend_correction(item)`: a new version to whoever received a previous one.
- `notify_withdrawal(item)`: the notice that the item was withdrawn, to whoever
  received it, in the language they read it in.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from newsroom.clearance.audit import record
from newsroom.clearance.models import Action
from newsroom.core.publication import PublicationState
from newsroom.models import PressRelease

from .audience import journalists_for, language_for, subscribers_for
from .models import (
    Delivery,
    Dispatch,
    EmbargoLink,
    Journalist,
    Subscriber,
    WhenNotTranslated,
)

BULK_SIZE = 1000


def item_field(item):
    return "release" if isinstance(item, PressRelease) else "event"


def publication_dispatch(item, user=None):
    """The item's first dispatch (version 1), locked until the transaction ends so
    that two workers fan it out one after the other."""
    field = item_field(item)
    dispatch, _created = Dispatch.objects.get_or_create(
        **{field: item, "version": 1}, defaults={"created_by": user}
    )
    return Dispatch.objects.select_for_update().get(pk=dispatch.pk)


def add_deliveries(dispatch, recipients, item, *, embargoed=False):
    """Make a delivery for each of `recipients` (a queryset) who has none in this
    dispatch yet; the number of rows offered."""
    owner = "subscriber_id" if recipients.model is Subscriber else "journalist_id"
    public = item.public_languages()
    rows = []
    for recipient in recipients.only("pk", "email", "languages", "when_not_translated"):
        language = language_for(
            recipient.language_list(), recipient.when_not_translated, item, public
        )
        rows.append(
            Delivery(
                dispatch=dispatch,
                email=recipient.email,
                language=language or "",
                status=Delivery.Status.PENDING if language else Delivery.Status.WAITING,
                embargoed=embargoed,
                **{owner: recipient.pk},
            )
        )
    # The unique (dispatch, email) constraint skips whoever already has one: an
    # address on the media list and among the subscribers gets one email.
    Delivery.objects.bulk_create(rows, batch_size=BULK_SIZE, ignore_conflicts=True)
    return len(rows)


def start_senders():
    """Queue the senders once the deliveries are committed."""
    # tasks.py imports this module (the sweep fans out): import it when needed.
    from .tasks import start_senders as queue_senders

    transaction.on_commit(queue_senders)


@transaction.atomic
def fan_out(item, user=None, force=False):
    """Deliveries of the live `item` to every matching recipient (journalists first,
    then subscribers). Once done, the sweep leaves the item alone; `force` (an
    editor's "send now") adds whoever has no delivery yet."""
    dispatch = publication_dispatch(item, user)
    if dispatch.fanned_out_at is not None and not force:
        return dispatch
    add_deliveries(dispatch, journalists_for(item), item)
    add_deliveries(dispatch, subscribers_for(item), item)
    dispatch.fanned_out_at = dispatch.fanned_out_at or timezone.now()
    dispatch.save(update_fields=["fanned_out_at"])
    start_senders()
    return dispatch


@transaction.atomic
def send_under_embargo(release, user=None):
    """Deliveries of the scheduled `release` to the accredited journalists it
    matches, each with their own embargo link (made if they have none)."""
    dispatch = publication_dispatch(release, user)
    journalists = journalists_for(release, accredited_only=True)
    made = EmbargoLink.objects.bulk_create(
        [
            EmbargoLink(release=release, journalist_id=pk)
            for pk in journalists.values_list("pk", flat=True)
        ],
        batch_size=BULK_SIZE,
        ignore_conflicts=True,
    )
    record(user, Action.EMBARGO_LINK, release, created=len(made))
    add_deliveries(dispatch, journalists, release, embargoed=True)
    start_senders()
    return dispatch


def next_dispatch(item, reason, user):
    """A new dispatch of `item` for `reason`, its version the next one."""
    field = item_field(item)
    latest = Dispatch.objects.filter(**{field: item}).aggregate(Max("version"))
    return Dispatch.objects.create(
        **{field: item},
        version=(latest["version__max"] or 0) + 1,
        reason=reason,
        created_by=user,
        fanned_out_at=timezone.now(),
    )


def still_receiving(sent):
    """The recipients of the `sent` deliveries who still receive email, by model."""
    for model, owner in ((Journalist, "journalist"), (Subscriber, "subscriber")):
        previous = sent.filter(**{f"{owner}__isnull": False}).values(owner)
        yield model.objects.receiving().filter(pk__in=previous), owner


@transaction.atomic
def resend_correction(item, user=None):
    """A new version of `item` to every recipient who received an earlier one and
    still receives email."""
    sent = Delivery.objects.of_item(item).filter(status=Delivery.Status.SENT)
    dispatch = next_dispatch(item, Dispatch.Reason.CORRECTION, user)
    for recipients, _owner in still_receiving(sent):
        add_deliveries(dispatch, recipients, item)
    start_senders()
    return dispatch


@transaction.atomic
def notify_withdrawal(item, user=None):
    """The notice that `item` was withdrawn, to every recipient who received it
    and still receives email, in the language of the last version they got (the
    item has no public version left to choose from)."""
    sent = Delivery.objects.of_item(item).filter(status=Delivery.Status.SENT)
    dispatch = next_dispatch(item, Dispatch.Reason.WITHDRAWAL, user)
    rows = {}
    for recipients, owner in still_receiving(sent):
        read = sent.filter(**{f"{owner}__in": recipients}).order_by("sent_at", "pk")
        for email, pk, language in read.values_list("email", f"{owner}_id", "language"):
            rows[email] = Delivery(
                dispatch=dispatch,
                email=email,
                language=language,
                status=Delivery.Status.PENDING,
                **{f"{owner}_id": pk},
            )
    Delivery.objects.bulk_create(
        rows.values(), batch_size=BULK_SIZE, ignore_conflicts=True
    )
    start_senders()
    return dispatch


def has_withdrawal_notice(item):
    return Dispatch.objects.filter(
        **{item_field(item): item}, reason=Dispatch.Reason.WITHDRAWAL
    ).exists()


def release_waiting(now=None):
    """Deliveries waiting for a translation: those whose item is now public in one
    of the recipient's languages become pending in it; those waiting longer than
    DISTRIBUTION_TRANSLATION_WAIT_DAYS are cancelled. The number made pending."""
    now = now or timezone.now()
    waiting = Delivery.objects.filter(status=Delivery.Status.WAITING)
    limit = now - datetime.timedelta(days=settings.DISTRIBUTION_TRANSLATION_WAIT_DAYS)
    waiting.filter(created_at__lt=limit).update(
        status=Delivery.Status.CANCELLED,
        reason=gettext("No version in the recipient's languages was ready in time."),
    )
    ready = []
    for delivery in waiting.select_related(
        "dispatch__release", "dispatch__event", "subscriber", "journalist"
    ):
        item = delivery.dispatch.item
        languages = delivery.recipient.language_list()
        language = language_for(languages, WhenNotTranslated.WAIT, item)
        if language:
            delivery.language = language
            delivery.status = Delivery.Status.PENDING
            delivery.next_attempt_at = now
            ready.append(delivery)
    Delivery.objects.bulk_update(
        ready, ["language", "status", "next_attempt_at"], batch_size=BULK_SIZE
    )
    return len(ready)


def cancel_unsent(item, reason):
    """Cancel the deliveries of `item` that no worker has taken yet (its
    withdrawal notice excepted)."""
    return (
        Delivery.objects.of_item(item)
        .filter(status__in=[Delivery.Status.WAITING, Delivery.Status.PENDING])
        .exclude(dispatch__reason=Dispatch.Reason.WITHDRAWAL)
        .update(status=Delivery.Status.CANCELLED, reason=reason)
    )


def is_withdrawn(item):
    return item.state != PublicationState.PUBLISHED
