"""What the public pages do to subscribers: ask, confirm, change, unsubscribe."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from newsroom.worker import enqueue_on_commit

from .models import Delivery, Journalist, Subscriber
from .models.recipients import new_nonce
from .tasks import send_subscription_email


def request_subscription(form, *, source, lang):
    """A valid subscription request, answered alike whatever the address: a new or
    unconfirmed one gets these preferences and a confirmation email (an older link
    stops working); a confirmed one keeps its preferences and gets a note with the
    link to them, so that nobody can change another's subscription."""
    email = form.cleaned_data["email"].strip().lower()
    try:
        with transaction.atomic():
            subscriber = (
                Subscriber.objects.select_for_update().filter(email=email).first()
            )
            if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
                subscriber = subscriber or Subscriber(email=email)
                subscriber.status = Subscriber.Status.PENDING
                subscriber.consent_source = source[:200]
                subscriber.consent_language = lang
                subscriber.confirmation_nonce = new_nonce()
                subscriber.confirmation_sent_at = timezone.now()
                form.apply(subscriber)
            enqueue_on_commit(send_subscription_email, subscriber.pk, lang)
    except IntegrityError:
        # The same address sent twice at once: the other request handles it.
        return None
    return subscriber


def confirm(subscriber):
    """Record the subscriber's consent (once)."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.consent_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save()


def unsubscribe(recipient):
    """Stop every email to `recipient`, the ones already queued included."""
    now = timezone.now()
    if isinstance(recipient, Subscriber):
        recipient.status = Subscriber.Status.UNSUBSCRIBED
        # The confirmation link must not subscribe the address again: opened
        # later by its reader or a mail scanner, it would be taken for consent.
        recipient.confirmation_nonce = new_nonce()
        owner = "subscriber"
    else:
        owner = "journalist"
    if recipient.unsubscribed_at is None:
        recipient.unsubscribed_at = now
    recipient.save()
    Delivery.objects.filter(
        **{owner: recipient},
        status__in=[Delivery.Status.WAITING, Delivery.Status.PENDING],
    ).update(
        status=Delivery.Status.CANCELLED,
        reason=gettext("The recipient unsubscribed."),
    )


def is_unsubscribed(recipient):
    if isinstance(recipient, Journalist):
        return recipient.unsubscribed_at is not None
    return recipient.status == Subscriber.Status.UNSUBSCRIBED
