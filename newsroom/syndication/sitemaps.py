"""XML sitemaps: one section per kind of page, each URL once per language whose
version is public, with its reciprocal hreflang alternates and x-default (the
Google News sitemap is in news_sitemap.py)."""

import itertools
from operator import itemgetter

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from newsroom.core.languages import LANGUAGE_CODES, localized, slug_pattern
from newsroom.core.periods import one_row
from newsroom.core.standards import last_changed, x_default_language
from newsroom.models import Event, MediaContact, Page, PressRelease
from organisation.models import Office, Person


class LanguageSitemap(Sitemap):
    """Each item once per language in `get_languages_for_item`, with alternates.
    A file of the index holds the items of a range of `limit` primary keys (at
    most `limit` items, three times as many URLs), read through the primary key's
    index. The range of keys and the latest change come from `totals` (its
    attribute `section`), which the index shares between its sections."""

    i18n = True
    alternates = True
    # Django's own x-default strips the language prefix from the default language's
    # URL, which our translated URL words do not survive: add_x_default adds ours.
    x_default = False
    limit = 1000
    section = None

    def __init__(self, totals=None):
        self.totals = totals or SectionTotals()

    def _items(self):
        return ItemLanguages(self, self.items())

    @property
    def paginator(self):
        keys = getattr(self.totals, self.section)
        return KeyRangePaginator(self._items(), self.limit, keys["first"], keys["last"])

    def get_latest_lastmod(self):
        return getattr(self.totals, self.section)["latest"]

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            add_x_default(url["alternates"])
        return urls


def add_x_default(alternates):
    """Add our x-default to a URL's `alternates` (see `LanguageSitemap.x_default`)."""
    by_language = {
        alternate["lang_code"]: alternate["location"] for alternate in alternates
    }
    default = x_default_language(by_language)
    if default:
        alternates.append({"lang_code": "x-default", "location": by_language[default]})


class KeyRangePaginator(Paginator):
    """Pages of consecutive primary keys from `first` to `last` (read with the
    other totals of the section): page n holds the items whose key is among the
    n-th `per_page` keys, a range of the key's index whatever the page, where an
    OFFSET would walk every item before it."""

    def __init__(self, object_list, per_page, first, last):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = last - first + 1 if first is not None else 0
        object_list.first = first or 0


class ItemLanguages:
    """The (item, language) pairs of a sitemap, paginated by item key: the slice
    [start:stop] is the items whose key lies `start` to `stop` keys past the first
    (Django's own list holds every pair of the whole table)."""

    def __init__(self, sitemap, queryset):
        self.sitemap = sitemap
        self.queryset = queryset
        self.first = 0

    def __getitem__(self, keys):
        items = self.queryset.filter(
            pk__gte=self.first + keys.start, pk__lt=self.first + keys.stop
        )
        return [
            (item, lang)
            for item in items
            for lang in self.sitemap.get_languages_for_item(item)
        ]


class PublishableSitemap(LanguageSitemap):
    """Live items of `model`, in the languages whose version is public."""

    model = None
    url_name = None

    def items(self):
        return self.model.objects.live(self.totals.now).order_by("pk")

    def _items(self):
        # Only what the URLs and dates need, not the texts.
        fields = ["original_language", "publish_at", "corrected_at", "updated_at"]
        for lang in LANGUAGE_CODES:
            fields += [localized("slug", lang), localized("version_state", lang)]
        return ItemLanguages(self, self.items().only(*fields))

    def get_languages_for_item(self, item):
        return item.public_languages()

    def location(self, item):
        return self.location_in(item, translation.get_language())

    def location_in(self, item, lang):
        """The item's get_absolute_url() in `lang`, from its URL pattern looked
        up once per language."""
        if lang not in self.patterns:
            self.patterns[lang] = slug_pattern(self.url_name, lang)
        before, after = self.patterns[lang]
        return f"{before}{item.slug_for(lang)}{after}"

    @cached_property
    def patterns(self):
        return {}

    def _urls(self, page, protocol, domain):
        """Django's URL entries, built once per item for all its languages: its
        entries share one list of alternates, which the template writes once
        (Django's own reverses every URL, and lists the alternates, per entry)."""
        urls = []
        pairs = self.paginator.page(page).object_list
        for item, item_pairs in itertools.groupby(pairs, key=itemgetter(0)):
            languages = [lang for _item, lang in item_pairs]
            locations = {
                lang: f"{protocol}://{domain}{self.location_in(item, lang)}"
                for lang in languages
            }
            alternates = [
                {"location": location, "lang_code": lang}
                for lang, location in locations.items()
            ]
            add_x_default(alternates)
            lastmod = self.lastmod(item)
            urls += (
                {
                    "item": (item, lang),
                    "location": locations[lang],
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates,
                }
                for lang in languages
            )
        self.latest_lastmod = max((url["lastmod"] for url in urls), default=None)
        return urls

    def lastmod(self, item):
        return last_changed(item)


class PageSitemap(PublishableSitemap):
    model = Page
    url_name = "newsroom:page-detail"
    section = "pages"


