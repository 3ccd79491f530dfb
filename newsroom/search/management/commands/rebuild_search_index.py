"""`manage.py rebuild_search_index`: write the whole index again."""

from django.core.management.base import BaseCommand

from newsroom.search.indexing import rebuild
from newsroom.search.models import Kind


class Command(BaseCommand):
    help = (
        "Write the search index again from the content. Saves keep it current; "
        "this is for content changed behind Django's back (SQL, queryset.update())."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=Kind.values,
            help="Only this kind of item (repeatable).",
        )

    def handle(self, *args, kind=None, **options):
        for name, rows in rebuild(kind).items():
            self.stdout.write(f"{name}: {rows} rows")
