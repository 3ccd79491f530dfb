"""The Google News sitemap: the releases of the last two days, once per public
language, with the publication's name in each."""

import datetime
from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.utils import timezone, translation

from newsroom.models import PressRelease
from organisation.models import OrganisationProfile


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
