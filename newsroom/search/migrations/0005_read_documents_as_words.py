"""PostgreSQL only: the trigger reads each text as its words, ASCII punctuation
being a space, as the query is (`newsroom.search.query` rebuilds it from words).

PostgreSQL's parser makes one token of "-19" in "COVID-19" (a signed number), of
"1.5", "press@example.org" or "A/RES/73/195" (a number, an address, a path),
while the query of a visitor who types them is made of their words ("covid" then
"19"): such a text was found by none of its words as typed (SQLite, which reads
words alone, found it). The documents are written again with the new function.
"""

from django.db import migrations

CODES = {"en": "english", "fr": "french", "es": "spanish"}
# ASCII punctuation, written as ranges so that it does not depend on the
# database's locale ([[:punct:]] does).
PUNCTUATION = r"[!-/:-@\[-`{-~]"


def function(read):
    """The trigger's function, each text read through `read` (SQL with `%s`)."""
    cases = " ".join(
        f"WHEN '{code}' THEN 'newsroom_{language}'" for code, language in CODES.items()
    )
    title = read % "coalesce(NEW.title, '')"
    lead_names = read % "coalesce(NEW.lead, '') || ' ' || coalesce(NEW.names, '')"
    body = read % "coalesce(NEW.body, '')"
    return f"""
        CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            cfg regconfig := (CASE NEW.lang {cases} ELSE 'simple' END)::regconfig;
        BEGIN
            NEW.document :=
                setweight(to_tsvector(cfg, {title}), 'A')
                || setweight(to_tsvector(cfg, {lead_names}), 'B')
                || setweight(to_tsvector(cfg, {body}), 'C');
            RETURN NEW;
        END
        $$
    """


def rewrite(read):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(function(read))
            # The trigger runs for an update of the title.
            cursor.execute("UPDATE search_entry SET title = title")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_kind_and_date_with_words")]

    operations = [
        migrations.RunPython(
            rewrite(f"regexp_replace(%s, '{PUNCTUATION}', ' ', 'g')"),
            rewrite("%s"),
        )
    ]
