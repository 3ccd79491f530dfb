"""iCalendar (RFC 5545) documents of events, built with the `icalendar` library.

One event gives the `.ics` download of its page; the upcoming events of a language
give the calendar feed (`ICalendarFeed`, a feed type for Django's syndication
framework). Both carry the same VEVENT for an event.
"""

import datetime

import icalendar
from django.conf import settings
from django.utils import feedgenerator, translation

from newsroom.core.standards import plain_text, site_authority

PRODUCT_ID = "-//Newsroom//Press office calendar//EN"

# RFC 5545 has three statuses for an event; a postponed event has no firm date.
STATUSES = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def event_uid(event):
    """The UID calendar clients match updates with: the same in every language and
    across edits of the title, date or status."""
    return f"event-{event.pk}@{site_authority()}"


def event_location(event, lang):
    version = event.version(lang)
    with translation.override(version.lang):
        country = event.country.name if event.country else ""
    return ", ".join(part for part in (version.venue, version.city, country) if part)


def vevent(event, lang, url):
    """The VEVENT of `event` as a visitor asking for `lang` reads it."""
    version = event.version(lang)
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    # The time this instance of the event last changed, so that a client's copy and
    # an HTTP cache agree on it (a request time would change on every download).
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("created", event.created_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    if event.all_day:
        component.add("dtstart", event.local_start.date())
        # DTEND is exclusive: an all-day event ends the next morning.
        component.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    # The texts say which language they are in (a fallback shows the original).
    in_language = {"LANGUAGE": version.lang}
    component.add("summary", version.title, parameters=in_language)
    description = plain_text(version.description)
    if description:
        component.add("description", description, parameters=in_language)
    location = event_location(event, lang)
    if location:
        component.add("location", location, parameters=in_language)
    component.add("status", STATUSES.get(event.status, "CONFIRMED"))
    component.add("url", url)
    return component


def calendar(lang, name=None):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    return cal


def events_calendar(events_and_urls, lang, name=None):
    """A calendar of (event, absolute URL) pairs with the VTIMEZONE of every zone
    they use."""
    cal = calendar(lang, name)
    for event, url in events_and_urls:
        cal.add_component(vevent(event, lang, url))
    cal.add_missing_timezones()
    if not cal.subcomponents:
        # RFC 5545 (3.6) wants at least one component, and a VTIMEZONE is one
        # ("timezonec"): the site's zone, which clients only learn, where a
        # placeholder event or to-do would show in their calendars.
        cal.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    return cal


class ICalendarFeed(feedgenerator.SyndicationFeed):
    """A Django feed type writing an iCalendar document; each item carries its
    event in `event` (see Feed.item_extra_kwargs)."""

    content_type = "text/calendar; charset=utf-8"

    def write(self, outfile, encoding):
        cal = events_calendar(
            ((item["event"], item["link"]) for item in self.items),
            self.feed["language"],
            name=self.feed["title"],
        )
        if self.feed.get("description"):
            cal.add("x-wr-caldesc", self.feed["description"])
        outfile.write(cal.to_ical())
