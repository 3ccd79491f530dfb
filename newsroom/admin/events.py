"""Events in the admin: dates typed on the event's own wall clock."""

import zoneinfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import in_every_language
from newsroom.distribution.admin import DistributionPanelMixin
from newsroom.models import (
    Event,
)
from newsroom.search.admin import IndexedSearchMixin

from .publishable import (
    VERSION_FILTERS,
    PublishableAdmin,
    PublishableForm,
    publication_fieldset,
)


class EventTimeField(forms.SplitDateTimeField):
    """A date and time typed on the event's own wall clock: the form sets `zone`
    before cleaning, so that a time is read (and checked to exist) there rather than
    in the site's time zone."""

    zone = None

    def clean(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().clean(value)


class EventForm(PublishableForm):
    """Start, end and previous start are shown and typed in the event's own time
    zone, not the site's (EventAdmin makes them EventTimeFields)."""

    local_fields = ("start", "end", "previous_start")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.local_fields:
            if name in self.fields:
                self.fields[name].help_text = _("In the event's time zone.")
            value = getattr(self.instance, name, None)
            if self.instance.pk and value:
                local = timezone.localtime(value, self.instance.tzinfo)
                self.initial[name] = local.replace(tzinfo=None)

    def full_clean(self):
        zone = self.posted_time_zone()
        for name in self.local_fields:
            if isinstance(self.fields.get(name), EventTimeField):
                self.fields[name].zone = zone
        super().full_clean()

    def posted_time_zone(self):
        """The time zone the editor chose, or None (its field reports an error)."""
        try:
            return zoneinfo.ZoneInfo(self.data.get(self.add_prefix("time_zone")) or "")
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return None


@admin.register(Event)
class EventAdmin(DistributionPanelMixin, IndexedSearchMixin, PublishableAdmin):
    form = EventForm
    preview_url_name = "newsroom:event-preview"
    list_display = [
        "__str__",
        "start",
        "status",
        "publication",
        "original_language",
        "languages",
    ]
    list_filter = ["state", "status", *VERSION_FILTERS]
    date_hierarchy = "start"
    search_fields = in_every_language("title", "city", "venue", "slug")
    autocomplete_fields = ["officials", "photo"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "distribution"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "original_language",
                    "title",
                    "slug",
                    "description",
                    "venue",
                    "city",
                    "country",
                    "version_state",
                ]
            },
        ),
        (
            _("Date"),
            {
                "fields": [
                    "start",
                    "end",
                    "time_zone",
                    "all_day",
                    "status",
                    "previous_start",
                ]
            },
        ),
        publication_fieldset("distribution"),
        (_("Context"), {"fields": ["officials", "photo"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in EventForm.local_fields:
            kwargs["form_class"] = EventTimeField
        return super().formfield_for_dbfield(db_field, request, **kwargs)
