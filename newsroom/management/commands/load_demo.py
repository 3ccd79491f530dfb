"""`manage.py load_demo`: the demo organisation and newsroom, and the "Editors"
group, idempotent."""

import importlib

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

# Loaded in this order: the newsroom's content points at the organisation's rows.
DEMO_MODULES = [
    "newsroom.demo.organisation",
    "newsroom.demo.content",
    "newsroom.demo.legal",
    "newsroom.demo.photos",
]

# A staff user added to this group edits everything of these apps in the admin.
EDITORS_GROUP = "Editors"
EDITED_APPS = ["newsroom", "organisation", "clearance"]


def load_editors_group():
    """The "Editors" group with every permission of the newsroom and the
    organisation, and the translator's right of every language, created or
    brought up to date."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=EDITED_APPS)
            | Q(
                content_type__app_label="translations",
                codename__startswith="translate_",
            )
        )
    )
    return group


class Command(BaseCommand):
    help = (
        "Load the demo content (organisation, press releases, events, photos) and "
        "the Editors group. Running it again updates the same rows instead of "
        "adding new ones."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_MODULES:
                importlib.import_module(name).load(self.stdout)
            load_editors_group()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
