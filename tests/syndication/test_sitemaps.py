"""The sitemap index, its sections with hreflang alternates, the Google News
sitemap and robots.txt."""

import datetime
from collections import defaultdict

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from lxml import etree

from newsroom.core.publication import PublicationState
from newsroom.models import Event, MediaContact, PressRelease
from newsroom.syndication.news_sitemap import NewsSitemap
from newsroom.syndication.sitemaps import ReleaseSitemap
from organisation.models import Office, Person
from tests.factories import (
    DRAFT,
    EVERY_LANGUAGE,
    READY,
    make_contact,
    make_event,
    make_page,
    make_person,
    make_release,
    make_releases,
    shared_rows,
)

from .conftest import LANGUAGES, ORGANISATION_NAMES, make_organisation, make_region

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SECTIONS = ["static", "pages", "releases", "events", "offices", "people"]

pytestmark = pytest.mark.django_db


def section_url(section):
    return reverse("sitemap-section", kwargs={"section": section})


def parse(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def entries(root):
    """Each <url> as (loc, lastmod, {hreflang: href})."""
    result = []
    for url in root.findall("sm:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        result.append(
            (
                url.findtext("sm:loc", namespaces=NS),
                url.findtext("sm:lastmod", namespaces=NS),
                alternates,
            )
        )
    return result


def absolute(path):
    return f"http://testserver{path}"


def url_in(item, lang):
    with translation.override(lang):
        return absolute(item.get_absolute_url())


def test_index_lists_every_section(client):
    """/sitemap.xml is a sitemap index whose entries are the section sitemaps, each
    of which answers with a urlset."""
    root = parse(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [absolute(section_url(section)) for section in SECTIONS]
    for location in locations:
        section = parse(client, location.removeprefix("http://testserver"))
        assert section.tag == f"{{{NS['sm']}}}urlset"


def test_releases_appear_once_per_ready_language_with_reciprocal_alternates(client):
    """A live release is listed once per public language; each of its entries
    carries the same hreflang set (its own URL included) and x-default."""
    everywhere = make_release(versions=EVERY_LANGUAGE)
    english_french = make_release(versions={"fr": READY, "es": DRAFT})
    spanish_only = make_release(original="es")
    listed = entries(parse(client, section_url("releases")))

    by_release = defaultdict(list)
    for loc, _lastmod, alternates in listed:
        by_release[frozenset(alternates.items())].append(loc)
    expected = {
        everywhere: LANGUAGES,
        english_french: ("en", "fr"),
        spanish_only: ("es",),
    }
    assert len(listed) == 6
    for release, languages in expected.items():
        alternates = {lang: url_in(release, lang) for lang in languages}
        alternates["x-default"] = url_in(release, languages[0])
        locations = by_release[frozenset(alternates.items())]
        assert sorted(locations) == sorted(alternates[lang] for lang in languages)


def test_x_default_is_the_default_language_else_the_first_public_one(client):
    """x-default points at the English version when it is public, else at the
    first public language."""
    english = make_release(versions=EVERY_LANGUAGE)
    french_spanish = make_release(original="fr", versions={"es": READY})
    x_defaults = {
        alternates["x-default"]
        for _loc, _lastmod, alternates in entries(
            parse(client, section_url("releases"))
        )
    }
    assert x_defaults == {url_in(english, "en"), url_in(french_spanish, "fr")}


@pytest.mark.parametrize("section", ["releases", "events", "pages"])
def test_nothing_that_is_not_live_is_listed(client, section):
    """Drafts, items in review, scheduled and withdrawn items are in no sitemap, and
    a language whose version is not ready is not listed."""
    now = timezone.now()
    make = {"releases": make_release, "events": make_event, "pages": make_page}[section]
    live = make(versions={"fr": DRAFT})
    make(state=PublicationState.DRAFT)
    make(state=PublicationState.REVIEW)
    make(state=PublicationState.WITHDRAWN)
    make(publish_at=now + datetime.timedelta(days=1))
    listed = entries(parse(client, section_url(section)))
    assert [loc for loc, _lastmod, _alternates in listed] == [url_in(live, "en")]
    assert set(listed[0][2]) == {"en", "x-default"}


def test_lastmod_is_the_real_modified_time(client):
    """lastmod follows the last save of a live release."""
    release = make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() - datetime.timedelta(days=40)
    )
    listed = entries(parse(client, section_url("releases")))
    assert {lastmod for _loc, lastmod, _alt in listed} == {
        timezone.localdate(release.updated_at).isoformat()
    }


@pytest.mark.parametrize(
    "address",
    [
        reverse("sitemap-index"),
        section_url("releases"),
        reverse("sitemap-news"),
    ],
)
def test_a_changed_sitemap_is_never_304_to_an_earlier_copys_date(client, address):
    """A sitemap changes without a newer item: the newest release withdrawn, which
    moves its newest lastmod back. A crawler that sends only If-Modified-Since
    (the date of the copy it has) gets the new sitemap, not 304: it revalidates
    by ETag."""
    make_release("older", publish_at=timezone.now() - datetime.timedelta(hours=3))
    newer = make_release(
        "newer", publish_at=timezone.now() - datetime.timedelta(hours=1)
    )
    before = client.get(address)
    since = http_date(timezone.now().timestamp())
    newer.state = PublicationState.WITHDRAWN
    newer.save()
    again = client.get(address, headers={"If-Modified-Since": since})
    assert again.status_code == 200
    assert again.content != before.content
    assert (
        client.get(address, headers={"If-None-Match": again["ETag"]}).status_code == 304
    )


def test_events_offices_and_static_pages_are_listed(client, office):
    """Events, offices and the fixed pages are listed in every language, each with
    its alternates."""
    event = make_event(versions=EVERY_LANGUAGE)
    events = entries(parse(client, section_url("events")))
    assert sorted(loc for loc, _lastmod, _alt in events) == sorted(
        url_in(event, lang) for lang in LANGUAGES
    )
    offices = entries(parse(client, section_url("offices")))
    assert sorted(loc for loc, _lastmod, _alt in offices) == sorted(
        url_in(office, lang) for lang in LANGUAGES
    )
    static = {
        loc for loc, _lastmod, _alt in entries(parse(client, section_url("static")))
    }
    for lang in LANGUAGES:
        with translation.override(lang):
            assert absolute(reverse("home")) in static
            assert absolute(reverse("newsroom:release-list")) in static
            assert absolute(reverse("organisation:who-we-are")) in static


def test_offices_and_people_lastmod_is_their_last_save(client, office):
    """An office's and a person's lastmod is their last save, in every language."""
    person = make_person("Ana Example", "ana-example")
    Office.objects.update(updated_at=datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC))
    Person.objects.update(updated_at=datetime.datetime(2024, 6, 7, tzinfo=datetime.UTC))
    for section, expected in (("offices", "2024-03-05"), ("people", "2024-06-07")):
        listed = entries(parse(client, section_url(section)))
        assert [lastmod for _loc, lastmod, _alt in listed] == [expected] * 3
    person.save()
    listed = entries(parse(client, section_url("people")))
    assert {lastmod for _loc, lastmod, _alt in listed} == {
        timezone.localdate(person.updated_at).isoformat()
    }


