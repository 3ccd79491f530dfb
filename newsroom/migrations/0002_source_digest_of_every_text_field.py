"""The source digest now covers every translated text field (a page's intro, a
release's dateline, an event's venue and city): take it again for the rows stored,
so that their next save does not mark translations outdated that are not."""

import hashlib

from django.conf import settings
from django.db import migrations

# The source fields when this migration was written (Publishable.source_fields()).
SOURCE_FIELDS = {
    "page": ("body", "intro", "title"),
    "pressrelease": ("body", "correction_note", "dateline_city", "lead", "title"),
    "event": ("city", "description", "title", "venue"),
}


def digest(item, fields):
    lang = item.original_language
    text = "\x1f".join(getattr(item, f"{name}_{lang}", None) or "" for name in fields)
    return hashlib.sha256(text.encode()).hexdigest()


def take_digests_again(apps, schema_editor):
    languages = [code for code, _name in settings.LANGUAGES]
    for model_name, fields in SOURCE_FIELDS.items():
        model = apps.get_model("newsroom", model_name)
        columns = [f"{name}_{lang}" for name in fields for lang in languages]
        items = list(
            model.objects.exclude(source_digest="").only(
                "pk", "original_language", "source_digest", *columns
            )
        )
        for item in items:
            item.source_digest = digest(item, fields)
        model.objects.bulk_update(items, ["source_digest"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_initial")]

    operations = [migrations.RunPython(take_digests_again, migrations.RunPython.noop)]
