"""What the site knows of a database that answers but takes no writes (a standby
during a failover, a maintenance, a read-only file): the pages that only read
keep answering, and a write that is only a courtesy (the "being edited" hint)
is skipped rather than failing the page."""

from django.db import connection


def refuses_writes(error):
    """Whether the database raised `error` because it takes no writes at all:
    PostgreSQL in a read-only transaction (SQLSTATE 25006: a hot standby,
    default_transaction_read_only), SQLite read-only (SQLITE_READONLY)."""
    cause = getattr(error, "__cause__", None)
    return (
        getattr(cause, "sqlstate", None) == "25006"
        or getattr(cause, "sqlite_errorname", None) == "SQLITE_READONLY"
    )


def is_read_only():
    """Whether the database says it takes no writes now: a PostgreSQL standby
    or a maintenance's read-only setting (transaction_read_only), SQLite's
    query_only. One small question, for the pages that tell of it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('transaction_read_only') = 'on'")
        else:
            cursor.execute("PRAGMA query_only")
        return bool(cursor.fetchone()[0])