class ReleaseSitemap(PublishableSitemap):
    model = PressRelease
    url_name = "newsroom:release-detail"
    section = "releases"


class EventSitemap(PublishableSitemap):
    model = Event
    url_name = "newsroom:event-detail"
    section = "events"


class OfficeSitemap(LanguageSitemap):
    """Offices have no per-language versions: every language lists them."""

    section = "offices"

    def items(self):
        return Office.objects.order_by("pk")

    def lastmod(self, office):
        return office.updated_at


class PersonSitemap(LanguageSitemap):
    """The public people of the organisation, in every language."""

    section = "people"

    def items(self):
        return Person.objects.public().order_by("pk")

    def lastmod(self, person):
        return person.updated_at


CHANGES = ("publish_at", "corrected_at", "updated_at")


def totals(queryset, fields=CHANGES, **subsets):
    """The first and last primary keys of `queryset` and the latest of their
    `fields` (for live items, the newest of their `last_changed` times), also over
    each of `subsets` (name=Q), in one query. Each is a subquery that reads one
    end of an index (the key's, each date's) and stops at the first item of
    `queryset`: none reads every row, whatever the size of the table."""
    conditions = {"latest": Q(), **subsets}
    ends = {"first": queryset.order_by("pk"), "last": queryset.order_by("-pk")}
    ends = {name: Subquery(items.values("pk")[:1]) for name, items in ends.items()}
    for name, condition in conditions.items():
        for field in fields:
            latest = queryset.filter(condition, **{f"{field}__isnull": False})
            ends[f"{name}_{field}"] = Subquery(
                latest.order_by(f"-{field}").values(field)[:1]
            )
    values = one_row(queryset.model, **ends)
    found = {"first": values.get("first"), "last": values.get("last")}
    for name in conditions:
        times = (values.get(f"{name}_{field}") for field in fields)
        found[name] = max(filter(None, times), default=None)
    return found


class SectionTotals:
    """What the index needs of each section (its number of items and latest
    change), read once per request and table when first asked: Django's index asks
    each section for them separately."""

    def __init__(self):
        self.now = timezone.now()

    @cached_property
    def releases(self):
        return totals(PressRelease.objects.live(self.now))

    @cached_property
    def pages(self):
        return totals(Page.objects.live(self.now))

    @cached_property
    def events(self):
        upcoming = Q(end__gte=self.now)
        return totals(Event.objects.live(self.now), upcoming=upcoming, past=~upcoming)

    @cached_property
    def offices(self):
        return totals(Office.objects.all(), ["updated_at"])

    @cached_property
    def people(self):
        return totals(Person.objects.public(), ["updated_at"])

    @cached_property
    def contacts(self):
        return totals(MediaContact.objects.public(), ["updated_at"])


class StaticSitemap(LanguageSitemap):
    """The fixed pages, by URL name, each with the sources of its lastmod.

    A list's lastmod is the latest change of the live items it shows. Who we are
    and the structure have none: they draw on rows that keep no modification time
    (the profile, units, positions, appointments). A removal (a withdrawn release,
    an event that ended) does not move a lastmod: it is a hint to crawlers."""

    pages = {
        "home": ("releases", "upcoming_events"),
        "organisation:who-we-are": (),
        "organisation:structure": (),
        "organisation:office-list": ("offices",),
        "newsroom:release-list": ("releases",),
        "newsroom:event-list": ("upcoming_events",),
        "newsroom:event-past": ("past_events",),
        "newsroom:contact-list": ("contacts",),
    }

    section = "static"

    def items(self):
        return list(self.pages)

    # Django's own: a short list of every (page, language), counted by length.
    _items = Sitemap._items
    paginator = Sitemap.paginator

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        times = (self.latest_changes[source] for source in self.pages[item])
        return max(filter(None, times), default=None)

    def get_latest_lastmod(self):
        # The sitemap index's lastmod for this section (Django's own gives up when
        # a page has none).
        return max(filter(None, self.latest_changes.values()), default=None)

    @cached_property
    def latest_changes(self):
        """The latest change of each source, from the totals of the sections."""
        shared = self.totals
        return {
            "releases": shared.releases["latest"],
            "upcoming_events": shared.events["upcoming"],
            "past_events": shared.events["past"],
            "offices": shared.offices["latest"],
            "contacts": shared.contacts["latest"],
        }


# The sitemaps' media type, naming the character set they are written in.
SITEMAP_TYPE = "application/xml; charset=utf-8"

SECTIONS = {
    "static": StaticSitemap,
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "events": EventSitemap,
    "offices": OfficeSitemap,
    "people": PersonSitemap,
}


def sitemap_index(request):
    """Django's sitemap index, its sections sharing one SectionTotals: a query per
    table, whatever the number of sections and items."""
    shared = SectionTotals()
    sitemaps = {name: section(shared) for name, section in SECTIONS.items()}
    return sitemap_views.index(
        request,
        sitemaps,
        content_type=SITEMAP_TYPE,
        sitemap_url_name="sitemap-section",
    )
