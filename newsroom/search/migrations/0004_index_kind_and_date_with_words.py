"""PostgreSQL only: the public GIN indexes hold each row's kind and date beside its
words (`btree_gin`), so that "the matches of this kind since that day" is answered
inside the index: the search reads its most recent candidates period by period
(see PostgresBackend.newest) without visiting every matching row of the archive.

`btree_gin` is a trusted extension, like `unaccent` (migration 0002): a database
owner may create it; in production create it once as such before migrating.
"""

from django.db import migrations

CODES = ("en", "fr", "es")


def public_indexes():
    """{name: predicate} of the GIN indexes the public search reads (0002)."""
    return {
        f"search_entry_for_{audience}_{code}": (
            f"shown_to LIKE '%,{audience},%' AND lang = '{code}'"
        )
        for audience in CODES
        for code in CODES
    }


def recreate(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
            for name, predicate in public_indexes().items():
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
                cursor.execute(
                    f"CREATE INDEX {name} ON search_entry USING GIN ({columns}) "
                    f"WITH (fastupdate = off) WHERE {predicate}"
                )

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_copy_publication_for_live")]

    operations = [
        migrations.RunPython(
            recreate("document, kind, date"), recreate("document")
        )
    ]
