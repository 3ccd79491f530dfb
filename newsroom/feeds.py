"""RSS 2.0 and Atom feeds of press releases, and the iCalendar feed of upcoming
events: small subclasses of Django's syndication `Feed`.

A feed speaks the language of its URL (/en/, /fr/, /es/) and lists only the items
whose version in that language is public (`ready_in`).
"""

import copy
import mimetypes
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.calendars import ICalendarFeed
from newsroom.models import Event, PressRelease, Topic
from newsroom.publication import LANGUAGE_CODES
from newsroom.standards import date_modified, site_authority
from organisation.models import OrganisationProfile, Region

FEED_LENGTH = 50


def release_feed_title(organisation, topic=None, region=None):
    """The title of a release feed, in the active language (also used by the
    <link> that advertises the feed)."""
    if topic is not None:
        title = _("Press releases: %(topic)s") % {"topic": topic.name}
    elif region is not None:
        title = _("Press releases: %(region)s") % {"region": region.name}
    else:
        title = _("Press releases")
    if organisation is not None:
        return f"{organisation.acronym} – {title}"
    return title


class ReleaseFeed(Feed):
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

    def author_name(self, obj):
        return obj.organisation.name if obj.organisation else None

    def feed_copyright(self, obj):
        return obj.organisation.name if obj.organisation else None

    # Items: readers get text, escaped as Django does for titles (see #6533).

    def item_title(self, item):
        return escape(item.version().title)

    def item_description(self, item):
        return escape(item.version().lead)

    def item_guid(self, item):
        """A tag: URI from the pk and the first publication date: it stays the same
        when the title or slug is corrected."""
        return (
            f"tag:{site_authority()},{item.publish_at:%Y-%m-%d}:"
            f"press-release/{item.pk}/{get_language()}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return date_modified(item)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_enclosures(self, item):
        photo = item.main_photo
        if photo is None or not photo.image:
            return []
        try:
            length = photo.image.size
        except OSError:
            length = 0
        mime_type = mimetypes.guess_type(photo.image.name)[0] or "image/jpeg"
        return [
            feedgenerator.Enclosure(
                url=self.request.build_absolute_uri(photo.image.url),
                length=str(length),
                mime_type=mime_type,
            )
        ]


class ReleaseAtomFeed(ReleaseFeed):
    """The same releases as Atom (RFC 4287)."""

    feed_type = feedgenerator.Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class TopicFeedMixin:
    """Restricts a release feed to one topic, named by its slug in any language."""

    def get_object(self, request, slug):
        lookup = Q()
        for code in LANGUAGE_CODES:
            lookup |= Q(**{f"slug_{code}": slug})
        obj = super().get_object(request)
        obj.topic = Topic.objects.filter(lookup).first()
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


class UpcomingEventsCalendar(Feed):
    """The upcoming live events whose version in the feed's language is public, as
    an iCalendar document that calendar applications subscribe to."""

    feed_type = ICalendarFeed

    def get_object(self, request, *args, **kwargs):
        return SimpleNamespace(
            lang=get_language(), organisation=OrganisationProfile.current()
        )

    def items(self, obj):
        return Event.objects.ready_in(obj.lang).upcoming()[:FEED_LENGTH]

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
