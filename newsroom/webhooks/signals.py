"""A saved release (published, corrected, withdrawn) is announced at once, once
the save commits; the sweep catches what no save announces (a scheduled release
going live) and what a lost task left."""

from django.db import transaction
from django.db.models.signals import post_save

from newsroom.models import PressRelease
from newsroom.worker import enqueue

from .models import Partner


def announce_saved(sender, instance, raw=False, **kwargs):
    from .tasks import announce_release

    def queue():
        if Partner.objects.filter(is_active=True).exists():
            enqueue(announce_release, instance.pk)

    if not raw:
        transaction.on_commit(queue)


def connect():
    post_save.connect(
        announce_saved, sender=PressRelease, dispatch_uid="webhooks-announce-release"
    )
