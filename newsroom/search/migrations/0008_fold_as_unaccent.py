"""Other databases than PostgreSQL: the stems of the rows whose words fold
otherwise now that `text.fold()` folds with PostgreSQL's `unaccent` rules
(newsroom/search/unaccent.py: "Ɗahiru" is "dahiru", "ǣ" stays) are written
again, and only those. A text of ASCII alone folds as before and is not
stemmed again. PostgreSQL's rows are folded by `unaccent` itself: nothing
changes there.
"""

from django.db import migrations

from newsroom.search.backends import PortableBackend

BATCH_SIZE = 500
TEXTS = ("title", "lead", "names", "body")
STEMS = ("stems_a", "stems_b", "stems_c")


def refold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    Entry = apps.get_model("search", "Entry")
    rows = Entry.objects.using(schema_editor.connection.alias).only(
        "lang", *TEXTS, *STEMS
    )
    last = 0
    # A batch at a time, by key: SQLite does not isolate a read still under
    # way from the writes of the same connection.
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:BATCH_SIZE]):
        last = batch[-1].pk
        for entry in batch:
            if all(getattr(entry, name).isascii() for name in TEXTS):
                continue
            stored = [getattr(entry, name) for name in STEMS]
            PortableBackend().prepare(entry)
            lines = {name: getattr(entry, name) for name in STEMS}
            if list(lines.values()) != stored:
                rows.filter(pk=entry.pk).update(**lines)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_waiting")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
