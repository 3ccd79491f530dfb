"""The public face, read as HTML: the header's brand, search and languages, the
release list's chips, the release page's parts, the head's description and
alternates, French typography and dates on the page."""

import datetime
import gzip

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.core.publication import VersionState
from newsroom.core.typography import NBSP, NNBSP
from tests.factories import make_release, make_topic, parse, text_of

pytestmark = pytest.mark.django_db

READY = VersionState.READY
EVERY = {"en": READY, "fr": READY, "es": READY}


def url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def topical():
    """Two live releases, one on a topic, in every language."""
    topic = make_topic("health")
    release = make_release(
        "topical",
        versions=EVERY,
        publish_at=datetime.datetime(2023, 10, 1, 9, tzinfo=datetime.UTC),
    )
    release.topics.add(topic)
    make_release(
        "other",
        versions=EVERY,
        publish_at=datetime.datetime(2022, 5, 2, 9, tzinfo=datetime.UTC),
    )
    return release


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_header_has_brand_search_and_languages(client, lang):
    """Every page's header carries the logo, a search box posting to the search
    page in the visitor's language, the language switcher and the menu."""
    tree = parse(client.get(url("home", lang)))
    header = tree.xpath("//header[@class='site-header']")[0]
    assert header.xpath(".//a[@class='brand']/img[@alt='']")
    [form] = header.xpath(".//form[@role='search']")
    assert form.get("action") == url("newsroom:search", lang)
    assert header.xpath(".//input[@type='search'][@name='q'][@id='header-q']")
    assert header.xpath(".//label[@for='header-q']")
    assert header.xpath(".//nav[@class='language-switcher']")
    assert header.xpath(".//nav[@class='main-nav wrap']/details/summary")


def test_active_filters_are_removable_chips(client, topical):
    """Each filter in force is a chip whose link lists without it (and from the
    first page); with two or more, a link clears them all."""
    response = client.get(
        url("newsroom:release-list", "en") + "?year=2023&topic=health-en&page=1"
    )
    tree = parse(response)
    chips = {
        " ".join(a.text_content().split()): a.get("href")
        for a in tree.xpath("//ul[@class='chips']//a[@class='chip']")
    }
    assert chips == {
        "Year: 2023 × (remove this filter)": "?topic=health-en",
        "Topic: health en × (remove this filter)": "?year=2023",
    }
    assert tree.xpath("//ul[@class='chips']//a[@class='clear-filters']/@href") == [
        url("newsroom:release-list", "en")
    ]
    assert len(tree.xpath("//li[contains(@class, 'release-card')]")) == 1


def test_chips_and_choices_after_switching_language(client, topical):
    """The switcher keeps the English slug in the query string: in French the chip
    names the topic in French and the select shows it chosen."""
    english = url("newsroom:release-list", "en") + "?topic=health-en"
    switched = parse(client.get(english)).xpath(
        "//nav[@class='language-switcher']//a[@hreflang='fr']/@href"
    )[0]
    tree = parse(client.get(switched))
    assert text_of(tree, "//a[@class='chip']").startswith(f"Thème{NBSP}: health fr")
    assert tree.xpath("//select[@name='topic']/option[@selected]/@value") == [
        "health-fr"
    ]
    assert len(tree.xpath("//li[contains(@class, 'release-card')]")) == 1


def test_no_chip_without_filter(client, topical):
    tree = parse(client.get(url("newsroom:release-list", "en")))
    assert not tree.xpath("//ul[@class='chips']")


def test_release_page_parts(client, topical):
    """The release page is labelled, has its dateline, a description from its lead,
    share links that point away without loading anything, and its own address for
    the printout."""
    path = topical.get_absolute_url()
    tree = parse(client.get(path))
    assert text_of(tree, "//article//p[@class='label']") == "Press release"
    assert text_of(tree, "//p[@class='dateline']").endswith("1 October 2023")
    description = tree.xpath("//meta[@name='description']/@content")
    assert description == [topical.lead_en]
    shares = tree.xpath("//section[@class='share']//a/@href")
    assert shares and all(href.startswith(("mailto:", "https://")) for href in shares)
    assert not tree.xpath(
        "//script[@src] | //iframe | //img[starts-with(@src, 'http')]"
    )
    assert text_of(tree, "//p[@class='print-url']") == f"http://testserver{path}"


def test_french_first_of_the_month_and_typography(client, topical):
    """In French the first of the month is "1er", and the title and lead get
    no-break spaces before their signs."""
    topical.title_fr = "Pourquoi migrer ? Une réponse : « la paix »"
    topical.lead_fr = "Elle l’a dit!"
    topical.save()
    tree = parse(client.get(url("newsroom:release-detail", "fr", slug=topical.slug_fr)))
    assert text_of(tree, "//p[@class='dateline']").endswith("1er octobre 2023")
    assert text_of(tree, "//h1") == (
        f"Pourquoi migrer{NNBSP}? Une réponse{NBSP}: «{NNBSP}la paix{NNBSP}»"
    )
    assert text_of(tree, "//p[@class='lead']") == f"Elle l’a dit{NNBSP}!"


def test_head_links_and_open_graph_locales(client, topical):
    """Feeds are advertised at absolute URLs; a release names its Open Graph locale
    and the locales of its other versions."""
    tree = parse(client.get(url("newsroom:release-detail", "fr", slug=topical.slug_fr)))
    feeds = tree.xpath("//head/link[@rel='alternate'][@type]/@href")
    assert feeds and all(href.startswith("http://testserver/") for href in feeds)
    hreflangs = tree.xpath("//head/link[@rel='alternate'][@hreflang]/@href")
    assert all(href.startswith("http://testserver/") for href in hreflangs)
    assert tree.xpath("//meta[@property='og:locale']/@content") == ["fr_FR"]
    assert tree.xpath("//meta[@property='og:locale:alternate']/@content") == [
        "en_US",
        "es_ES",
    ]


def test_pages_are_compressed_unless_they_carry_a_csrf_token(client, topical):
    """A page is sent gzipped to a client that accepts it; a page with a form's
    CSRF token is sent as it is (BREACH)."""
    response = client.get(url("home", "fr"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)
    form = client.get(url("distribution:subscribe", "fr"), HTTP_ACCEPT_ENCODING="gzip")
    assert form.status_code == 200 and not form.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in form.content
