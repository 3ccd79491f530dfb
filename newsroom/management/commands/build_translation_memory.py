from django.core.management.base import BaseCommand
from django.db import transaction

from newsroom.translations import memory, registry


class Command(BaseCommand):
    help = (
        "Record every ready translation of the content as translated from today's "
        "source, and put it into the translation memory: once, for content "
        "translated before the memory existed. Imports and ready versions keep "
        "both current afterwards."
    )

    def handle(self, *args, **options):
        versions = 0
        for model in registry.translatable_models():
            if not registry.has_version_states(model):
                continue
            for obj in model._default_manager.order_by("pk").iterator():
                with transaction.atomic():
                    # The post_save hook records each version saved ready.
                    memory.record_ready_versions(model, obj)
                versions += 1
        self.stdout.write(
            f"{versions} item(s) read; the memory holds "
            f"{memory.MemoryEntry.objects.count()} translation(s)."
        )