def test_static_lists_lastmod_is_their_latest_live_items_change(client, office):
    """A list's lastmod is the latest change of the live items it shows (drafts
    and scheduled items do not count; upcoming and past events count on their own
    list); the home page takes the newer of releases and upcoming events; pages
    without a dated source (who we are, the structure) have none. The index gives
    the section the latest of them."""

    def day(number):
        return datetime.datetime(2024, 1, number, 12, tzinfo=datetime.UTC)

    release = make_release(versions=EVERY_LANGUAGE, publish_at=day(2))
    draft = make_release(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT)
    scheduled = make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    event = make_event(versions=EVERY_LANGUAGE)
    past = make_event(
        versions=EVERY_LANGUAGE, start=timezone.now() - datetime.timedelta(days=5)
    )
    contact = make_contact()
    PressRelease.objects.filter(pk=release.pk).update(updated_at=day(3))
    PressRelease.objects.filter(pk__in=[draft.pk, scheduled.pk]).update(
        updated_at=day(20)
    )
    Event.objects.filter(pk=event.pk).update(publish_at=day(1), updated_at=day(4))
    Event.objects.filter(pk=past.pk).update(publish_at=day(1), updated_at=day(7))
    MediaContact.objects.filter(pk=contact.pk).update(updated_at=day(5))
    Office.objects.filter(pk=office.pk).update(updated_at=day(6))
    expected = {
        "home": "2024-01-04",
        "newsroom:release-list": "2024-01-03",
        "newsroom:event-list": "2024-01-04",
        "newsroom:event-past": "2024-01-07",
        "newsroom:contact-list": "2024-01-05",
        "organisation:office-list": "2024-01-06",
        "organisation:who-we-are": None,
        "organisation:structure": None,
    }
    lastmods = {
        loc: lastmod
        for loc, lastmod, _alt in entries(parse(client, section_url("static")))
    }
    for lang in LANGUAGES:
        with translation.override(lang):
            found = {name: lastmods[absolute(reverse(name))] for name in expected}
        assert found == expected, lang
    index = parse(client, "/sitemap.xml")
    [static] = [
        entry
        for entry in index.findall("sm:sitemap", NS)
        if entry.findtext("sm:loc", namespaces=NS).endswith(section_url("static"))
    ]
    assert static.findtext("sm:lastmod", namespaces=NS).startswith("2024-01-07")


