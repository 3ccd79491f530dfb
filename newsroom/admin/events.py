"""Events in the admin: dates typed on the event's own wall clock."""

import functools
import importlib.resources
import json
import zoneinfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from newsroom.core.admin import SearchableSelect
from newsroom.core.dates import publish_time
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


def time_zone_choices():
    """Every time zone, by name, with its offset from UTC today: "Asia/Baku
    (UTC+04:00)"."""
    now = timezone.now()
    choices = []
    for name in sorted(zoneinfo.available_timezones()):
        offset = f"{now.astimezone(zoneinfo.ZoneInfo(name)):%z}"
        choices.append((name, f"{name} (UTC{offset[:3]}:{offset[3:]})"))
    return choices


@functools.cache
def country_time_zones():
    """{country code: its time zone} for the countries that have one zone only,
    from the IANA table that tzdata ships."""
    table = importlib.resources.files("tzdata.zoneinfo") / "zone.tab"
    zones = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone = line.split("\t")[:3]
            zones.setdefault(country, []).append(zone)
    return {country: names[0] for country, names in zones.items() if len(names) == 1}


class EventForm(PublishableForm):
    """Start, end and previous start are shown and typed in the event's own time
    zone, not the site's (EventAdmin makes them EventTimeFields); the zone is
    chosen by typing a few letters of its name."""

    local_fields = ("start", "end", "previous_start")

    class Media:
        js = ["newsroom/admin/event-time-zone.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            field = self.fields["time_zone"]
            self.fields["time_zone"] = forms.ChoiceField(
                label=field.label,
                help_text=field.help_text,
                initial=field.initial,
                choices=time_zone_choices(),
                error_messages={"invalid_choice": _("Unknown time zone: %(value)s.")},
                # A country with one zone sets it while the editor has not
                # chosen one (event-time-zone.js).
                widget=SearchableSelect(
                    attrs={"data-country-zones": json.dumps(country_time_zones())}
                ),
            )
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
        "local_start",
        "status",
        "publication",
        "languages",
    ]
    list_filter = ["state", "status", *VERSION_FILTERS]
    date_hierarchy = "start"
    search_fields = in_every_language("title", "city", "venue", "slug")
    autocomplete_fields = ["officials", "photo"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "site_time", "distribution"]
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
                    "time_zone",
                    "start",
                    "end",
                    "site_time",
                    "all_day",
                    "status",
                    "previous_start",
                ]
            },
        ),
        publication_fieldset("distribution"),
        (_("Context"), {"fields": ["officials", "photo"]}),
    ]

    @admin.display(description=_("start"), ordering="start")
    def local_start(self, event):
        """The start on the event's own wall clock, with its zone."""
        return publish_time(event.start, event.tzinfo)

    @admin.display(description=_("in the site's time zone"))
    def site_time(self, event):
        """The start as the editors' clock reads it, beside the event's own."""
        if event is None or event.start is None:
            return _("Shown once the event is saved.")
        return format_html(
            "{}<br>{}",
            format_lazy(_("Starts {time}"), time=publish_time(event.start)),
            format_lazy(
                _("that is {time} where it takes place"),
                time=publish_time(event.start, event.tzinfo),
            ),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in EventForm.local_fields:
            kwargs["form_class"] = EventTimeField
        return super().formfield_for_dbfield(db_field, request, **kwargs)
