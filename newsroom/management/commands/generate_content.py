"""`manage.py generate_content`: load-test content, deterministic, bulk-inserted."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from newsroom.demo.generator import Generator


class Command(BaseCommand):
    help = (
        "Generate press releases (in English, French and Spanish), events and "
        "people for measuring, with bulk inserts, and index them for search. The "
        "same seed on the same database gives the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=1000)
        parser.add_argument("--events", type=int, default=0)
        parser.add_argument("--people", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, releases, events, people, seed, **options):
        started = time.monotonic()
        generator = Generator(
            seed=seed, stdout=self.stdout if options["verbosity"] > 1 else None
        )
        indexed = generator.run(releases=releases, events=events, people=people)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner judges the new rows by the old ones.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"{releases} releases, {events} events, {people} people; index rows: "
            + ", ".join(f"{kind} {rows}" for kind, rows in indexed.items())
            + f"; {time.monotonic() - started:.0f} s"
        )