def test_people_are_listed_in_every_language(client):
    """Each person's page is listed once per language, with all three alternates."""
    person = make_person("Ana Example", "ana-example")
    people = entries(parse(client, section_url("people")))
    assert sorted(loc for loc, _lastmod, _alt in people) == sorted(
        url_in(person, lang) for lang in LANGUAGES
    )
    for _loc, _lastmod, alternates in people:
        assert {alternates[lang] for lang in LANGUAGES} == {
            url_in(person, lang) for lang in LANGUAGES
        }


def test_bad_page_number_is_a_404(client):
    """A sitemap page that is not a number, or out of range, answers 404."""
    assert client.get(section_url("releases") + "?p=abc").status_code == 404
    assert client.get(section_url("releases") + "?p=99").status_code == 404
    assert client.get("/sitemap-unknown.xml").status_code == 404


def test_news_sitemap_lists_the_last_two_days_per_language(client, organisation):
    """The Google News sitemap has the releases of the last two days once per
    public language, with the publication's name and language, the date and the
    title; older, scheduled and not-ready versions are left out."""
    recent = make_release("recent", versions={"fr": READY, "es": DRAFT})
    make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() - datetime.timedelta(days=3)
    )
    make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() + datetime.timedelta(hours=1)
    )
    make_release(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT)

    root = parse(client, reverse("sitemap-news"))
    urls = root.findall("sm:url", NS)
    assert len(urls) == 2
    for url, lang in zip(urls, ("en", "fr"), strict=True):
        assert url.findtext("sm:loc", namespaces=NS) == url_in(recent, lang)
        news = url.find("news:news", NS)
        publication = news.find("news:publication", NS)
        assert (
            publication.findtext("news:name", namespaces=NS)
            == (ORGANISATION_NAMES[lang])
        )
        assert publication.findtext("news:language", namespaces=NS) == lang
        assert news.findtext("news:title", namespaces=NS) == f"recent title {lang}"
        published = datetime.datetime.fromisoformat(
            news.findtext("news:publication_date", namespaces=NS)
        )
        assert published == recent.publish_at.replace(microsecond=0)


def test_news_sitemap_stops_at_its_limit(client, organisation, monkeypatch):
    """The news sitemap never holds more entries than its limit (1,000 for Google
    News), counting each language version."""
    assert NewsSitemap.limit == 1000
    monkeypatch.setattr(NewsSitemap, "limit", 4)
    for _index in range(3):
        make_release(versions=EVERY_LANGUAGE)
    root = parse(client, reverse("sitemap-news"))
    assert len(root.findall("sm:url", NS)) == 4


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out(client):
    """robots.txt lists both sitemaps and disallows the admin, the staff previews
    and the embargo links in every language."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
    for lang in LANGUAGES:
        with translation.override(lang):
            preview = reverse("newsroom:release-preview", kwargs={"pk": 7})
            embargo = reverse("newsroom:release-embargo", kwargs={"token": "secret"})
        disallowed = [line.removeprefix("Disallow: ") for line in lines]
        assert any(preview.startswith(path) for path in disallowed if path != "/")
        assert any(embargo.startswith(path) for path in disallowed if path != "/")


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


ADDRESSES = [
    "/sitemap.xml",
    *[f"/sitemap-{section}.xml" for section in SECTIONS],
    "/sitemap-news.xml",
]


@pytest.fixture(scope="class")
def sitemap_queries(django_db_setup, django_db_blocker):
    """{address: (queries with 3 items of each kind, with 30)}: every sitemap
    measured at 3, then at 30, on rows built once for the class and rolled back
    after it. Nothing is remembered (as `computed_every_time`, which a class's
    fixture comes before): each count includes the site's frame."""

    def add(count):
        for _index in range(count):
            make_release(versions=EVERY_LANGUAGE)
            make_event(versions=EVERY_LANGUAGE)
            make_page(versions=EVERY_LANGUAGE)
            number = Office.objects.count() + 1
            Office.objects.create(
                kind="country", slug=f"office-{number}", name=f"Office {number}"
            )

    @override_settings(NEWSROOM_REMEMBER_SECONDS=0)
    def build():
        client = Client()
        make_organisation()
        make_region()
        add(3)
        few = {address: count_queries(client, address) for address in ADDRESSES}
        add(27)
        many = {address: count_queries(client, address) for address in ADDRESSES}
        return {address: (few[address], many[address]) for address in ADDRESSES}

    with translation.override("en"), shared_rows(django_db_blocker, build) as built:
        yield built


