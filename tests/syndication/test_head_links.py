"""What every public page's <head> tells machines: its canonical URL, its
translations (hreflang, reciprocal, with x-default) and the feeds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html

from newsroom.models import Topic
from tests.factories import DRAFT, EVERY_LANGUAGE, READY, make_event, make_release

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def head_of(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return html.fromstring(response.content).find("head")


def canonical(head):
    links = head.xpath("link[@rel='canonical']/@href")
    assert len(links) == 1
    return links[0]


def hreflang_set(head):
    links = head.xpath("link[@rel='alternate'][@hreflang][not(@type)]")
    result = {link.get("hreflang"): link.get("href") for link in links}
    assert len(result) == len(links), "one link per language"
    return result


def path_in(item, lang):
    with translation.override(lang):
        return item.get_absolute_url()


def test_release_pages_carry_reciprocal_hreflang_sets(client, organisation):
    """The three language versions of a release each name themselves as canonical
    and carry the same hreflang set: the three versions and x-default."""
    release = make_release(versions=EVERY_LANGUAGE)
    heads = {lang: head_of(client, path_in(release, lang)) for lang in LANGUAGES}
    expected = {
        lang: f"http://testserver{path_in(release, lang)}" for lang in LANGUAGES
    }
    expected["x-default"] = expected["en"]
    for lang, head in heads.items():
        with translation.override(lang):
            assert canonical(head) == expected[lang]
            assert hreflang_set(head) == expected


def test_a_fallback_page_points_at_the_original_and_lists_only_ready_versions(
    client, organisation
):
    """With Spanish not ready, no page lists a Spanish alternate, and the Spanish URL
    (which shows the original) names the English page as canonical."""
    release = make_release(versions={"fr": READY, "es": DRAFT})
    expected = {
        "en": f"http://testserver{path_in(release, 'en')}",
        "fr": f"http://testserver{path_in(release, 'fr')}",
    }
    expected["x-default"] = expected["en"]
    for lang in LANGUAGES:
        head = head_of(client, path_in(release, lang))
        assert hreflang_set(head) == expected
    spanish = head_of(client, path_in(release, "es"))
    assert canonical(spanish) == expected["en"]


def test_event_pages_carry_reciprocal_hreflang_sets(client, organisation):
    """Event pages are linked to one another the same way."""
    event = make_event(original="fr", versions={"es": READY})
    expected = {
        lang: f"http://testserver{path_in(event, lang)}" for lang in ("fr", "es")
    }
    expected["x-default"] = expected["fr"]
    for lang in ("fr", "es"):
        head = head_of(client, path_in(event, lang))
        assert hreflang_set(head) == expected
        assert canonical(head) == expected[lang]


@pytest.mark.parametrize(
    "name", ["organisation:who-we-are", "newsroom:release-list", "home"]
)
def test_other_pages_link_every_language_at_its_translated_path(client, name):
    """A page without per-language objects is linked in every language at its
    translated path, reciprocally, with x-default on the English one."""
    paths = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            paths[lang] = f"http://testserver{reverse(name)}"
    expected = {**paths, "x-default": paths["en"]}
    for lang in LANGUAGES:
        head = head_of(client, paths[lang])
        assert canonical(head) == paths[lang]
        assert hreflang_set(head) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_advertise_the_feeds_of_every_language(client, organisation, lang):
    """Each page advertises the RSS and Atom feeds of every language with their
    type, hreflang and title; its own language comes first and every link works."""
    with translation.override(lang):
        head = head_of(client, reverse("organisation:who-we-are"))
    feeds = head.xpath("link[@rel='alternate'][@type]")
    assert [(feed.get("type"), feed.get("hreflang")) for feed in feeds[:2]] == [
        ("application/rss+xml", lang),
        ("application/atom+xml", lang),
    ]
    assert {feed.get("hreflang") for feed in feeds} == set(LANGUAGES)
    assert len(feeds) == 6
    for feed in feeds:
        assert feed.get("title")
        response = client.get(feed.get("href"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(feed.get("type"))


def test_release_list_filtered_by_topic_advertises_the_topics_feeds(
    client, organisation
):
    """The list filtered by a topic advertises that topic's feeds first."""
    topic = Topic.objects.create(
        name_en="Climate action", slug_en="climate-action", name_fr="Action climatique"
    )
    make_release(versions=EVERY_LANGUAGE).topics.add(topic)
    with translation.override("en"):
        address = reverse("newsroom:release-list") + "?topic=climate-action"
        topic_feed = reverse(
            "syndication:release-rss-topic", kwargs={"slug": "climate-action"}
        )
    first = head_of(client, address).xpath("link[@rel='alternate'][@type]")[0]
    assert first.get("href") == "http://testserver" + topic_feed
    assert "Climate action" in first.get("title")


def test_private_pages_have_no_canonical_or_alternates(client, organisation):
    """An embargo link (noindex) names no canonical URL and no alternates."""
    release = make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    with translation.override("en"):
        address = reverse(
            "newsroom:release-embargo", kwargs={"token": release.embargo_token}
        )
    head = head_of(client, address)
    assert head.xpath("link[@rel='canonical']") == []
    assert hreflang_set(head) == {}


def test_a_list_page_keeps_its_page_number_in_every_link(client, organisation):
    """Page 2 of the release list names itself as canonical, and its hreflang
    alternates and x-default are page 2 of the list in each language."""
    for _index in range(12):
        make_release(versions=EVERY_LANGUAGE)
    paths = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            paths[lang] = f"http://testserver{reverse('newsroom:release-list')}?page=2"
    expected = {**paths, "x-default": paths["en"]}
    for lang in LANGUAGES:
        head = head_of(client, paths[lang])
        assert canonical(head) == paths[lang]
        assert hreflang_set(head) == expected
