"""PostgreSQL only: accent folding and per-language text search configurations,
and the GIN index on the documents.

`unaccent` is an extension: CREATE EXTENSION needs a superuser (or, from PostgreSQL
13, a database owner, unaccent being a trusted extension). In production, create it
once as such (`CREATE EXTENSION unaccent;`) before migrating; this migration then
finds it and creates nothing more than the configurations and the index.

Each configuration copies PostgreSQL's own for the language and puts the `unaccent`
dictionary before the language's Snowball stemmer, so that accents are folded the
same way at indexing, at query time and in `ts_headline`'s highlighting (an
`unaccent()` call around the text would fold the index and the query, but the
highlighter would still parse the accented text and mark nothing). The configuration
is a constant argument of `to_tsvector`, which is immutable, so the documents can be
indexed without an immutable wrapper around `unaccent()`.
"""

from django.db import migrations

# The languages of settings.LANGUAGES when this migration was written, with the
# PostgreSQL configuration each copies. A new language adds its own migration.
LANGUAGES = {"english": "english_stem", "french": "french_stem", "spanish": "spanish_stem"}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
    for language, stemmer in LANGUAGES.items():
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_{language}",
            f"CREATE TEXT SEARCH CONFIGURATION newsroom_{language} (COPY = {language})",
            f"ALTER TEXT SEARCH CONFIGURATION newsroom_{language} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {stemmer}",
        ]
    statements.append(
        "CREATE INDEX search_entry_document ON search_entry USING GIN (document)"
    )
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_document")
        for language in LANGUAGES:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_{language}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
