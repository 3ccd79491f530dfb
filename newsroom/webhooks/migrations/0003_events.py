"""Webhooks for events too: an announcement is of a release or of an event
(exactly one), and a partner chooses what it receives."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0019_country_statistics'),
        ('webhooks', '0002_expiry_event'),
    ]

    operations = [
        migrations.AddField(
            model_name='announcement',
            name='calendar_event',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='announcements', to='newsroom.event', verbose_name='event'),
        ),
        # The partners registered so far keep receiving what they received:
        # releases only. New ones receive both (the field's default, next).
        migrations.AddField(
            model_name='partner',
            name='receives',
            field=models.CharField(choices=[('releases', 'Press releases'), ('events', 'Events'), ('both', 'Press releases and events')], default='releases', help_text='What the partner is told of: press releases, events or both.', max_length=10, verbose_name='receives'),
        ),
        migrations.AlterField(
            model_name='partner',
            name='receives',
            field=models.CharField(choices=[('releases', 'Press releases'), ('events', 'Events'), ('both', 'Press releases and events')], default='both', help_text='What the partner is told of: press releases, events or both.', max_length=10, verbose_name='receives'),
        ),
        migrations.AlterField(
            model_name='announcement',
            name='release',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='announcements', to='newsroom.pressrelease', verbose_name='press release'),
        ),
        migrations.AlterField(
            model_name='partner',
            name='topics',
            field=models.ManyToManyField(blank=True, help_text='None selected: every release. Events have no topics: a partner that receives events gets every one.', related_name='+', to='newsroom.topic', verbose_name='topics'),
        ),
        migrations.AddField(
            model_name='webhookdelivery',
            name='kind',
            field=models.CharField(default='release', editable=False, max_length=10),
        ),
        migrations.AddConstraint(
            model_name='announcement',
            constraint=models.UniqueConstraint(fields=('calendar_event', 'event', 'key'), name='unique_event_announcement'),
        ),
        migrations.AddConstraint(
            model_name='announcement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('calendar_event__isnull', True), ('release__isnull', False)), models.Q(('calendar_event__isnull', False), ('release__isnull', True)), _connector='OR'), name='announcement_of_one_item'),
        ),
    ]
