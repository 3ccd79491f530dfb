"""The files for machines (feeds, calendars, vCards, sitemaps, robots.txt) are
read, never written: GET and HEAD answer, any other method is a 405 Method Not
Allowed that names them (Allow), never the CSRF failure page (a 403 that says
nothing of the method)."""

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.syndication.sitemaps import SECTIONS
from tests.factories import (
    make_contact,
    make_event,
    make_region,
    make_release,
    make_topic,
)

pytestmark = pytest.mark.django_db

METHODS = ["post", "put", "patch", "delete"]


@pytest.fixture
def urls(db):
    topic, region = make_topic("climate"), make_region("europe")
    make_release("news", topics=[topic])
    make_event("summit")
    make_contact("press desk")
    syndication = [
        ("release-rss", []),
        ("release-atom", []),
        ("release-rss-topic", [topic.slug]),
        ("release-atom-topic", [topic.slug]),
        ("release-rss-region", [region.slug]),
        ("release-atom-region", [region.slug]),
        ("event-calendar", []),
        ("event-ics", ["summit-en"]),
        ("contact-vcf", ["press-desk"]),
    ]
    return [
        *(reverse(f"syndication:{name}", args=args) for name, args in syndication),
        reverse("robots-txt"),
        reverse("sitemap-index"),
        reverse("sitemap-news"),
        *(reverse("sitemap-section", args=[section]) for section in SECTIONS),
    ]


@pytest.mark.parametrize("method", METHODS)
def test_unsafe_methods_are_not_allowed(urls, method):
    """Each file answers an unsafe method, without a CSRF token as a client
    would send it, with 405 and `Allow: GET, HEAD`, cached or not."""
    client = Client(enforce_csrf_checks=True)
    for url in urls:
        client.get(url)  # a copy in the page cache changes nothing
        response = getattr(client, method)(url)
        assert (response.status_code, response.get("Allow")) == (405, "GET, HEAD"), url


def test_safe_methods_still_answer(urls):
    """GET and HEAD answer as before, the CSRF check on."""
    client = Client(enforce_csrf_checks=True)
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.head(url).status_code == 200, url
