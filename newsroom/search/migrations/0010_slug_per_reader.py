"""Each row holds the slug of its item's address for each of the visitors'
languages that read it (`slugs`, "fr=… es=…"), not one slug: an office named
in one language has an address in each, and a hit linked to the slug of the
language it was indexed in answered 301.

The rows already written give each of their readers their one slug, which is
right for every kind but offices; an office's rows get each reader's slug from
the office, as modeltranslation reads it: the reader's own, else the first of
the languages that has one.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Concat

# The languages of settings.LANGUAGES when this migration was written, in the
# order of MODELTRANSLATION_FALLBACK_LANGUAGES.
LANGUAGES = ("en", "fr", "es")


def readers(shown_to):
    return [lang for lang in shown_to.split(",") if lang]


def slug_per_reader(apps, schema_editor):
    Entry = apps.get_model("search", "Entry")
    rows = Entry.objects.using(schema_editor.connection.alias)
    audiences = rows.exclude(shown_to="").order_by().values_list("shown_to")
    for (shown_to,) in audiences.distinct():
        parts = []
        for lang in readers(shown_to):
            parts += [Value(f" {lang}=" if parts else f"{lang}="), F("slugs")]
        rows.filter(shown_to=shown_to).update(
            slugs=Concat(*parts, output_field=models.TextField())
        )
    # A version no visitor reads is not linked to.
    rows.filter(shown_to="").update(slugs="")
    offices = rows.filter(office__isnull=False).exclude(shown_to="")
    for entry in offices.select_related("office"):
        own = {lang: getattr(entry.office, f"slug_{lang}") for lang in LANGUAGES}
        fallback = next((slug for slug in own.values() if slug), "")
        slugs = " ".join(
            f"{lang}={own.get(lang) or fallback}" for lang in readers(entry.shown_to)
        )
        rows.filter(pk=entry.pk).update(slugs=slugs)


def one_slug(apps, schema_editor):
    """Back to one slug a row: the one of its version's language, as before
    (else its first reader's)."""
    Entry = apps.get_model("search", "Entry")
    db = Entry.objects.using(schema_editor.connection.alias)
    rows = db.exclude(slugs="")
    changed = []
    for entry in rows.only("lang", "slugs").iterator(chunk_size=1000):
        slugs = dict(pair.split("=", 1) for pair in entry.slugs.split())
        entry.slugs = slugs.get(entry.lang) or next(iter(slugs.values()), "")
        changed.append(entry)
        if len(changed) == 1000:
            db.bulk_update(changed, ["slugs"])
            changed = []
    db.bulk_update(changed, ["slugs"])


class Migration(migrations.Migration):
    dependencies = [("search", "0009_clock")]

    operations = [
        migrations.RenameField(
            model_name="entry", old_name="slug", new_name="slugs"
        ),
        migrations.AlterField(
            model_name="entry",
            name="slugs",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The slug of the item's address for each of the visitors' "
                    'languages that read this version ("fr=bureau-de-geneve '
                    'es=oficina-de-ginebra"): an office read in one language has '
                    "an address in each."
                ),
                verbose_name="slugs",
            ),
        ),
        migrations.RunPython(slug_per_reader, one_slug),
    ]
