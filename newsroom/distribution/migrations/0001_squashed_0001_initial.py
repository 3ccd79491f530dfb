"""0001_initial again, for a database that does not have it (a new one, every test
database): 14 steps become 6, each model made with its indexes and constraints (each
step of a migration rebuilds the state of the models it touches and of those
related to them). A database that applied 0001_initial goes on from it.
"""

import django.db.models.deletion
import django.utils.timezone
import newsroom.distribution.models.deliveries
import newsroom.distribution.models.recipients
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('distribution', '0001_initial')]

    initial = True

    dependencies = [
        ('auth', '__first__'),
        ('newsroom', '0001_initial'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SweepRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_run_at', models.DateTimeField(verbose_name='last run at')),
            ],
            options={
                'verbose_name': 'sweep',
                'verbose_name_plural': 'sweeps',
            },
        ),
        migrations.CreateModel(
            name='Dispatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('reason', models.CharField(choices=[('publication', 'Publication'), ('correction', 'Correction')], default='publication', max_length=12, verbose_name='reason')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('fanned_out_at', models.DateTimeField(blank=True, help_text='When the deliveries to every matching recipient were made.', null=True, verbose_name='sent to the public at')),
                ('created_by', models.ForeignKey(blank=True, help_text='Empty when the worker sent it on its own.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='dispatches', to='newsroom.event', verbose_name='event')),
                ('release', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='dispatches', to='newsroom.pressrelease', verbose_name='press release')),
            ],
            options={
                'verbose_name': 'mailing',
                'verbose_name_plural': 'mailings',
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('event__isnull', True), ('release__isnull', False)), models.Q(('event__isnull', False), ('release__isnull', True)), _connector='OR'), name='dispatch_of_one_item'), models.UniqueConstraint(fields=('release', 'version'), name='unique_release_version'), models.UniqueConstraint(fields=('event', 'version'), name='unique_event_version')],
            },
        ),
        migrations.CreateModel(
            name='Journalist',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='email')),
                ('languages', models.CharField(help_text='The languages read, in order of preference: codes separated by spaces, e.g. "fr en".', max_length=50, validators=[newsroom.distribution.models.recipients.validate_languages], verbose_name='languages')),
                ('when_not_translated', models.CharField(choices=[('original', 'The original at once, with a notice'), ('wait', 'Nothing until it is ready in one of my languages')], default='original', max_length=10, verbose_name='when an item is not in these languages')),
                ('releases', models.BooleanField(default=True, verbose_name='press releases')),
                ('events', models.BooleanField(default=True, verbose_name='events')),
                ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('outlet', models.CharField(blank=True, max_length=200, verbose_name='outlet')),
                ('accredited', models.BooleanField(default=False, help_text='Receives embargoed releases before their time, with a personal link.', verbose_name='accredited for embargoes')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('regions', models.ManyToManyField(blank=True, help_text='None: every region.', related_name='+', to='organisation.region', verbose_name='regions')),
                ('topics', models.ManyToManyField(blank=True, help_text='None: every topic. Topics apply to press releases.', related_name='+', to='newsroom.topic', verbose_name='topics')),
            ],
            options={
                'verbose_name': 'journalist',
                'verbose_name_plural': 'media list',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='EmbargoLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=newsroom.distribution.models.deliveries.new_embargo_token, max_length=64, unique=True, verbose_name='token')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('release', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='embargo_links', to='newsroom.pressrelease', verbose_name='press release')),
                ('journalist', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='embargo_links', to='distribution.journalist', verbose_name='journalist')),
            ],
            options={
                'verbose_name': 'embargo link',
                'verbose_name_plural': 'embargo links',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('release', 'journalist'), name='one_embargo_link_each')],
            },
        ),
        migrations.CreateModel(
            name='Subscriber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='email')),
                ('languages', models.CharField(help_text='The languages read, in order of preference: codes separated by spaces, e.g. "fr en".', max_length=50, validators=[newsroom.distribution.models.recipients.validate_languages], verbose_name='languages')),
                ('when_not_translated', models.CharField(choices=[('original', 'The original at once, with a notice'), ('wait', 'Nothing until it is ready in one of my languages')], default='original', max_length=10, verbose_name='when an item is not in these languages')),
                ('releases', models.BooleanField(default=True, verbose_name='press releases')),
                ('events', models.BooleanField(default=True, verbose_name='events')),
                ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('status', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('confirmed', 'Confirmed'), ('unsubscribed', 'Unsubscribed')], db_index=True, default='pending', max_length=12, verbose_name='status')),
                ('consent_at', models.DateTimeField(blank=True, help_text='When the subscriber confirmed through the link in the email.', null=True, verbose_name='consent given at')),
                ('consent_source', models.CharField(blank=True, help_text='Where the subscription was asked for.', max_length=200, verbose_name='consent source')),
                ('consent_language', models.CharField(blank=True, help_text='The language of the page the subscriber agreed on.', max_length=10, verbose_name='consent language')),
                ('confirmation_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmation email sent at')),
                ('confirmation_nonce', models.CharField(default=newsroom.distribution.models.recipients.new_nonce, max_length=32)),
                ('regions', models.ManyToManyField(blank=True, help_text='None: every region.', related_name='+', to='organisation.region', verbose_name='regions')),
                ('topics', models.ManyToManyField(blank=True, help_text='None: every topic. Topics apply to press releases.', related_name='+', to='newsroom.topic', verbose_name='topics')),
            ],
            options={
                'verbose_name': 'subscriber',
                'verbose_name_plural': 'subscribers',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('language', models.CharField(blank=True, help_text='The version sent; empty while waiting for a translation.', max_length=10, verbose_name='language')),
                ('embargoed', models.BooleanField(default=False, help_text="Sent before the release's time, with a personal embargo link.", verbose_name='under embargo')),
                ('status', models.CharField(choices=[('waiting', 'Waiting for a translation'), ('pending', 'Pending'), ('claimed', 'Claimed by a worker'), ('sending', 'Handed to the mail server'), ('sent', 'Sent'), ('failed', 'Failed'), ('cancelled', 'Cancelled')], default='pending', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                ('claimed_by', models.CharField(blank=True, max_length=100, verbose_name='claimed by')),
                ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('message_id', models.CharField(blank=True, max_length=200, verbose_name='Message-ID')),
                ('reason', models.TextField(blank=True, help_text='Why it failed, was cancelled or is tried again.', verbose_name='reason')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('dispatch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='distribution.dispatch', verbose_name='mailing')),
                ('journalist', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='distribution.journalist', verbose_name='journalist')),
                ('subscriber', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='distribution.subscriber', verbose_name='subscriber')),
            ],
            options={
                'verbose_name': 'delivery',
                'verbose_name_plural': 'deliveries',
                'ordering': ['dispatch', 'pk'],
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='distributio_status_fc0e3b_idx'), models.Index(fields=['status', 'claimed_at'], name='distributio_status_4f17b4_idx')],
                'constraints': [models.UniqueConstraint(fields=('dispatch', 'email'), name='one_delivery_per_address'), models.CheckConstraint(condition=models.Q(models.Q(('journalist__isnull', True), ('subscriber__isnull', False)), models.Q(('journalist__isnull', False), ('subscriber__isnull', True)), _connector='OR'), name='delivery_to_one_recipient')],
            },
        ),
    ]

