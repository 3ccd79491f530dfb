"""The public withdrawal note per language: each item's note so far was written in
its original language, and becomes that language's."""

from django.db import migrations, models
from django.db.models.functions import Coalesce

PUBLISHABLE = ("event", "page", "pressrelease")


def notes_to_original_language(apps, schema_editor):
    for name in PUBLISHABLE:
        model = apps.get_model("newsroom", name)
        noted = model.objects.exclude(withdrawal_note="")
        for lang in ("en", "fr", "es"):
            noted.filter(original_language=lang).update(
                **{f"withdrawal_note_{lang}": models.F("withdrawal_note")}
            )


def notes_from_original_language(apps, schema_editor):
    for name in PUBLISHABLE:
        model = apps.get_model("newsroom", name)
        for lang in ("en", "fr", "es"):
            model.objects.filter(original_language=lang).update(
                withdrawal_note=Coalesce(f"withdrawal_note_{lang}", models.Value(""))
            )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0019_country_statistics"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="withdrawal_note_en",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="withdrawal_note_es",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="withdrawal_note_fr",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="withdrawal_note_en",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="withdrawal_note_es",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="withdrawal_note_fr",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="pressrelease",
            name="withdrawal_note_en",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="pressrelease",
            name="withdrawal_note_es",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AddField(
            model_name="pressrelease",
            name="withdrawal_note_fr",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                null=True,
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="withdrawal_note",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AlterField(
            model_name="page",
            name="withdrawal_note",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.AlterField(
            model_name="pressrelease",
            name="withdrawal_note",
            field=models.TextField(
                blank=True,
                help_text="Shown on the page of the withdrawn item, in the API and in the withdrawal emails: in each language it is written in, else in the original language.",
                verbose_name="public note on withdrawal",
            ),
        ),
        migrations.RunPython(notes_to_original_language, notes_from_original_language),
    ]
