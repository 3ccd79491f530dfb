"""XML sitemaps: one section per kind of page, each URL once per language whose
version is public, with its reciprocal hreflang alternates and x-default; and a
Google News sitemap of the last two days' releases."""

import datetime
from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.models import Event, Page, PressRelease
from newsroom.standards import last_changed, x_default_language
from organisation.models import Office, OrganisationProfile, Person


class LanguageSitemap(Sitemap):
    """Each item once per language in `get_languages_for_item`, with alternates."""

    i18n = True
    alternates = True
    # Django's own x-default strips the language prefix from the default language's
    # URL, which our translated URL words do not survive: get_urls adds ours.
    x_default = False

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {
                alt["lang_code"]: alt["location"] for alt in url["alternates"]
            }
            default = x_default_language(by_language)
            if default:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": by_language[default]}
                )
        return urls


class PublishableSitemap(LanguageSitemap):
    """Live items of `model`, in the languages whose version is public."""

    model = None

    def items(self):
        return self.model.objects.live().order_by("pk")

    def get_languages_for_item(self, item):
        return item.public_languages()

    def lastmod(self, item):
        return last_changed(item)


class PageSitemap(PublishableSitemap):
    model = Page


class ReleaseSitemap(PublishableSitemap):
    model = PressRelease


class EventSitemap(PublishableSitemap):
    model = Event


class OfficeSitemap(LanguageSitemap):
    """Offices have no per-language versions: every language lists them."""

    def items(self):
        return Office.objects.order_by("pk")


class PersonSitemap(LanguageSitemap):
    """The people of the organisation, in every language."""

    def items(self):
        return Person.objects.order_by("pk")


class StaticSitemap(LanguageSitemap):
    """The fixed pages, by URL name."""

    def items(self):
        return [
            "home",
            "organisation:who-we-are",
            "organisation:structure",
            "organisation:office-list",
            "newsroom:release-list",
            "newsroom:event-list",
            "newsroom:event-past",
            "newsroom:contact-list",
        ]

    def location(self, item):
        return reverse(item)


SECTIONS = {
    "static": StaticSitemap,
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "events": EventSitemap,
    "offices": OfficeSitemap,
    "people": PersonSitemap,
}


def publication_name(organisation, lang):
    """The organisation's name in `lang`, as Google News shows the publication."""
    if organisation is None:
        return ""
    return getattr(organisation, f"name_{lang}", "") or organisation.name


@dataclass
class NewsEntry:
    release: PressRelease
    lang: str
    title: str
    publication_name: str

    @property
    def publication_date(self):
        """W3C date and time to the second, as Google News reads it."""
        published = timezone.localtime(self.release.publish_at)
        return published.replace(microsecond=0).isoformat()


class NewsSitemap(Sitemap):
    """Google News: the releases of the last two days, once per public language.

    Rendered with templates/newsroom/sitemaps/news.xml."""

    # Google News reads at most 1,000 URLs per sitemap.
    limit = 1000
    window = datetime.timedelta(days=2)

    def items(self):
        now = timezone.now()
        releases = (
            PressRelease.objects.live(now)
            .filter(publish_at__gte=now - self.window)
            .order_by("-publish_at", "-pk")[: self.limit]
        )
        organisation = OrganisationProfile.current()
        entries = []
        for release in releases:
            for lang in release.public_languages():
                name = publication_name(organisation, lang)
                entries.append(
                    NewsEntry(release, lang, release.version(lang).title, name)
                )
        return entries[: self.limit]

    def location(self, entry):
        with translation.override(entry.lang):
            return entry.release.get_absolute_url()

    def lastmod(self, entry):
        return entry.release.publish_at
