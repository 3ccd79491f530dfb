"""The registry of public surfaces: every public URL name, with the URLs to fetch
for it in the active language, and the query parameters its view reads. The leak
matrix fetches them all in every language; the fuzz test sends them hostile values.

Adding a surface is one entry: `"app:name": Surface(lambda w: [reverse(...)])`, the
lambda receiving the `World` of tests/security/conftest.py. A URL built from a
non-public item (a probe) must answer 404, or 410 for a withdrawn or expired one;
a slug that a live item's public version once had answers 301 (world.moved_slugs).
A public URL name that is not to be fetched goes to EXCLUDED, with the reason.
Outputs that are not HTTP responses (emails, webhook bodies) are callables in
OUTPUTS, taking the World and returning the text sent.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from newsroom.syndication.sitemaps import SECTIONS
from tests.distribution.outputs import public_emails
from tests.webhooks.outputs import webhook_bodies


@dataclass(frozen=True)
class Surface:
    urls: Callable
    params: tuple = ()


def url(name, *args):
    return reverse(name, args=args)


def detail_urls(name, items):
    """The detail URL of each of `items`, at the slug shown in the active
    language."""
    return [url(name, item.slug_for()) for item in items]


def probe_urls(name, items):
    """The detail URL at every slug each of `items` has, in any language: each
    answers 404 (410 once withdrawn) as long as the item is not public."""
    return [
        url(name, getattr(item, f"slug_{lang}"))
        for item in items
        for lang in ("en", "fr", "es")
        if getattr(item, f"slug_{lang}", None)
    ]


def release_list(w):
    base = url("newsroom:release-list")
    queries = [
        "",
        "?page=1",
        f"?year={w.release.publish_at.year}",
        f"?year={w.scheduled_release.publish_at.year}",
        f"?region={w.region.slug}",
        f"?region={w.draft_region.slug}",
        "?country=AZ",
        f"?office={w.office.slug}",
        f"?topic={w.topic.slug}",
        f"?topic={w.draft_topic.slug}",
    ]
    return [base + query for query in queries]


def release_feeds(kind):
    """The URLs of a release feed (rss or atom), and of its topic and region
    variants, for the live and the draft-only topic and region."""

    def urls(w):
        return [url(f"syndication:release-{kind}")]

    def topic(w):
        return [
            url(f"syndication:release-{kind}-topic", t.slug)
            for t in (w.topic, w.draft_topic)
        ]

    def region(w):
        return [
            url(f"syndication:release-{kind}-region", r.slug)
            for r in (w.region, w.draft_region)
        ]

    return urls, topic, region


RSS, RSS_TOPIC, RSS_REGION = release_feeds("rss")
ATOM, ATOM_TOPIC, ATOM_REGION = release_feeds("atom")


def api_releases(w):
    base = url("api:release-list")
    queries = [
        "",
        "?limit=1",
        "?language=fr",
        "?language=es",
        f"?topic={w.topic.slug}",
        f"?topic={w.draft_topic.slug}",
        f"?region={w.region.slug}",
        f"?region={w.draft_region.slug}",
        "?country=AZ",
        f"?office={w.office.slug}",
        # The tombstones of withdrawn releases join the list.
        "?updated_since=2000-01-01T00:00:00Z",
        f"?updated_since=2000-01-01T00:00:00Z&topic={w.draft_topic.slug}",
    ]
    return [base + query for query in queries]


def api_detail_urls(name, items, hidden):
    """An API document at the slug of each public version of `items`, and at every
    slug of the `hidden` ones (404, or 410 once withdrawn)."""
    return [
        url(name, getattr(item, f"slug_{lang}"))
        for item in items
        for lang in item.public_languages()
    ] + probe_urls(name, hidden)


def api_organisation(w):
    """Today's chart, and the chart on a day when a future appointee would hold
    their posts: never shown before their appointment begins."""
    future = w.hidden_people[-1].appointments.first().start
    base = url("api:organisation")
    return [base, f"{base}?language=fr", f"{base}?date={future}"]


def signed_urls(w, purpose):
    """The pages of the emails' signed links for `purpose`, one per recipient of
    the world."""
    return [url(f"distribution:{purpose}", token) for token in w.tokens[purpose]]


SURFACES = {
    "home": Surface(lambda w: [url("home")]),
    "healthz": Surface(lambda w: [url("healthz")]),
    "readyz": Surface(lambda w: [url("readyz")]),
    "organisation:who-we-are": Surface(lambda w: [url("organisation:who-we-are")]),
    "organisation:structure": Surface(lambda w: [url("organisation:structure")]),
    "organisation:office-list": Surface(lambda w: [url("organisation:office-list")]),
    "organisation:office-detail": Surface(
        lambda w: [url("organisation:office-detail", w.office.slug)]
    ),
    "organisation:person-detail": Surface(
        lambda w: (
            [url("organisation:person-detail", p.slug) for p in w.people]
            + [url("organisation:person-detail", p.slug) for p in w.hidden_people]
        )
    ),
    "newsroom:release-list": Surface(
        release_list, params=("year", "region", "country", "office", "topic", "page")
    ),
    "newsroom:release-detail": Surface(
        lambda w: (
            detail_urls("newsroom:release-detail", w.releases)
            + probe_urls("newsroom:release-detail", w.hidden_releases)
            + [url("newsroom:release-detail", slug) for slug in w.draft_slugs]
            + [url("newsroom:release-detail", slug) for slug in w.former_slugs]
            + [url("newsroom:release-detail", slug) for slug in w.moved_slugs]
        )
    ),
    "newsroom:event-list": Surface(
        lambda w: [url("newsroom:event-list"), url("newsroom:event-list") + "?page=1"],
        params=("page",),
    ),
    "newsroom:event-past": Surface(
        lambda w: [url("newsroom:event-past")], params=("page",)
    ),
    "newsroom:event-detail": Surface(
        lambda w: (
            detail_urls("newsroom:event-detail", w.events)
            + probe_urls("newsroom:event-detail", w.hidden_events)
        )
    ),
    "newsroom:page-detail": Surface(
        lambda w: (
            detail_urls("newsroom:page-detail", w.pages)
            + probe_urls("newsroom:page-detail", w.hidden_pages)
        )
    ),
    "newsroom:contact-list": Surface(lambda w: [url("newsroom:contact-list")]),
    "newsroom:search": Surface(
        lambda w: (
            [url("newsroom:search") + f"?q={word}" for word in w.search_words]
            # The filters narrow what the page of all types shows: each type's page,
            # and the filters by a topic and a region that only hidden items have.
            + [
                url("newsroom:search") + f"?q={word}&type={kind}"
                for word in w.search_words
                for kind in ("release", "event", "page", "person")
            ]
            + [
                url("newsroom:search") + f"?q={word}&topic={topic}&region={region}"
                for word in w.search_words
                for topic, region in [(w.draft_topic.slug_en, w.draft_region.slug)]
            ]
        ),
        params=("q", "type", "year", "topic", "region", "page"),
    ),
    "syndication:release-rss": Surface(RSS),
    "syndication:release-atom": Surface(ATOM),
    "syndication:release-rss-topic": Surface(RSS_TOPIC),
    "syndication:release-atom-topic": Surface(ATOM_TOPIC),
    "syndication:release-rss-region": Surface(RSS_REGION),
    "syndication:release-atom-region": Surface(ATOM_REGION),
    "syndication:event-calendar": Surface(
        lambda w: [url("syndication:event-calendar")]
    ),
    "syndication:event-ics": Surface(
        lambda w: (
            detail_urls("syndication:event-ics", w.events)
            + probe_urls("syndication:event-ics", w.hidden_events)
        )
    ),
    "syndication:contact-vcf": Surface(
        lambda w: (
            [url("syndication:contact-vcf", w.contact.slug)]
            + [url("syndication:contact-vcf", w.internal_contact.slug)]
        )
    ),
    "robots-txt": Surface(lambda w: [url("robots-txt")]),
    "sitemap-index": Surface(lambda w: [url("sitemap-index")]),
    "sitemap-news": Surface(lambda w: [url("sitemap-news")]),
    "sitemap-section": Surface(
        lambda w: [url("sitemap-section", section) for section in SECTIONS],
        params=("p",),
    ),
    "distribution:subscribe": Surface(lambda w: [url("distribution:subscribe")]),
    "api:release-list": Surface(
        api_releases,
        params=(
            "language",
            "topic",
            "region",
            "office",
            "country",
            "updated_since",
            "cursor",
            "limit",
        ),
    ),
    "api:release-detail": Surface(
        lambda w: (
            api_detail_urls("api:release-detail", w.releases, w.hidden_releases)
            + [url("api:release-detail", slug) for slug in w.draft_slugs]
        )
    ),
    "api:event-list": Surface(
        lambda w: [
            url("api:event-list") + query
            for query in (
                "",
                "?upcoming=true",
                "?upcoming=false",
                "?language=es",
                "?updated_since=2000-01-01T00:00:00Z",
            )
        ],
        params=("language", "country", "status", "upcoming", "updated_since"),
    ),
    "api:event-detail": Surface(
        lambda w: api_detail_urls("api:event-detail", w.events, w.hidden_events)
    ),
    "api:contact-list": Surface(lambda w: [url("api:contact-list")], ("language",)),
    "api:topic-list": Surface(lambda w: [url("api:topic-list")], ("language",)),
    "api:organisation": Surface(api_organisation, params=("language", "date")),
    "api:openapi-json": Surface(lambda w: [url("api:openapi-json")]),
    "api:openapi-view": Surface(lambda w: [url("api:openapi-view")]),
    "distribution:subscribe-sent": Surface(
        lambda w: [url("distribution:subscribe-sent")]
    ),
    "distribution:confirm": Surface(lambda w: signed_urls(w, "confirm")),
    "distribution:manage": Surface(lambda w: signed_urls(w, "manage")),
    "distribution:unsubscribe": Surface(lambda w: signed_urls(w, "unsubscribe")),
}

# Public URL names the matrix does not fetch, and why.
EXCLUDED = {
    "set_language": "Django's language switch: a POST that redirects to `next`, "
    "showing no content.",
    "newsroom:release-preview": "staff only, with the model's view permission "
    "(tests/newsroom/test_previews.py).",
    "newsroom:event-preview": "staff only, with the model's view permission "
    "(tests/newsroom/test_previews.py).",
    "newsroom:page-preview": "staff only, with the model's view permission "
    "(tests/newsroom/test_previews.py).",
    "newsroom:release-embargo": "a secret link to one scheduled release, for "
    "journalists before its time (tests/newsroom/test_previews.py).",
    "api:api-root": "Django Ninja's root of /api/v1/: no operation, answers 404.",
}

# Outputs that are not HTTP responses: callables taking the World and returning
# the text they send (a rendered email, a webhook body).
OUTPUTS: list[Callable] = [public_emails, webhook_bodies]
