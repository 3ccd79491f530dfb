"""RSS 2.0 and Atom feeds of press releases, and the iCalendar feed of upcoming
events: small subclasses of Django's syndication `Feed`.

A feed speaks the language of its URL (/en/, /fr/, /es/) and lists only the items
whose version in that language is public (`ready_in`).
"""

import copy
import datetime
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.core.languages import in_any_language
from newsroom.core.standards import date_modified, item_tag, site_authority
from newsroom.models import Event, PressRelease, Topic
from organisation.models import OrganisationProfile, Region

from .calendars import ICalendarFeed
from .links import release_feed_title
from .structured_data import photo_image

FEED_LENGTH = 50
# The subscribed calendar: the events of the last month too, and so more of them.
RECENT_DAYS = 30
CALENDAR_LENGTH = 2 * FEED_LENGTH
# The date part of the feeds' tag: URIs (RFC 4151): any day on which the site's host
# name was ours. Fixed, so that a feed's id never changes.
FEED_TAG_DATE = "2025-01-01"


class UndatedFeed(Feed):
    """A Feed without the Last-Modified that Django takes from its newest item,
    as `newsroom.core.http.undated` gives views: a feed also changes with no
    newer item (one retitled, withdrawn or expired, a translation made ready)."""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        del response["Last-Modified"]
        return response


class ReleaseFeed(UndatedFeed):
    """The latest live press releases whose version in the feed's language is
    public, as RSS 2.0."""

    feed_type = feedgenerator.Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request of its URL pattern; the enclosure URLs
        # need the request, so each request works on its own copy.
        feed = copy.copy(self)
        feed.request = request
        return super(ReleaseFeed, feed).__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return SimpleNamespace(
            lang=get_language(),
            organisation=OrganisationProfile.current(),
            topic=None,
            region=None,
        )

    def filter_items(self, obj, queryset):
        return queryset

    def items(self, obj):
        queryset = PressRelease.objects.ready_in(obj.lang)
        return (
            self.filter_items(obj, queryset)
            .select_related("main_photo")
            .prefetch_related("topics")
            .order_by("-publish_at", "-pk")[:FEED_LENGTH]
        )

    def title(self, obj):
        return release_feed_title(obj.organisation, obj.topic, obj.region)

    def description(self, obj):
        return _("The latest press releases in this language, newest first.")

    def link(self, obj):
        url = reverse("newsroom:release-list")
        if obj.topic is not None:
            return f"{url}?{urlencode({'topic': obj.topic.slug})}"
        if obj.region is not None:
            return f"{url}?{urlencode({'region': obj.region.slug})}"
        return url

    def feed_guid(self, obj):
        """The feed's Atom id: a tag: URI of the site's own host (not the request's),
        the feed's language and its topic or region, stable across renames."""
        specific = f"press-releases/{obj.lang}"
        if obj.topic is not None:
            specific += f"/topic/{obj.topic.pk}"
        elif obj.region is not None:
            specific += f"/region/{obj.region.pk}"
        return f"tag:{site_authority()},{FEED_TAG_DATE}:{specific}"

    def author_name(self, obj):
        return obj.organisation.name if obj.organisation else None

    def feed_copyright(self, obj):
        return obj.organisation.name if obj.organisation else None

    # Items. RSS 2.0 does not say whether <title> is text or HTML, and readers
    # render it as HTML: Django escapes it (see Django's #6533), and so do we.
    # Atom's <title> is plain text by definition: ReleaseAtomFeed does not.

    def item_title(self, item):
        return escape(item.version().title)

    def item_description(self, item):
        return escape(item.version().lead)

    def item_guid(self, item):
        """A tag: URI from the pk and the first publication date: it stays the same
        when the title or slug is corrected."""
        return item_tag(item, "press-release", get_language())

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return date_modified(item)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_enclosures(self, item):
        """The main photo as the page shares it: a JPEG rendition, not the
        original."""
        image = photo_image(self.request, item.main_photo)
        if image is None:
            return []
        return [
            feedgenerator.Enclosure(
                url=image.url, length=str(image.length), mime_type=image.mime_type
            )
        ]


class ReleaseAtomFeed(ReleaseFeed):
    """The same releases as Atom (RFC 4287)."""

    feed_type = feedgenerator.Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, item):
        return item.version().title


class TopicFeedMixin:
    """Restricts a release feed to one topic, named by its slug in any language."""

    def get_object(self, request, slug):
        obj = super().get_object(request)
        topics = Topic.objects.public()
        obj.topic = topics.filter(in_any_language("slug", slug)).first()
        if obj.topic is None:
            raise Topic.DoesNotExist(slug)
        return obj

    def filter_items(self, obj, queryset):
        return queryset.filter(topics=obj.topic)


class RegionFeedMixin:
    """Restricts a release feed to the releases of one region's offices."""

    def get_object(self, request, slug):
        obj = super().get_object(request)
        obj.region = Region.objects.filter(slug=slug).first()
        if obj.region is None:
            raise Region.DoesNotExist(slug)
        return obj

    def filter_items(self, obj, queryset):
        return queryset.filter(issuing_office__region=obj.region)


class TopicReleaseFeed(TopicFeedMixin, ReleaseFeed):
    pass


class TopicReleaseAtomFeed(TopicFeedMixin, ReleaseAtomFeed):
    pass


class RegionReleaseFeed(RegionFeedMixin, ReleaseFeed):
    pass


class RegionReleaseAtomFeed(RegionFeedMixin, ReleaseAtomFeed):
    pass


class UpcomingEventsCalendar(UndatedFeed):
    """The upcoming live events whose version in the feed's language is public, as
    an iCalendar document that calendar applications subscribe to, and those of
    the last RECENT_DAYS: applications delete from a subscribed calendar what
    leaves it, and a journalist's calendar keeps last week's events."""

    feed_type = ICalendarFeed

    def get_object(self, request, *args, **kwargs):
        return SimpleNamespace(
            lang=get_language(), organisation=OrganisationProfile.current()
        )

    def items(self, obj):
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        return Event.objects.ready_in(obj.lang).upcoming(since)[:CALENDAR_LENGTH]

    def title(self, obj):
        title = _("Upcoming events")
        if obj.organisation is not None:
            return f"{obj.organisation.acronym} – {title}"
        return title

    def link(self, obj):
        return reverse("newsroom:event-list")

    def description(self, obj):
        return _("Events we organise or take part in, in this language.")

    def item_title(self, item):
        return item.version().title

    def item_description(self, item):
        return ""

    def item_updateddate(self, item):
        return item.updated_at

    def item_extra_kwargs(self, item):
        return {"event": item}
