"""PostgreSQL for the test suite, emptying tables with DELETE rather than TRUNCATE.

After each test that commits (`transaction=True`, the live server's), Django
empties every table with one TRUNCATE of them all: 2.5 s here, as PostgreSQL
makes each table's files anew and scans its shared buffers once per table. The
tables hold a few rows by then, and DELETE empties them in 40 ms. The foreign keys
Django makes are checked at commit, so the order of the tables does not matter.

The content types and permissions stay: the flush's post_migrate would make them
all anew (0.10-0.15 s a test), and migrations made them as they stay (no test
adds one), so post_migrate finds them all there (0.04 s).

Everything else is Django's backend (tests/settings.py selects it)."""

from django.db.backends.postgresql import base, operations

KEPT = {"django_content_type", "auth_permission"}


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} "
            f"{style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
            if table not in KEPT
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
