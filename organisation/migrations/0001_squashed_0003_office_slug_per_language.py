"""The organisation's migrations 0001-0003 in one, for a database that has none of
them (a new one, every test database): each model made once in its final form.

A database that applied some or all of 0001-0003 goes on with them; Django runs
this one only where none is applied. So 0003's RunPython (each office's English
slug from its slug) is left out: the offices' table is new here, and empty.
"""

import django.db.models.deletion
import django_countries.fields
import newsroom.core.richtext
import newsroom.images.cleaning
import newsroom.images.fields
import phonenumber_field.modelfields
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('organisation', '0001_initial'), ('organisation', '0002_profile_boilerplate'), ('organisation', '0003_office_slug_per_language')]

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='full name')),
                ('sort_name', models.CharField(blank=True, help_text='How the name sorts, e.g. family name first.', max_length=200, verbose_name='sort name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('gender', models.CharField(blank=True, choices=[('f', 'Feminine'), ('m', 'Masculine')], help_text='Chooses the feminine or masculine form of titles in French and Spanish.', max_length=1, verbose_name='grammatical gender')),
                ('biography', newsroom.core.richtext.RichTextField(blank=True, verbose_name='biography')),
                ('biography_en', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='biography')),
                ('biography_fr', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='biography')),
                ('biography_es', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='biography')),
                ('portrait', newsroom.images.fields.CleanImageField(blank=True, height_field='portrait_height', help_text='JPEG, PNG or WebP. Location, camera and other metadata are removed on upload.', max_length=255, upload_to=newsroom.images.cleaning.UniqueUploadTo('portraits/'), verbose_name='portrait', width_field='portrait_width')),
                ('portrait_width', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='portrait width')),
                ('portrait_height', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='portrait height')),
                ('portrait_alt', models.CharField(blank=True, help_text="Describes the portrait; the person's name is used when empty.", max_length=300, verbose_name='portrait alt text')),
                ('portrait_alt_en', models.CharField(blank=True, help_text="Describes the portrait; the person's name is used when empty.", max_length=300, null=True, verbose_name='portrait alt text')),
                ('portrait_alt_fr', models.CharField(blank=True, help_text="Describes the portrait; the person's name is used when empty.", max_length=300, null=True, verbose_name='portrait alt text')),
                ('portrait_alt_es', models.CharField(blank=True, help_text="Describes the portrait; the person's name is used when empty.", max_length=300, null=True, verbose_name='portrait alt text')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['sort_name', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Region',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_fr', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_es', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'region',
                'verbose_name_plural': 'regions',
                'ordering': ['order', 'slug'],
            },
        ),
        migrations.CreateModel(
            name='Office',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('headquarters', 'Headquarters'), ('regional', 'Regional office'), ('country', 'Country office'), ('liaison', 'Liaison office'), ('special-liaison', 'Special liaison office')], max_length=20, verbose_name='kind')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_fr', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_es', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                ('city_en', models.CharField(blank=True, max_length=100, null=True, verbose_name='city')),
                ('city_fr', models.CharField(blank=True, max_length=100, null=True, verbose_name='city')),
                ('city_es', models.CharField(blank=True, max_length=100, null=True, verbose_name='city')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('address', models.TextField(blank=True, verbose_name='postal address')),
                ('phone', phonenumber_field.modelfields.PhoneNumberField(blank=True, max_length=128, region=None, verbose_name='phone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='organisation.office', verbose_name='parent office')),
                ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='offices', to='organisation.region', verbose_name='region')),
                ('slug_en', models.SlugField(max_length=100, null=True, unique=True, verbose_name='slug')),
                ('slug_es', models.SlugField(max_length=100, null=True, unique=True, verbose_name='slug')),
                ('slug_fr', models.SlugField(max_length=100, null=True, unique=True, verbose_name='slug')),
            ],
            options={
                'verbose_name': 'office',
                'verbose_name_plural': 'offices',
                'ordering': ['order', 'slug'],
                'indexes': [models.Index(fields=['region', 'country'], name='organisatio_region__831d9c_idx')],
            },
        ),
        migrations.CreateModel(
            name='Unit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_fr', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_es', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position among the units of the same parent.', verbose_name='order')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='organisation.unit', verbose_name='parent unit')),
            ],
            options={
                'verbose_name': 'unit',
                'verbose_name_plural': 'units',
                'ordering': ['order', 'slug'],
            },
        ),
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_fr', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_es', models.CharField(max_length=200, null=True, verbose_name='title')),
                ('title_feminine', models.CharField(blank=True, help_text='Used for a holder of feminine gender, e.g. "Directrice générale".', max_length=200, verbose_name='feminine title')),
                ('title_feminine_en', models.CharField(blank=True, help_text='Used for a holder of feminine gender, e.g. "Directrice générale".', max_length=200, null=True, verbose_name='feminine title')),
                ('title_feminine_fr', models.CharField(blank=True, help_text='Used for a holder of feminine gender, e.g. "Directrice générale".', max_length=200, null=True, verbose_name='feminine title')),
                ('title_feminine_es', models.CharField(blank=True, help_text='Used for a holder of feminine gender, e.g. "Directrice générale".', max_length=200, null=True, verbose_name='feminine title')),
                ('rank', models.PositiveSmallIntegerField(default=100, help_text='Lower ranks come first.', verbose_name='rank')),
                ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='positions', to='organisation.office', verbose_name='office')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='positions', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'position',
                'verbose_name_plural': 'positions',
                'ordering': ['rank', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Appointment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField(blank=True, help_text='Leave empty if unknown.', null=True, verbose_name='from')),
                ('end', models.DateField(blank=True, help_text='Last day in office; empty while in office.', null=True, verbose_name='to')),
                ('ended', models.BooleanField(default=False, help_text='Tick when the appointment is over but its end date is not known.', verbose_name='ended (date unknown)')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appointments', to='organisation.person', verbose_name='person')),
                ('position', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appointments', to='organisation.position', verbose_name='position')),
            ],
            options={
                'verbose_name': 'appointment',
                'verbose_name_plural': 'appointments',
                'ordering': ['position__rank', '-start'],
                'constraints': [models.CheckConstraint(condition=models.Q(('start__isnull', True), ('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='appointment_end_after_start', violation_error_message='The end date cannot be before the start date.')],
            },
        ),
        migrations.CreateModel(
            name='OrganisationProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_fr', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_es', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('acronym', models.CharField(max_length=20, verbose_name='acronym')),
                ('acronym_en', models.CharField(max_length=20, null=True, verbose_name='acronym')),
                ('acronym_fr', models.CharField(max_length=20, null=True, verbose_name='acronym')),
                ('acronym_es', models.CharField(max_length=20, null=True, verbose_name='acronym')),
                ('founding_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='founding year')),
                ('member_states', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='member states')),
                ('countries_present', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='countries with a presence')),
                ('mission', newsroom.core.richtext.RichTextField(blank=True, verbose_name='mission statement')),
                ('mission_en', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='mission statement')),
                ('mission_fr', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='mission statement')),
                ('mission_es', newsroom.core.richtext.RichTextField(blank=True, null=True, verbose_name='mission statement')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('headquarters', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisation.office', verbose_name='headquarters')),
                ('boilerplate', newsroom.core.richtext.RichTextField(blank=True, help_text='The “About the organisation” paragraph printed after every press release that does not switch it off.', verbose_name='boilerplate')),
                ('boilerplate_en', newsroom.core.richtext.RichTextField(blank=True, help_text='The “About the organisation” paragraph printed after every press release that does not switch it off.', null=True, verbose_name='boilerplate')),
                ('boilerplate_es', newsroom.core.richtext.RichTextField(blank=True, help_text='The “About the organisation” paragraph printed after every press release that does not switch it off.', null=True, verbose_name='boilerplate')),
                ('boilerplate_fr', newsroom.core.richtext.RichTextField(blank=True, help_text='The “About the organisation” paragraph printed after every press release that does not switch it off.', null=True, verbose_name='boilerplate')),
            ],
            options={
                'verbose_name': 'organisation profile',
                'verbose_name_plural': 'organisation profile',
            },
        ),
    ]