class TestQueriesOfEachSitemap:
    """The rows, built once for the class."""

    @pytest.mark.parametrize("address", ADDRESSES)
    def test_sitemap_query_count_does_not_grow_with_items(
        self, sitemap_queries, address
    ):
        """Each sitemap runs as many queries for 30 items of each kind as for 3."""
        few, many = sitemap_queries[address]
        assert few == many


def test_a_large_section_is_split_into_files_by_item(client, monkeypatch):
    """Past `limit` items a section becomes several files, each listed by the
    index with its lastmod; together they list every language of every live item
    once, and no file holds more than `limit` items."""
    monkeypatch.setattr(ReleaseSitemap, "limit", 2)
    releases = [make_release(versions=EVERY_LANGUAGE) for _index in range(5)]
    index = parse(client, "/sitemap.xml")
    files = [
        entry.findtext("sm:loc", namespaces=NS)
        for entry in index.findall("sm:sitemap", NS)
        if "releases" in entry.findtext("sm:loc", namespaces=NS)
    ]
    base = absolute(section_url("releases"))
    assert files == [base, f"{base}?p=2", f"{base}?p=3"]
    listed = []
    for address in files:
        page = entries(parse(client, address.removeprefix("http://testserver")))
        assert len(page) <= 2 * len(LANGUAGES)
        listed += [loc for loc, _lastmod, _alternates in page]
    expected = [url_in(release, lang) for release in releases for lang in LANGUAGES]
    assert sorted(listed) == sorted(expected)


@pytest.mark.usefixtures("computed_every_time")
def test_the_index_reads_each_table_once_for_3_or_300_items(client, organisation):
    """The sitemap index counts the items and finds the latest change of every
    section with one query per table (six), and the site frame that every page's
    context reads (the organisation's profile, the navigation and legal pages;
    one cache read when the page cache is on): the same for 300 releases as for 3."""
    for _index in range(3):
        make_release(versions=EVERY_LANGUAGE)
        make_event(versions=EVERY_LANGUAGE)
        make_page(versions=EVERY_LANGUAGE)
    few = count_queries(client, "/sitemap.xml")
    make_releases(297, versions=EVERY_LANGUAGE)
    many = count_queries(client, "/sitemap.xml")
    assert few == many <= 9


def test_each_file_reads_a_range_of_keys_and_no_whole_table(client, monkeypatch):
    """A file of a large section lists the live items of its range of keys (a
    withdrawn item leaves a gap, not a shift) with no OFFSET; the index finds the
    ranges and latest changes with no COUNT or aggregate over the table."""
    monkeypatch.setattr(ReleaseSitemap, "limit", 2)
    releases = [make_release(versions=EVERY_LANGUAGE) for _index in range(5)]
    releases[1].state = PublicationState.WITHDRAWN
    releases[1].save()
    with CaptureQueriesContext(connection) as queries:
        parse(client, "/sitemap.xml")
    sql = " ".join(query["sql"].upper() for query in queries)
    assert "COUNT(" not in sql and "MAX(" not in sql
    by_file = []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            root = parse(client, f"{section_url('releases')}?p={page}")
        assert not [q for q in queries if "OFFSET" in q["sql"].upper()]
        by_file.append({loc for loc, _lastmod, _alternates in entries(root)})
    expected = [
        {url_in(releases[0], lang) for lang in LANGUAGES},
        {url_in(releases[number], lang) for number in (2, 3) for lang in LANGUAGES},
        {url_in(releases[4], lang) for lang in LANGUAGES},
    ]
    assert by_file == expected
    assert client.get(f"{section_url('releases')}?p=4").status_code == 404
