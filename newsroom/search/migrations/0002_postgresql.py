"""PostgreSQL only: accent folding and per-language text search configurations,
the trigger that writes each row's weighted document, and its GIN indexes.

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

The document is written by a trigger, in the INSERT itself: title A, lead and names
B, body C, in the configuration of the row's language. A new language replaces the
function in a migration of its own, with its configuration.
"""

from django.db import migrations

# The languages of settings.LANGUAGES when this migration was written, with the
# PostgreSQL configuration each copies. A new language adds its own migration.
LANGUAGES = {"english": "english_stem", "french": "french_stem", "spanish": "spanish_stem"}
CODES = {"en": "english", "fr": "french", "es": "spanish"}
# Who may read a row (see Entry.shown_to), as the queries say it.
AUDIENCES = {
    **{f"for_{code}": f"shown_to LIKE '%,{code},%'" for code in CODES},
    "private": "shown_to = ''",
}


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
    cases = " ".join(
        f"WHEN '{code}' THEN 'newsroom_{language}'" for code, language in CODES.items()
    )
    statements += [
        f"""
        CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            cfg regconfig := (CASE NEW.lang {cases} ELSE 'simple' END)::regconfig;
        BEGIN
            NEW.document :=
                setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A')
                || setweight(
                    to_tsvector(cfg, coalesce(NEW.lead, '') || ' ' || coalesce(NEW.names, '')),
                    'B'
                )
                || setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'C');
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER search_entry_document
        BEFORE INSERT OR UPDATE OF lang, title, lead, names, body ON search_entry
        FOR EACH ROW EXECUTE FUNCTION search_entry_document()
        """,
        # Large values (texts, documents) live out of line: a scan that reads
        # thousands of matching rows for their dates reads narrow rows.
        "ALTER TABLE search_entry SET (toast_tuple_target = 128)",
        # Finer statistics of the documents' words, so that the planner tells a
        # common word (walk the most recent rows) from a rare one (GIN first).
        "ALTER TABLE search_entry ALTER COLUMN document SET STATISTICS 1000",
        # One GIN index per audience and language: what the visitors of each
        # language may find, and the versions that are not public (the admin's
        # search), in each language. A query names its audience and matches each
        # language's rows with that language's query, so each of its arms reads
        # one index, which answers it exactly (no document is read to check).
        *(
            f"CREATE INDEX search_entry_{name}_{code} ON search_entry "
            f"USING GIN (document) WHERE {audience} AND lang = '{code}'"
            for name, audience in AUDIENCES.items()
            for code in CODES
        ),
        # What each language's visitors may find, per kind, the most recent first
        # (drafts, without a date, last): for a common word, walking this index
        # finds the most recent matches sooner than sorting them all.
        *(
            f"CREATE INDEX search_entry_recent_{name} ON search_entry "
            f"(kind, date DESC NULLS LAST, id DESC) WHERE {audience}"
            for name, audience in AUDIENCES.items()
            if name != "private"
        ),
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in AUDIENCES:
            cursor.execute(f"DROP INDEX IF EXISTS search_entry_recent_{name}")
            for code in CODES:
                cursor.execute(f"DROP INDEX IF EXISTS search_entry_{name}_{code}")
        cursor.execute("DROP TRIGGER IF EXISTS search_entry_document ON search_entry")
        cursor.execute("DROP FUNCTION IF EXISTS search_entry_document()")
        for language in LANGUAGES:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_{language}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
