"""`manage.py load_demo`: the demo organisation and newsroom, idempotent."""

import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

# Loaded in this order: the newsroom's content points at the organisation's rows.
# A module that does not exist (yet) is skipped.
DEMO_MODULES = [
    "organisation.demo",
    "newsroom.demo",
    "newsroom.demo_photos",
]


class Command(BaseCommand):
    help = (
        "Load the demo content (organisation, press releases, events, photos). "
        "Running it again updates the same rows instead of adding new ones."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_MODULES:
                if importlib.util.find_spec(name) is None:
                    continue
                importlib.import_module(name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
