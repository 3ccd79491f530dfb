"""Feeds, calendar and contact files, under each language prefix with translated
words. Included before newsroom.public_urls, whose page catch-all comes last."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "syndication"

urlpatterns = [
    path(
        # Translators: URL words: lowercase ASCII letters, digits and hyphens;
        # keep the slashes and anything between < and > unchanged.
        _("press-releases/feed/rss/"),
        views.read_only(feeds.ReleaseFeed()),
        name="release-rss",
    ),
    path(
        _("press-releases/feed/atom/"),
        views.read_only(feeds.ReleaseAtomFeed()),
        name="release-atom",
    ),
    path(
        _("press-releases/topic/<slug:slug>/feed/rss/"),
        views.read_only(feeds.TopicReleaseFeed()),
        name="release-rss-topic",
    ),
    path(
        _("press-releases/topic/<slug:slug>/feed/atom/"),
        views.read_only(feeds.TopicReleaseAtomFeed()),
        name="release-atom-topic",
    ),
    path(
        _("press-releases/region/<slug:slug>/feed/rss/"),
        views.read_only(feeds.RegionReleaseFeed()),
        name="release-rss-region",
    ),
    path(
        _("press-releases/region/<slug:slug>/feed/atom/"),
        views.read_only(feeds.RegionReleaseAtomFeed()),
        name="release-atom-region",
    ),
    path(
        _("events/calendar.ics"),
        views.read_only(feeds.UpcomingEventsCalendar()),
        name="event-calendar",
    ),
    path(_("events/<slug:slug>/calendar.ics"), views.event_ics, name="event-ics"),
    path(_("media-contacts/<slug:slug>.vcf"), views.contact_vcf, name="contact-vcf"),
]
