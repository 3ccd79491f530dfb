"""The footer's legal links: the live pages that editors mark as legal (privacy
notice, terms of use, accessibility statement), in their order and in the
visitor's language; none when there are none; the demo has three."""

import pytest
from django.utils import translation

from newsroom.core.publication import VersionState
from newsroom.demo import legal
from newsroom.models import Page
from tests.factories import DRAFT, EVERY_LANGUAGE, make_page, parse

pytestmark = pytest.mark.django_db

HOMES = {"en": "/en/", "fr": "/fr/", "es": "/es/"}


def words(element):
    """The element's text with every kind of space as one plain space."""
    return " ".join(element.text_content().split())


def legal_links(client, url):
    """(text, href, lang) of each legal link of the footer of `url`."""
    document = parse(client.get(url))
    return [
        (words(link), link.get("href"), link.get("lang"))
        for link in document.cssselect("footer .legal-links a")
    ]


@pytest.mark.parametrize("lang", HOMES)
def test_footer_links_the_live_legal_pages_in_order(client, lang):
    """Each legal page is linked in the page's language, in the editors' order;
    a page left out of the legal links (or a draft one) is not."""
    terms = make_page("terms", versions=EVERY_LANGUAGE, legal_order=2)
    privacy = make_page("privacy", versions=EVERY_LANGUAGE, legal_order=1)
    make_page("about", versions=EVERY_LANGUAGE, nav_order=1)
    make_page("unpublished", versions=EVERY_LANGUAGE, legal_order=3, state=DRAFT)
    with translation.override(lang):
        expected = [
            (page.version().title, page.get_absolute_url(), None)
            for page in (privacy, terms)
        ]
    assert legal_links(client, HOMES[lang]) == expected
    assert all(lang in text for text, _href, _lang in expected)


def test_a_legal_page_not_ready_in_a_language_is_linked_in_its_original(client):
    """A legal page without a ready French version is linked in its original
    language, marked as such."""
    page = make_page("privacy", legal_order=1)
    [(text, href, lang)] = legal_links(client, "/fr/")
    assert (text, lang) == (page.title_en, "en")
    assert client.get(href).status_code == 200


def test_footer_has_no_legal_links_without_legal_pages(client):
    """Without a legal page the footer has no legal navigation at all."""
    make_page("about", versions=EVERY_LANGUAGE, nav_order=1)
    document = parse(client.get("/en/"))
    assert not document.cssselect("footer .legal-links")
    assert not document.cssselect("footer nav")


def test_demo_has_three_legal_pages_in_every_language(client):
    """The demo's privacy notice, terms of use and accessibility statement are
    ready in every language, say they are a demonstration and answer 200."""
    legal.load()
    legal.load()
    pages = Page.objects.filter(legal_order__isnull=False)
    assert pages.count() == 3
    for lang, home in HOMES.items():
        links = legal_links(client, home)
        assert len(links) == 3
        for page in pages:
            assert page.translation_state(lang) == VersionState.READY
        for _text, href, link_lang in links:
            assert link_lang is None
            response = client.get(href)
            assert response.status_code == 200
            [main] = parse(response).cssselect("main")
            assert " ".join(legal.DEMO_NOTE[lang].split()) in words(main)
