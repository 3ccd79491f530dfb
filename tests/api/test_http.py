"""The API as HTTP: its schema and documentation page, conditional requests,
read-only CORS, the rate limit, and a fixed number of queries per request."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from newsroom.images.renditions import image_set
from newsroom.models import Document, Photo, Quote, Video
from tests.factories import (
    EVERY_LANGUAGE,
    READY,
    ahead,
    make_contact,
    make_event,
    make_person,
    make_release,
    make_topic,
)
from tests.newsroom.test_queries import (
    grow_contacts,
    grow_event_details,
    grow_events,
    grow_release_details,
    grow_releases,
)
from tests.photos.conftest import upload
from tests.photos.image_files import plain_jpeg
from tests.presskit.pdf_files import plain_pdf

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]


def test_the_schema_is_openapi_3_1_at_a_stable_url(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    assert {
        "/api/v1/releases",
        "/api/v1/releases/{slug}",
        "/api/v1/events",
        "/api/v1/events/{slug}",
        "/api/v1/contacts",
        "/api/v1/topics",
        "/api/v1/organisation",
    } <= set(schema["paths"])


def test_the_documentation_page_asks_no_other_site(client):
    """The docs page loads its scripts and styles from our static files: no
    address of another host, and each asset exists."""
    page = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets
    assert not [asset for asset in assets if "//" in asset]
    for asset in assets:
        assert asset.startswith("/static/")
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "/api/v1/openapi.json" in page


def test_a_document_answers_304_to_its_etag_and_is_undated(client):
    """Its ETag gets 304; it has no Last-Modified (its release's dates miss
    changes of what else it prints: test_revalidation), so a date sent alone
    gets the document."""
    make_release("cached")
    response = client.get("/api/v1/releases/cached-en")
    assert response["Cache-Control"] == "public, no-cache"
    assert not response.has_header("Last-Modified")
    again = client.get(
        "/api/v1/releases/cached-en", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/api/v1/releases/cached-en", HTTP_IF_MODIFIED_SINCE=http_date())
    assert since.status_code == 200
    assert since.content == response.content


def test_a_list_answers_304_until_it_changes(client):
    make_release("first")
    etag = client.get("/api/v1/releases")["ETag"]
    assert client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=etag).status_code == 304
    make_release("second")
    assert client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_compressed_response_keeps_its_etag(client):
    """A client that accepts gzip (most HTTP libraries do) gets the same ETag on
    each request while nothing changes, and a 304 when it sends it back: the
    ETag names the content, not the random bytes of one compression."""
    for number in range(3):
        make_release(f"zipped-{number}")
    gzip = {"Accept-Encoding": "gzip"}
    first = client.get("/api/v1/releases", headers=gzip)
    assert first["Content-Encoding"] == "gzip"
    assert client.get("/api/v1/releases", headers=gzip)["ETag"] == first["ETag"]
    again = client.get(
        "/api/v1/releases", headers={**gzip, "If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/releases",
        "/api/v1/releases/head-en",
        "/api/v1/events",
        "/api/v1/contacts",
        "/api/v1/topics",
        "/api/v1/organisation",
        "/api/v1/openapi.json",
    ],
)
def test_head_answers_as_get_without_a_body(client, address):
    """HEAD gets the GET's status and headers and no body (RFC 9110), as a link
    checker or a monitor asks; another method gets a JSON 405 naming both."""
    make_release("head")
    got = client.get(address)
    head = client.head(address)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    for header in ("Content-Type", "Cache-Control", "Last-Modified", "ETag"):
        assert head.get(header) == got.get(header), header
    refused = client.delete(address)
    assert refused.status_code == 405
    assert refused["Content-Type"] == "application/json; charset=utf-8"
    assert set(re.split(r",\s*", refused["Allow"])) == {"GET", "HEAD"}
    assert refused.json()["detail"]


@pytest.mark.parametrize(
    "address", ["/api/v1/release", "/api/v1/releases/", "/api/v1/releases/a/b"]
)
def test_an_unknown_address_is_a_json_404(client, address):
    """A mistyped operation answers as the API does, in JSON, not with the
    site's HTML page."""
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]


