"""The search's migrations 0001-0004 in one, for a database that has none of them
(a new one, every test database): the table made once in its final form, and
one RunPython step for PostgreSQL's configurations, trigger and indexes rather
than four (each rebuilds the state of every model, on SQLite too).

A database that applied some or all of 0001-0004 goes on with them; Django runs
this one only where none is applied. The PostgreSQL steps are those of 0002,
0003 and 0004, called in their order (their code stays in those files); 0003's
copy of the items' publication into existing rows is left out: the table is new
here, and empty.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from importlib import import_module

from django.db import migrations, models


def step(migration, name):
    return getattr(import_module(f"newsroom.search.migrations.{migration}"), name)


def postgresql(apps, schema_editor):
    """0002's configurations, trigger and GIN indexes; 0003's indexes without a
    pending list; 0004's public indexes with the kind and the date (each does
    nothing on another database)."""
    step("0002_postgresql", "forwards")(apps, schema_editor)
    step("0003_copy_publication_for_live", "set_fast_update")("off")(apps, schema_editor)
    step("0004_index_kind_and_date_with_words", "recreate")("document, kind, date")(
        apps, schema_editor
    )


def no_postgresql(apps, schema_editor):
    step("0004_index_kind_and_date_with_words", "recreate")("document")(
        apps, schema_editor
    )
    step("0003_copy_publication_for_live", "set_fast_update")("on")(apps, schema_editor)
    step("0002_postgresql", "backwards")(apps, schema_editor)


class Migration(migrations.Migration):

    replaces = [('search', '0001_initial'), ('search', '0002_postgresql'), ('search', '0003_copy_publication_for_live'), ('search', '0004_index_kind_and_date_with_words')]

    initial = True

    dependencies = [
        ('newsroom', '0001_initial'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Entry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('release', 'Press releases'), ('event', 'Events'), ('page', 'Pages'), ('person', 'People'), ('office', 'Offices')], max_length=10, verbose_name='kind')),
                ('lang', models.CharField(choices=[('en', 'English'), ('fr', 'French'), ('es', 'Spanish')], max_length=10, verbose_name='language')),
                ('shown_to', models.CharField(blank=True, help_text='The visitors\' languages that read this version, between commas (",fr,es,"); empty while the version is not public.', max_length=100, verbose_name='shown to')),
                ('slug', models.CharField(blank=True, max_length=200, verbose_name='slug')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('title', models.TextField(verbose_name='title')),
                ('lead', models.TextField(blank=True, verbose_name='lead')),
                ('names', models.TextField(blank=True, verbose_name='names')),
                ('body', models.TextField(blank=True, verbose_name='body')),
                ('document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True, verbose_name='document')),
                ('stems_a', models.TextField(blank=True, editable=False, verbose_name='title stems')),
                ('stems_b', models.TextField(blank=True, editable=False, verbose_name='lead and name stems')),
                ('stems_c', models.TextField(blank=True, editable=False, verbose_name='body stems')),
                ('event', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.event', verbose_name='event')),
                ('office', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.office', verbose_name='office')),
                ('page', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.page', verbose_name='page')),
                ('person', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.person', verbose_name='person')),
                ('release', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.pressrelease', verbose_name='press release')),
                ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='expires at')),
                ('publish_at', models.DateTimeField(blank=True, null=True, verbose_name='publish at')),
                ('state', models.CharField(blank=True, max_length=12, verbose_name='publication state')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'ordering': ['kind', 'pk'],
                'indexes': [models.Index(condition=models.Q(('release__isnull', False)), fields=['release'], name='search_entry_release'), models.Index(condition=models.Q(('event__isnull', False)), fields=['event'], name='search_entry_event'), models.Index(condition=models.Q(('page__isnull', False)), fields=['page'], name='search_entry_page'), models.Index(condition=models.Q(('person__isnull', False)), fields=['person'], name='search_entry_person'), models.Index(condition=models.Q(('office__isnull', False)), fields=['office'], name='search_entry_office')],
            },
        ),
        migrations.RunPython(postgresql, no_postgresql),
    ]
