"""The rows copy their item's publication (state, publish and expiry times), so
that the public search applies the `live()` rule to this table alone; the rows
already written get it from their items.

PostgreSQL: the GIN indexes stop using a pending list ("fast update"), which
every query would read through (up to 4 MB per index) until a vacuum merges it;
an insert updates the index itself instead, a little slower to write.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

PUBLISHABLE = {"release": "PressRelease", "event": "Event", "page": "Page"}
PUBLICATION = ("state", "publish_at", "expires_at")


def copy_publication(apps, schema_editor):
    entry = apps.get_model("search", "Entry")
    for field, model_name in PUBLISHABLE.items():
        items = apps.get_model("newsroom", model_name).objects.filter(
            pk=OuterRef(field)
        )
        entry.objects.filter(**{f"{field}__isnull": False}).update(
            **{name: Subquery(items.values(name)[:1]) for name in PUBLICATION}
        )


def gin_indexes(cursor):
    cursor.execute(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = c.relam "
        "WHERE i.indrelid = 'search_entry'::regclass AND am.amname = 'gin'"
    )
    return [name for (name,) in cursor.fetchall()]


def set_fast_update(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for name in gin_indexes(cursor):
                cursor.execute(f"ALTER INDEX {name} SET (fastupdate = {value})")
                if value == "off":
                    # What the pending list holds goes into the index now.
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_postgresql'),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='expires_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expires at'),
        ),
        migrations.AddField(
            model_name='entry',
            name='publish_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='publish at'),
        ),
        migrations.AddField(
            model_name='entry',
            name='state',
            field=models.CharField(blank=True, max_length=12, verbose_name='publication state'),
        ),
        migrations.RunPython(copy_publication, migrations.RunPython.noop),
        migrations.RunPython(set_fast_update("off"), set_fast_update("on")),
    ]