def test_content_language_names_the_language_of_the_body(client):
    """The API does not negotiate: Content-Language says the languages the
    documents are in, not the one the client's Accept-Language asked for."""
    make_release("spoken", versions={"fr": READY})
    spanish = {"Accept-Language": "es"}
    cases = {
        "/api/v1/releases": "en",
        "/api/v1/releases?language=fr": "fr",
        "/api/v1/releases?language=es": "en",
        "/api/v1/releases/spoken-fr": "fr",
        "/api/v1/topics?language=fr": "fr",
        "/api/v1/topics": "en",
    }
    for address, expected in cases.items():
        response = client.get(address, headers=spanish)
        assert response["Content-Language"] == expected, address


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/releases",
        "/api/v1/releases/shared",
        "/api/v1/topics",
        "/api/v1/openapi.json",
        "/api/v1/nothing",
    ],
)
def test_no_answer_varies_with_accept_language(client, address):
    """The language of a document comes from its address only: every answer
    is the same whatever Accept-Language asks, and says no `Vary:
    Accept-Language`, which would split every cache's copies for nothing. A
    slug that two releases have, each in another language, names the one whose
    slug it is in the site's language first."""
    english = make_release("first")
    english.slug_en = "shared"
    english.save()
    french = make_release("second", versions={"fr": READY})
    french.slug_fr = "shared"
    french.save()
    answers = [
        client.get(address, headers={"Accept-Language": lang}) for lang in LANGUAGES
    ]
    for response in answers:
        assert "accept-language" not in response.get("Vary", "").lower(), address
        assert response.content == answers[0].content
    if address.endswith("/shared"):
        assert answers[0].json()["altids"][0]["value"] == str(english.pk)


