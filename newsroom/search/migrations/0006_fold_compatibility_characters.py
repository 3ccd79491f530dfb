"""PostgreSQL only: the trigger reads each text in Unicode's compatibility form
(NFKC) before `unaccent`, as SQLite's folding (NFKD) reads it: a superscript, an
ordinal indicator or a ligature is the letter or digit it stands for ("2ᵉ" is
"2e", "km²" is "km2", "3ª" is "3a"), which `unaccent` alone left as they were.
The query is read the same way (`newsroom.search.query`). The documents of the
rows with such a character are written again, and only those.
"""

from importlib import import_module

from django.db import migrations

previous = import_module("newsroom.search.migrations.0005_read_documents_as_words")
AS_WORDS = f"regexp_replace(%s, '{previous.PUNCTUATION}', ' ', 'g')"
COLUMNS = ("title", "lead", "names", "body")


def rewrite(read):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        changed = " OR ".join(f"NOT {column} IS NFKC NORMALIZED" for column in COLUMNS)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(previous.function(read))
            # The trigger runs for an update of the title.
            cursor.execute(f"UPDATE search_entry SET title = title WHERE {changed}")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_read_documents_as_words")]

    operations = [
        migrations.RunPython(
            rewrite(AS_WORDS % "normalize(%s, NFKC)"), rewrite(AS_WORDS)
        )
    ]
