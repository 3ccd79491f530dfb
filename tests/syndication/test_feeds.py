"""RSS 2.0 and Atom feeds of press releases, per language, topic and region; the
iCalendar feed of upcoming events."""

import datetime
import html

import feedparser
import icalendar
import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from lxml import etree

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Topic
from tests.factories import (
    DRAFT,
    EVERY_LANGUAGE,
    READY,
    ago,
    make_event,
    make_release,
    shared_rows,
)

from .conftest import (
    LANGUAGES,
    make_office,
    make_organisation,
    make_photo,
    make_region,
    stored_image,
)

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

pytestmark = pytest.mark.django_db


def url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def get_xml(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response, etree.fromstring(response.content)


def rss_titles(root):
    return {item.findtext("title") for item in root.iter("item")}


def atom_titles(root):
    return {entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")}


def test_feed_urls_are_translated():
    """The feed, calendar and contact URLs use each language's words."""
    assert url("syndication:release-rss", "fr") == "/fr/communiques-de-presse/flux/rss/"
    assert url("syndication:release-atom", "es") == (
        "/es/comunicados-de-prensa/canal/atom/"
    )
    assert url("syndication:event-calendar", "fr") == "/fr/evenements/calendrier.ics"
    assert url("syndication:contact-vcf", "es", slug="ana") == (
        "/es/contactos-de-prensa/ana.vcf"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rss_has_the_channel_and_item_elements_rss_2_requires(
    client, organisation, lang
):
    """The RSS channel has title, link, description and the feed's language; each
    item has a title, link, description, guid and pubDate."""
    make_release("summit", versions=EVERY_LANGUAGE)
    response, root = get_xml(client, url("syndication:release-rss", lang))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    assert channel.findtext("language") == lang
    item = channel.find("item")
    for name in ("title", "link", "description", "guid", "pubDate"):
        assert item.findtext(name), name
    assert item.findtext("title") == f"summit title {lang}"
    assert item.findtext("description") == f"summit lead {lang}"
    assert item.findtext("link").startswith(f"http://testserver/{lang}/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atom_is_a_valid_rfc_4287_feed_in_its_language(client, organisation, lang):
    """The Atom feed carries xml:lang, an id, a title and updated; each entry has
    id, title, updated, a link and the lead as its summary; feedparser reads it
    without error."""
    make_release("summit", versions=EVERY_LANGUAGE)
    response, root = get_xml(client, url("syndication:release-atom", lang))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == lang
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    entry = root.find(f"{ATOM}entry")
    for name in ("id", "title", "updated", "summary"):
        assert entry.findtext(f"{ATOM}{name}"), name
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")

    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == lang
    assert parsed.entries[0].summary == f"summit lead {lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "name", ["syndication:release-rss", "syndication:release-atom"]
)
def test_feeds_list_only_live_releases_ready_in_their_language(
    client, organisation, name, lang
):
    """Drafts, releases in review, scheduled or withdrawn ones, and releases whose
    version in the feed's language is not ready are left out."""
    live = make_release(versions=EVERY_LANGUAGE)
    make_release(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT)
    make_release(versions=EVERY_LANGUAGE, state=PublicationState.REVIEW)
    make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() + datetime.timedelta(hours=2)
    )
    make_release(versions=EVERY_LANGUAGE, state=PublicationState.WITHDRAWN)
    others = [code for code in LANGUAGES if code != lang]
    not_ready_here = make_release(
        original=others[0], versions={others[1]: READY, lang: DRAFT}
    )
    missing_here = make_release(original=others[0], versions={others[1]: READY})

    response = client.get(url(name, lang))
    parsed = feedparser.parse(response.content)

    titles = {entry.title for entry in parsed.entries}
    assert titles == {live.field_in("title", lang)}
    links = " ".join(entry.link for entry in parsed.entries)
    for hidden in (not_ready_here, missing_here):
        for code in LANGUAGES:
            assert hidden.slug_for(code) not in links


def test_outdated_translation_stays_in_its_feed(client, organisation):
    """An outdated version is still public: it stays in its language's feed."""
    make_release(
        "summit", versions=EVERY_LANGUAGE, version_state_fr=VersionState.OUTDATED
    )
    _response, root = get_xml(client, url("syndication:release-rss", "fr"))
    assert rss_titles(root) == {"summit title fr"}


def test_ids_stay_stable_and_updated_follows_a_correction(client, organisation):
    """Correcting a title and slug keeps every GUID and Atom id; the entry's
    `updated` becomes the correction time while `published` stays."""
    release = make_release(versions=EVERY_LANGUAGE)
    before_rss = get_xml(client, url("syndication:release-rss", "en"))[1]
    before_atom = get_xml(client, url("syndication:release-atom", "en"))[1]
    guid = before_rss.find("channel/item/guid")
    assert guid.text.startswith("tag:")
    assert guid.get("isPermaLink") == "false"

    corrected_at = timezone.now().replace(microsecond=0)
    release.title_en = "Corrected title"
    release.slug_en = "corrected-title"
    release.correction_note_en = "The title named the wrong city."
    release.corrected_at = corrected_at
    release.save()

    after_rss = get_xml(client, url("syndication:release-rss", "en"))[1]
    after_atom = get_xml(client, url("syndication:release-atom", "en"))[1]
    assert after_rss.findtext("channel/item/title") == "Corrected title"
    assert after_rss.findtext("channel/item/guid") == guid.text
    entry_before = before_atom.find(f"{ATOM}entry")
    entry_after = after_atom.find(f"{ATOM}entry")
    assert entry_after.findtext(f"{ATOM}id") == entry_before.findtext(f"{ATOM}id")
    updated = datetime.datetime.fromisoformat(entry_after.findtext(f"{ATOM}updated"))
    published = datetime.datetime.fromisoformat(
        entry_after.findtext(f"{ATOM}published")
    )
    assert updated == corrected_at
    assert published == release.publish_at


def test_the_same_release_has_one_id_per_language(client, organisation):
    """Each language version is its own entry: the ids differ across languages."""
    make_release(versions=EVERY_LANGUAGE)
    ids = {
        get_xml(client, url("syndication:release-atom", lang))[1]
        .find(f"{ATOM}entry")
        .findtext(f"{ATOM}id")
        for lang in LANGUAGES
    }
    assert len(ids) == 3


def test_main_photo_is_an_enclosure(client, organisation, large_photo):
    """The main photo is the RSS enclosure and the Atom rel="enclosure" link, as a
    JPEG rendition 1200 pixels wide (not the original) with its real length; a
    release without photo has none."""
    make_release(versions=EVERY_LANGUAGE, main_photo=large_photo)
    make_release(versions=EVERY_LANGUAGE)
    _response, rss = get_xml(client, url("syndication:release-rss", "en"))
    items = rss.findall("channel/item")
    enclosure = items[0].find("enclosure")
    assert enclosure.get("url") != f"http://testserver{large_photo.image.url}"
    assert enclosure.get("type") == "image/jpeg"
    image_format, width, height, length = stored_image(enclosure.get("url"))
    assert (image_format, width, height) == ("JPEG", 1200, 800)
    assert int(enclosure.get("length")) == length > 0
    assert items[1].find("enclosure") is None

    response = client.get(url("syndication:release-atom", "en"))
    parsed = feedparser.parse(response.content)
    [atom_enclosure] = parsed.entries[0].enclosures
    assert atom_enclosure.href == enclosure.get("url")
    assert int(atom_enclosure.length) == length


def test_topic_feeds_hold_only_that_topics_releases(client, organisation):
    """A topic's feeds, found by the topic's slug in any language, list only its
    releases; an unknown topic is a 404."""
    topic = Topic.objects.create(
        name_en="Climate action",
        slug_en="climate-action",
        name_fr="Action climatique",
        slug_fr="action-climatique",
    )
    tagged = make_release(versions=EVERY_LANGUAGE)
    tagged.topics.add(topic)
    make_release(versions=EVERY_LANGUAGE)

    for name in ("syndication:release-rss-topic", "syndication:release-atom-topic"):
        for slug in ("action-climatique", "climate-action"):
            response = client.get(url(name, "fr", slug=slug))
            parsed = feedparser.parse(response.content)
            assert [entry.title for entry in parsed.entries] == [tagged.title_fr]
            assert "Action climatique" in parsed.feed.title
        assert client.get(url(name, "fr", slug="unknown")).status_code == 404


def test_region_feeds_hold_only_that_regions_releases(
    client, organisation, office, region
):
    """A region's feeds list the releases of its offices only; an unknown region
    is a 404."""
    from_region = make_release(versions=EVERY_LANGUAGE, issuing_office=office)
    make_release(versions=EVERY_LANGUAGE)
    for name in ("syndication:release-rss-region", "syndication:release-atom-region"):
        response = client.get(url(name, "es", slug=region.slug))
        parsed = feedparser.parse(response.content)
        assert [entry.title for entry in parsed.entries] == [from_region.title_es]
        assert client.get(url(name, "es", slug="nowhere")).status_code == 404


def test_feeds_answer_conditional_requests(client, organisation):
    """A feed sends an ETag, and answers 304 to a client that already has it."""
    make_release(versions=EVERY_LANGUAGE)
    address = url("syndication:release-rss", "en")
    first = client.get(address)
    assert first.has_header("ETag")
    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "name", ["syndication:release-rss", "syndication:release-atom"]
)
def test_a_changed_feed_is_never_304_to_an_earlier_copys_date(
    client, organisation, name
):
    """A feed changes without a newer item: a release retitled without a
    correction, the newest one withdrawn. A reader that sends only
    If-Modified-Since (the date of the copy it has) gets the new feed, not 304:
    the items' dates cannot say when the feed last changed, so it revalidates
    by ETag."""
    older = make_release("older", publish_at=ago(days=3))
    newer = make_release("newer", publish_at=ago(days=1))
    address = url(name, "en")
    since = http_date(timezone.now().timestamp())
    older.title_en = "Older, retitled"
    older.save()
    again = client.get(address, headers={"If-Modified-Since": since})
    assert again.status_code == 200
    assert "Older, retitled" in again.content.decode()
    newer.state = PublicationState.WITHDRAWN
    newer.save()
    again = client.get(address, headers={"If-Modified-Since": since})
    assert again.status_code == 200
    assert "newer" not in again.content.decode()


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_head_gets_the_etag_and_the_304_of_get(client, organisation, encoding):
    """A client that asks HEAD for a feed's validators gets the GET's ETag, and a
    304 when it already has that copy."""
    make_release(versions=EVERY_LANGUAGE)
    address = url("syndication:release-rss", "en")
    accept = {"Accept-Encoding": encoding}
    etag = client.get(address, headers=accept)["ETag"]
    head = client.head(address, headers=accept)
    assert head.status_code == 200
    assert head["ETag"] == etag
    again = client.head(address, headers={**accept, "If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_feed_lists_upcoming_events_ready_in_its_language(
    client, organisation, lang
):
    """The calendar feed is an iCalendar of the upcoming live events whose version
    in its language is ready; those over for more than a month, draft, scheduled,
    withdrawn events and other languages' versions are left out."""
    upcoming = make_event(versions=EVERY_LANGUAGE)
    now = timezone.now()
    make_event(versions=EVERY_LANGUAGE, start=now - datetime.timedelta(days=45))
    make_event(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT)
    make_event(versions=EVERY_LANGUAGE, state=PublicationState.WITHDRAWN)
    make_event(versions=EVERY_LANGUAGE, publish_at=now + datetime.timedelta(days=1))
    others = [code for code in LANGUAGES if code != lang]
    make_event(original=others[0], versions={others[1]: READY, lang: DRAFT})

    response = client.get(url("syndication:event-calendar", lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [
        upcoming.field_in("title", lang)
    ]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Baku"


FEEDS = [
    ("syndication:release-rss", {}),
    ("syndication:release-atom", {}),
    ("syndication:release-rss-topic", {"slug": "migration"}),
    ("syndication:release-atom-region", {"slug": "europe-central-asia"}),
    ("syndication:event-calendar", {}),
]
FEED_KEYS = [(name, tuple(kwargs.items())) for name, kwargs in FEEDS]


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(scope="class")
def feed_queries(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(name, kwargs): (queries with 3 releases and events, with 30)}: every feed
    measured at 3, then at 30, on rows built once for the class and rolled back
    after it. Nothing is remembered (as `computed_every_time`, which a class's
    fixture comes before): each count includes what the feed shares with the
    site."""

    def add(count, office, photo, topic):
        for _index in range(count):
            release = make_release(
                versions=EVERY_LANGUAGE, issuing_office=office, main_photo=photo
            )
            release.topics.add(topic)
            make_event(versions=EVERY_LANGUAGE)

    @override_settings(
        NEWSROOM_REMEMBER_SECONDS=0, MEDIA_ROOT=tmp_path_factory.mktemp("media")
    )
    def build():
        client = Client()
        make_organisation()
        rows = (make_office(make_region()), make_photo())
        topic = Topic.objects.create(name_en="Migration", slug_en="migration")
        addresses = {feed: url(feed[0], "en", **dict(feed[1])) for feed in FEED_KEYS}
        add(3, *rows, topic)
        few = {
            feed: count_queries(client, address) for feed, address in addresses.items()
        }
        add(27, *rows, topic)
        many = {
            feed: count_queries(client, address) for feed, address in addresses.items()
        }
        return {feed: (few[feed], many[feed]) for feed in FEED_KEYS}

    with translation.override("en"), shared_rows(django_db_blocker, build) as built:
        yield built


class TestQueriesOfEachFeed:
    """The rows, built once for the class."""

    @pytest.mark.parametrize(("name", "kwargs"), FEEDS)
    def test_feed_query_count_does_not_grow_with_items(
        self, feed_queries, name, kwargs
    ):
        """A feed runs as many queries for 30 items as for 3."""
        few, many = feed_queries[name, tuple(kwargs.items())]
        assert few == many


@pytest.mark.parametrize(
    "name", ["syndication:release-rss", "syndication:release-atom"]
)
def test_feed_readers_show_the_title_as_written(client, organisation, name):
    """A title holding &, < and " reads back exactly in RSS and in Atom: Atom's
    plain-text <title> is not escaped a second time."""
    title = 'Migrants & refugees: "<10%" of funding'
    make_release(versions=EVERY_LANGUAGE, title_en=title)
    parsed = feedparser.parse(client.get(url(name, "en")).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = parsed.entries
    assert shown_text(entry.title_detail) == title
    if name.endswith("atom"):
        assert entry.title_detail.type == "text/plain"


def shown_text(detail):
    """What a reader shows of a feedparser text construct: HTML is rendered."""
    if detail.type == "text/html":
        return html.unescape(detail.value)
    return detail.value


def test_atom_feed_id_is_stable_across_hosts_and_distinct_per_feed(
    client, organisation, region, settings
):
    """The Atom feed's <id> is a tag: URI of the site's own host, the same whatever
    host a client used; each language, topic and region feed has its own."""
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    settings.NEWSROOM_SITE_URL = "https://newsroom.example.org"
    topic = Topic.objects.create(name_en="Climate action", slug_en="climate-action")
    make_release(topics=[topic])

    def feed_id(address, host="testserver"):
        response = client.get(address, headers={"host": host})
        assert response.status_code == 200
        return etree.fromstring(response.content).findtext(f"{ATOM}id")

    english = url("syndication:release-atom", "en")
    assert feed_id(english) == feed_id(english, "mirror.example")
    assert feed_id(english).startswith("tag:newsroom.example.org,")
    ids = {
        feed_id(english),
        feed_id(url("syndication:release-atom", "fr")),
        feed_id(url("syndication:release-atom-topic", "en", slug=topic.slug_en)),
        feed_id(url("syndication:release-atom-region", "en", slug=region.slug)),
    }
    assert len(ids) == 4