def test_any_origin_may_read_and_nothing_else(client):
    """CORS: any origin reads without credentials; the preflight offers only
    reading methods; writing is refused."""
    response = client.get("/api/v1/topics", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/releases",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    methods = preflight["Access-Control-Allow-Methods"]
    assert "GET" in methods and "POST" not in methods
    assert client.post("/api/v1/releases").status_code == 405
    page = client.get("/en/", HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in page


def test_a_client_past_its_limit_gets_429_with_retry_after(client, settings):
    """Three requests a minute: the fourth gets 429 and the seconds to wait;
    another client is not held back."""
    settings.NEWSROOM_API_RATE_LIMIT = "3/m"
    address = {"REMOTE_ADDR": "192.0.2.7"}
    statuses = [client.get("/api/v1/topics", **address).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = client.get("/api/v1/topics", **address)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/topics", REMOTE_ADDR="192.0.2.8").status_code == 200


def test_a_forwarded_address_does_not_escape_the_limit(client, settings):
    """Without a proxy, X-Forwarded-For is the client's own words: ignored."""
    settings.NEWSROOM_API_RATE_LIMIT = "1/m"
    address = {"REMOTE_ADDR": "192.0.2.9"}
    assert client.get("/api/v1/topics", **address).status_code == 200
    spoofed = client.get("/api/v1/topics", HTTP_X_FORWARDED_FOR="10.9.9.9", **address)
    assert spoofed.status_code == 429


def test_behind_a_proxy_each_client_has_its_own_limit(client, settings):
    """Behind the proxy, the client is the address the proxy added last: two
    visitors through one proxy have a limit each, and a made-up entry before
    the proxy's does not reset it."""
    settings.NEWSROOM_BEHIND_PROXY = True
    settings.NEWSROOM_API_RATE_LIMIT = "1/m"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.get("/api/v1/topics", HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    assert first.status_code == 200
    spoofed = client.get(
        "/api/v1/topics", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1", **proxy
    )
    assert spoofed.status_code == 429
    other = client.get("/api/v1/topics", HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy)
    assert other.status_code == 200


def test_events_carry_their_time_zone_and_status(client):
    event = make_event("summit", status="postponed")
    document = client.get("/api/v1/events/summit-en").json()
    assert document["time_zone"] == "Asia/Baku"
    assert document["start"].endswith("+04:00")
    assert document["status"] == "postponed"
    assert document["uri"].endswith(f":event/{event.pk}/en")
    fallback = client.get("/api/v1/events?language=fr").json()["items"][0]
    assert fallback["fallback"] is True and fallback["language"] == "en"


@pytest.mark.parametrize(
    ("query", "order"),
    [
        ("?upcoming=true&", [4, 5, 6]),
        ("?upcoming=false&", [3, 2, 1]),
        ("?", [6, 5, 4, 3, 2, 1]),
    ],
)
def test_the_cursor_walks_every_event_once_and_then_stops(client, query, order):
    """Pages of one, followed by `next`, give each event once in the order the
    operation promises (upcoming soonest first, past and all latest first), and
    the last page has no `next`, as for releases."""
    events = [make_event(f"e{days}", start=ahead(days=days)) for days in range(-3, 3)]
    url, seen = f"/api/v1/events{query}limit=1", []
    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        assert "next" not in body or body["next"]
        url = body.get("next")
    assert seen == [events[number - 1].pk for number in order]


def test_only_public_contacts_are_listed(client):
    make_contact("press desk")
    make_contact("internal desk", is_public=False)
    names = [c["name"] for c in client.get("/api/v1/contacts").json()]
    assert names == ["Press Desk"]


def grow_press_kits(size):
    """`size` more releases in every language with all a document shows: a main
    photo with its renditions, topics, countries, an office, a contact, people
    quoted and mentioned, quotes, a document, a video with a poster, a related
    release and event."""
    photo = Photo.objects.first()
    if photo is None:
        photo = Photo.objects.create(
            image=upload("kit.jpg", plain_jpeg()), alt_text_en="A photo"
        )
        image_set(photo.image, make=True)
    event = make_event()
    for _index in range(size):
        release = make_release(
            versions=EVERY_LANGUAGE,
            topics=[make_topic()],
            contacts=[make_contact()],
            countries=["AT"],
            main_photo=photo,
            related_event=event,
        )
        person = make_person(f"Person {release.pk}", f"person-{release.pk}")
        release.people_quoted.add(person)
        release.people_mentioned.add(person)
        release.related_releases.add(make_release(versions=EVERY_LANGUAGE))
        Quote.objects.create(release=release, person=person, text_en="Words.")
        Document.objects.create(
            release=release,
            file=SimpleUploadedFile("kit.pdf", plain_pdf()),
            title_en="Report",
        )
        Video.objects.create(
            release=release, url="https://vimeo.com/76979871", poster=photo
        )


QUERIES = {
    "release list": ("/api/v1/releases?language=fr", grow_releases, None),
    "press kits in the release list": (
        "/api/v1/releases?language=es&limit=100",
        grow_press_kits,
        None,
    ),
    "press kits changed since": (
        "/api/v1/releases?updated_since=2000-01-01T00:00:00Z&limit=100",
        grow_press_kits,
        None,
    ),
    "events changed since": (
        "/api/v1/events?updated_since=2000-01-01T00:00:00Z&limit=100",
        grow_events,
        None,
    ),
    "release document": (
        "/api/v1/releases/subject-en",
        grow_release_details,
        lambda: make_release("subject"),
    ),
    "event list": ("/api/v1/events", grow_events, None),
    "event document": (
        "/api/v1/events/subject-en",
        grow_event_details,
        lambda: make_event("subject"),
    ),
    "contacts": ("/api/v1/contacts", grow_contacts, None),
    "organisation": ("/api/v1/organisation", grow_contacts, None),
}


@pytest.mark.parametrize("address, grow, setup", QUERIES.values(), ids=QUERIES)
def test_query_count_does_not_grow(client, address, grow, setup):
    """The same number of queries at 3 and at 30 rows."""
    if setup:
        setup()
    counts = []
    for size in (3, 27):
        grow(size)
        with CaptureQueriesContext(connection) as context:
            response = client.get(address)
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
