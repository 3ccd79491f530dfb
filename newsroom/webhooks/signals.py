"""A saved release or event (published, corrected, withdrawn) is announced at
once, once the save commits; the sweep catches what no save announces (a
scheduled item going live, expiring) and what a lost task left."""

from django.db import transaction
from django.db.models.signals import post_save

from newsroom.models import Event, PressRelease
from newsroom.worker import enqueue

from .models import Partner


def announce_saved(sender, instance, raw=False, **kwargs):
    from .tasks import announce_event, announce_release

    task, receives = {
        PressRelease: (announce_release, Partner.Receives.RELEASES),
        Event: (announce_event, Partner.Receives.EVENTS),
    }[sender]

    def queue():
        if Partner.objects.receiving(receives).exists():
            enqueue(task, instance.pk)

    if not raw:
        transaction.on_commit(queue)


def connect():
    post_save.connect(
        announce_saved, sender=PressRelease, dispatch_uid="webhooks-announce-release"
    )
    post_save.connect(
        announce_saved, sender=Event, dispatch_uid="webhooks-announce-event"
    )
