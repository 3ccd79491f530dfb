"""Withdrawing an item cancels its deliveries that no worker has taken yet (the
senders check again before each email, for the ones already taken)."""

from django.db.models.signals import post_save
from django.utils.translation import gettext

from newsroom.models import Event, PressRelease

from .dispatching import cancel_unsent, is_withdrawn


def cancel_when_withdrawn(sender, instance, created, raw=False, **kwargs):
    if created or raw or not is_withdrawn(instance):
        return
    cancel_unsent(
        instance, gettext("The item was withdrawn before this email went out.")
    )


def connect():
    for model in (PressRelease, Event):
        post_save.connect(
            cancel_when_withdrawn,
            sender=model,
            dispatch_uid=f"distribution-cancel-{model._meta.model_name}",
        )
