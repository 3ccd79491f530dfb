"""What the site knows of a database that answers but takes no writes (a standby
during a failover, a maintenance, a read-only file): the pages that only read
keep answering, and a write that is only a courtesy (the "being edited" hint)
is skipped rather than failing the page."""

import os

from django.db import connection


def refuses_writes(error):
    """Whether the database raised `error` because it takes no writes at all:
    PostgreSQL in a read-only transaction (SQLSTATE 25006: a hot standby,
    default_transaction_read_only), SQLite read-only (SQLITE_READONLY, or one of
    its kinds: SQLITE_READONLY_DIRECTORY for a journal it may not create)."""
    cause = getattr(error, "__cause__", None)
    return getattr(cause, "sqlstate", None) == "25006" or str(
        getattr(cause, "sqlite_errorname", "")
    ).startswith("SQLITE_READONLY")


def is_read_only():
    """Whether the database says it takes no writes now: a PostgreSQL standby
    or a maintenance's read-only setting (transaction_read_only), SQLite's
    query_only or a file this process may not write. One small question, for
    the pages that tell of it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('transaction_read_only') = 'on'")
            return bool(cursor.fetchone()[0])
        cursor.execute(
            "SELECT query_only, file FROM pragma_query_only, pragma_database_list"
            " WHERE name = 'main'"
        )
        query_only, path = cursor.fetchone()
    return bool(query_only) or (bool(path) and not writable(path))


def writable(path):
    """Whether this process may write the SQLite file at `path` and create its
    journal beside it: SQLite opens a file it may not write read-only, and
    refuses every write then, as it does when it cannot create the journal."""
    return os.access(path, os.W_OK) and os.access(os.path.dirname(path), os.W_OK)
