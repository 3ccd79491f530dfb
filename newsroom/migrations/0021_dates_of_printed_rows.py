import datetime

from django.db import migrations, models

# Topics that had no date get one before any release: nothing they print has
# changed for a client of the API.
UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0020_withdrawal_note_per_language"),
    ]

    operations = [
        # The releases and events are not dated by the rows they print until
        # one of those changes: a deploy lists none of them again.
        migrations.AddField(
            model_name="pressrelease",
            name="shown_changed_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                editable=False,
                null=True,
                verbose_name="related content changed at",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="shown_changed_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                editable=False,
                null=True,
                verbose_name="related content changed at",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=UNDATED, verbose_name="updated at"
            ),
            # The rows there are now; a new one is dated when saved.
            preserve_default=False,
        ),
    ]
