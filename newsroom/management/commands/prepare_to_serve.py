"""`manage.py prepare_to_serve`: what a server needs before it starts, which
`make serve` runs: the static files collected, the migrations applied, the page
cache's table made, and the pages stored before left unserved (the generation
bumped): the previous code built them, or they show the rows before a restore.
Servers started together (a release on several machines, two restarted at once
by systemd) take turns under a PostgreSQL advisory lock, and the later ones find
the work done: two `migrate` at once on a new database both create the same
tables, and one fails."""

import contextlib

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from newsroom.caching.generation import bump_generation

# The lock's name: advisory locks are named by a 64-bit number ("newsroom").
LOCK = int.from_bytes(b"newsroom") & (2**63 - 1)


@contextlib.contextmanager
def one_at_a_time():
    """Held by one process at a time across the database's clients (SQLite has
    one machine and its own file lock)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])


class Command(BaseCommand):
    # The checks want the static files this command collects (newsroom.E001).
    requires_system_checks = []
    help = (
        "Collect the static files, migrate, create the page cache's table and empty "
        "it, one server at a time: what `make serve` runs before it starts granian."
    )

    def handle(self, *args, verbosity=1, **options):
        quiet = max(verbosity - 1, 0)
        with one_at_a_time():
            call_command("collectstatic", interactive=False, verbosity=quiet)
            call_command("migrate", interactive=False, verbosity=quiet)
            call_command("createcachetable", verbosity=quiet)
            bump_generation()
