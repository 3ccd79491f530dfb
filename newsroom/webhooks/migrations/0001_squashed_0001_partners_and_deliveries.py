"""0001_partners_and_deliveries again, for a database that does not have it (a new one, every test
database): 6 steps become 4, each model made with its indexes and constraints (each
step of a migration rebuilds the state of the models it touches and of those
related to them). A database that applied 0001_partners_and_deliveries goes on from it.
"""

import django.db.models.deletion
import newsroom.webhooks.models
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('webhooks', '0001_partners_and_deliveries')]

    initial = True

    dependencies = [
        ('newsroom', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(choices=[('published', 'Published'), ('corrected', 'Corrected'), ('withdrawn', 'Withdrawn'), ('test', 'Test')], max_length=12, verbose_name='event')),
                ('key', models.CharField(blank=True, editable=False, max_length=40)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('release', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='announcements', to='newsroom.pressrelease', verbose_name='press release')),
            ],
            options={
                'verbose_name': 'announcement',
                'verbose_name_plural': 'announcements',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('release', 'event', 'key'), name='unique_announcement')],
            },
        ),
        migrations.CreateModel(
            name='Partner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('url', models.URLField(help_text='Where the POST requests go; HTTPS in production.', max_length=500, verbose_name='endpoint URL')),
                ('secret', models.CharField(default=newsroom.webhooks.models.new_secret, help_text='Shared with the partner, who checks the signature with it.', max_length=100, verbose_name='signing secret')),
                ('languages', models.CharField(blank=True, help_text='Codes separated by spaces, e.g. "fr es"; empty for every language. A release in none of them is sent in its original language.', max_length=50, validators=[newsroom.webhooks.models.validate_site_languages], verbose_name='languages')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('topics', models.ManyToManyField(blank=True, help_text='None selected: every release.', related_name='+', to='newsroom.topic', verbose_name='topics')),
            ],
            options={
                'verbose_name': 'partner',
                'verbose_name_plural': 'partners',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(choices=[('published', 'Published'), ('corrected', 'Corrected'), ('withdrawn', 'Withdrawn'), ('test', 'Test')], max_length=12, verbose_name='event')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('body', models.TextField(verbose_name='body')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('delivered', 'Delivered'), ('failed', 'Failed')], db_index=True, default='pending', max_length=12, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('next_attempt_at', models.DateTimeField(null=True, verbose_name='next attempt at')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('announcement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.announcement', verbose_name='announcement')),
                ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.partner', verbose_name='partner')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at', '-pk'],
                'constraints': [models.UniqueConstraint(fields=('announcement', 'partner', 'language'), name='unique_webhook_delivery')],
            },
        ),
        migrations.CreateModel(
            name='Attempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='time')),
                ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP status')),
                ('error', models.CharField(blank=True, max_length=500, verbose_name='error')),
                ('succeeded', models.BooleanField(default=False, verbose_name='succeeded')),
                ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempt_log', to='webhooks.webhookdelivery', verbose_name='webhook delivery')),
            ],
            options={
                'verbose_name': 'attempt',
                'verbose_name_plural': 'attempts',
                'ordering': ['at', 'pk'],
            },
        ),
    ]

