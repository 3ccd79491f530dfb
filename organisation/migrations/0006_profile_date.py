import datetime

from django.db import migrations, models

# A profile that had no date gets one before any release: its boilerplate has
# not changed for a client of the API, which would otherwise be sent every
# release that prints it again.
UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_profile_boilerplate_heading"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisationprofile",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, verbose_name="updated at", default=UNDATED
            ),
            # The row there is now; a new one is dated when saved.
            preserve_default=False,
        ),
    ]
