"""Press releases through the API: ninjs documents valid against IPTC's schema,
one per public language version, the original flagged when a language falls
back, the press kit (documents, videos and related releases as associations),
filters and cursor pagination."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Document, Video
from tests.factories import (
    EVERY_LANGUAGE,
    ago,
    ahead,
    make_office,
    make_region,
    make_release,
    make_topic,
)
from tests.presskit.pdf_files import plain_pdf

from .conftest import ninjs_errors
from .expected import kit_document, plain_document, tombstone

pytestmark = pytest.mark.django_db

LIST = "/api/v1/releases"


def documents(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def headlines(entries):
    return [entry["ninjs"]["headlines"][0]["value"] for entry in entries]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_documents_are_valid_ninjs(client, full_release, lang):
    """Every document, listed or fetched alone, in every language, is valid
    against IPTC's ninjs 2.2 schema."""
    entry = documents(client, f"?language={lang}")[0]
    assert ninjs_errors(entry["ninjs"]) == []
    slug = full_release.field_in("slug", entry["ninjs"]["language"])
    document = client.get(f"{LIST}/{slug}").json()
    assert ninjs_errors(document) == []
    assert document == entry["ninjs"]


def test_a_document_says_what_the_page_says(client, full_release):
    """The French version: its texts, the topic, countries and dateline, the
    quoted person, the public contact only, the event, the photo's renditions with
    its French alt text and credit, and the page in each public language."""
    document = client.get(f"{LIST}/full-fr").json()
    assert document["uri"].endswith(f":press-release/{full_release.pk}/fr")
    assert document["language"] == "fr"
    assert document["pubstatus"] == "usable"
    assert document["headlines"][0]["value"] == "full title fr"
    assert document["bodies"][0]["contenttype"] == "text/html"
    descriptions = {d["role"]: d["value"] for d in document["descriptions"]}
    assert descriptions == {
        "summary": "full lead fr",
        "correction": "The date was wrong.",
    }
    assert document["firstcreated"] < document["versioncreated"]
    assert [s["literal"] for s in document["subjects"]] == ["migration-fr"]
    places = {(p["rel"], p.get("literal"), p["name"]) for p in document["places"]}
    assert ("country", "AT", "Autriche") in places
    assert ("country", "AZ", "Azerbaïdjan") in places
    people = {p["rel"]: p for p in document["people"]}
    assert people["quoted"]["name"] == "Ada Quoted"
    assert people["quoted"]["uri"].endswith("/fr/qui-sommes-nous/personnes/ada-quoted/")
    assert people["mediacontact"]["name"] == "Press Office"
    assert "Hidden Desk" not in str(document)
    assert document["events"][0]["rel"] == "related"
    names = [association["name"] for association in document["associations"]]
    assert names == ["mainpicture", "document-1", "video-1"]
    picture = document["associations"][0]
    assert picture["type"] == "picture"
    assert picture["by"] == "A. Photographer"
    alt = {d["role"]: d["value"] for d in picture["descriptions"]}["alt"]
    assert alt == "Des bateaux dans un port"
    widths = [r["width"] for r in picture["renditions"]]
    assert widths == sorted(widths) and max(widths) <= 900
    assert all(
        r["href"].startswith("http://testserver/media/") for r in picture["renditions"]
    )
    pages = {r["name"]: r["href"] for r in document["renditions"]}
    assert set(pages) == {"html-en", "html-fr"}
    with translation.override("fr"):
        assert pages["html-fr"] == "http://testserver" + full_release.get_absolute_url()


def as_json(data):
    """`data` as the API writes it (times in UTC, to the millisecond)."""
    return json.dumps(data, cls=DjangoJSONEncoder).encode()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_document_is_its_release_to_the_byte(client, press_kit, lang):
    """The document of each public version, every field in its order, as the
    press kit's rows say: what a change in how documents are built must keep."""
    response = client.get(f"{LIST}/full-{lang}")
    assert response.status_code == 200
    expected = kit_document(press_kit, lang, "http://testserver")
    assert ninjs_errors(json.loads(as_json(expected))) == []
    assert response.content == as_json(expected)
    for release in (press_kit.trilingual, press_kit.related):
        for code in ("en", "fr", "es"):
            response = client.get(f"{LIST}/{release.field_in('slug', code)}")
            assert response.content == as_json(
                plain_document(release, code, "http://testserver")
            )


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_page_of_the_list_is_its_releases_to_the_byte(client, press_kit, lang):
    """The list in each language, followed page by page, with the tombstones of
    the withdrawn and the expired release: each document, the `fallback` flags
    and the `next` links, byte for byte."""
    kit, site = press_kit, "http://testserver"
    since = f"{ago(days=30):%Y-%m-%dT%H:%M:%SZ}".replace(":", "%3A")
    query = f"language={lang}&updated_since={since}&limit=3"
    response = client.get(f"{LIST}?{query}")
    cursor = parse_qs(urlsplit(response.json()["next"]).query)["cursor"][0]
    kit_lang = lang if lang != "es" else "en"
    assert response.content == as_json(
        {
            "items": [
                {"fallback": lang == "es", "ninjs": kit_document(kit, kit_lang, site)},
                {
                    "fallback": False,
                    "ninjs": plain_document(kit.trilingual, lang, site),
                },
                {"fallback": False, "ninjs": plain_document(kit.related, lang, site)},
            ],
            "next": f"{site}{LIST}?{query}&cursor={cursor}",
        }
    )
    response = client.get(response.json()["next"])
    withdrawn, expired = kit.withdrawn, kit.expired
    assert response.content == as_json(
        {
            "items": [
                {
                    "fallback": lang != "en",
                    "ninjs": tombstone(
                        withdrawn, "en", withdrawn.publish_at, kit.gone_at
                    ),
                },
                {
                    "fallback": lang != "en",
                    "ninjs": tombstone(expired, "en", expired.publish_at, kit.gone_at),
                },
            ]
        }
    )


def test_the_original_is_flagged_when_a_language_falls_back(client, full_release):
    """Spanish is a draft: asked for Spanish, the list gives the English original
    flagged `fallback`; the draft's slug names nothing."""
    [entry] = documents(client, "?language=es")
    assert entry["fallback"] is True
    assert entry["ninjs"]["language"] == "en"
    [entry] = documents(client, "?language=fr")
    assert entry["fallback"] is False
    assert entry["ninjs"]["language"] == "fr"
    assert client.get(f"{LIST}/full-es").status_code == 404


def test_only_live_releases_are_listed(client):
    """Drafts, scheduled and withdrawn releases are absent; a withdrawn one's
    document answers 410 Gone, a scheduled one's 404."""
    make_release("live")
    make_release("draft", state=PublicationState.DRAFT)
    make_release("scheduled", publish_at=ahead(hours=1))
    make_release("withdrawn", state=PublicationState.WITHDRAWN)
    assert headlines(documents(client)) == ["live title en"]
    assert client.get(f"{LIST}/withdrawn-en").status_code == 410
    assert client.get(f"{LIST}/scheduled-en").status_code == 404
    assert client.get(f"{LIST}/live-en").status_code == 200


def test_filters_narrow_the_list(client):
    """Each filter keeps the releases it names and no other."""
    europe = make_region("europe")
    vienna = make_office("vienna", region=europe)
    geneva = make_office("geneva")
    topic = make_topic("climate")
    make_release("a", issuing_office=vienna, countries=["AT"], topics=[topic])
    make_release("b", issuing_office=geneva, countries=["CH"])
    old = make_release(
        "c", countries=["AZ"], versions=EVERY_LANGUAGE, publish_at=ago(days=30)
    )
    type(old).objects.filter(pk=old.pk).update(updated_at=ago(days=30))
    cases = {
        "?topic=climate-fr": ["a title en"],
        "?region=europe": ["a title en"],
        "?office=geneva": ["b title en"],
        "?country=az": ["c title en"],
        "?topic=nothing": [],
        f"?updated_since={ago(days=2):%Y-%m-%dT%H:%M:%S}": ["a title en", "b title en"],
    }
    for query, expected in cases.items():
        assert headlines(documents(client, query)) == expected, query


@pytest.mark.parametrize(
    "query",
    ["", "?topic=climate-en", "?region=europe", "?office=geneva", "?country=at"]
    # Named without its time: each pytest-xdist worker collects the tests, and
    # two that read the clock a second apart would not agree on their names.
    + [
        pytest.param(
            f"?updated_since={ago(days=2):%Y-%m-%dT%H:%M:%S}",
            id="?updated_since=2 days ago",
        )
    ],
)
def test_a_page_of_the_list_reads_its_rows_only(client, query):
    """The list's query can stop at its page: a SELECT DISTINCT over every
    column of a release made PostgreSQL read and sort every live release of the
    archive (an external sort of 28,000 rows at 30,000 releases) to return 21.
    A release in two matching topics is still listed once."""
    europe = make_region("europe")
    geneva = make_office("geneva", region=europe)
    climate = make_topic("climate")
    other = make_topic("other")
    other.slug_fr = "climate-en"
    other.save()
    make_release("a", issuing_office=geneva, countries=["AT"], topics=[climate, other])
    with CaptureQueriesContext(connection) as queries:
        listed = headlines(documents(client, query))
    assert listed == ["a title en"]
    listings = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT")
        and "LIMIT" in q["sql"]
        and 'FROM "newsroom_pressrelease"' in q["sql"]
    ]
    assert listings
    assert not any("DISTINCT" in sql for sql in listings)
    # The live releases in the order of their index (release_publication_order),
    # not of an expression over them and the tombstones, which PostgreSQL can
    # only sort whole: 229 ms at 30,000 releases for an updated_since years back.
    assert (
        sum(
            'ORDER BY "newsroom_pressrelease"."publish_at" DESC' in sql
            for sql in listings
        )
        == 1
    )


@pytest.mark.parametrize(
    "query",
    [
        "?language=de",
        "?country=Austria",
        "?limit=0",
        "?limit=1000",
        "?cursor=garbage",
        "?cursor=WyJub3QgYSBkYXRlIiwgMV0",
        # ["9999-12-31T23:59:59-14:00", 1] and ["0001-01-01T00:00:00+14:00", 1]:
        # times beyond the calendar in UTC.
        "?cursor=WyI5OTk5LTEyLTMxVDIzOjU5OjU5LTE0OjAwIiwgMV0",
        "?cursor=WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzE0OjAwIiwgMV0",
        "?updated_since=yesterday",
    ],
)
def test_bad_parameters_are_a_400_naming_the_problem(client, query):
    response = client.get(LIST + query)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("address", "name"),
    [
        (LIST + "?limit=1&limit=2", "limit"),
        (LIST + "?language=fr&language=es", "language"),
        ("/api/v1/events?upcoming=true&upcoming=false", "upcoming"),
        ("/api/v1/organisation?date=2019-10-25&date=2023-10-01", "date"),
    ],
)
def test_a_repeated_parameter_is_a_400_naming_it(client, address, name):
    """Two values for one parameter are a mistake to tell, not a choice to make
    silently (the first, the last)."""
    response = client.get(address)
    assert response.status_code == 400
    assert [error["loc"] for error in response.json()["detail"]] == [["query", name]]


@pytest.mark.parametrize(
    ("address", "name"),
    [
        (LIST + "?topics=climate-action", "topics"),
        (LIST + "?language=fr&lang=es", "lang"),
        (LIST + "/some-release?language=fr", "language"),
        ("/api/v1/events?upcoming=true&from=2026-01-01", "from"),
        ("/api/v1/topics?limit=5", "limit"),
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(client, address, name):
    """A misspelt filter would give the whole list as if filtered: it is a 400
    naming it instead."""
    make_release("some-release")
    response = client.get(address)
    assert response.status_code == 400
    assert [error["loc"] for error in response.json()["detail"]] == [["query", name]]


def test_the_cursor_walks_every_release_once(client):
    """Pages of two, followed by `next`, give every live release once, newest
    first, even when one is published between two pages and several share a
    publication time."""
    same_time = ago(hours=5)
    for name in ("a", "b", "c"):
        make_release(name, publish_at=same_time)
    for name in ("d", "e"):
        make_release(name)
    expected = headlines(documents(client, "?limit=100"))
    seen, url = [], f"{LIST}?limit=2"
    while url:
        body = client.get(url).json()
        seen += headlines(body["items"])
        if len(seen) == 2:
            make_release("newer", publish_at=ago(seconds=1))
        url = body.get("next")
    assert seen == expected, (seen, expected)
    assert len(set(seen)) == 5


def test_a_release_in_each_language_is_a_document_of_its_own(client):
    """Each public version has its URI and its document; the version's own slug
    fetches it."""
    release = make_release("multi", versions=EVERY_LANGUAGE)
    uris = {
        lang: client.get(f"{LIST}/multi-{lang}").json()["uri"]
        for lang in ("en", "fr", "es")
    }
    assert len(set(uris.values())) == 3
    assert uris["es"].endswith(f"/{release.pk}/es")


def test_dates_are_utc(client):
    make_release(
        "dated", publish_at=datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC)
    )
    assert (
        client.get(f"{LIST}/dated-en").json()["firstcreated"] == "2024-03-01T09:30:00Z"
    )


def test_an_outdated_translation_stays_public(client):
    make_release("aged", versions={"fr": VersionState.OUTDATED})
    assert client.get(f"{LIST}/aged-fr").json()["language"] == "fr"


@pytest.mark.parametrize("offset", ["%2B19:00", "-23:59", ""])
def test_any_offset_iso_8601_allows_is_read(client, offset):
    """PostgreSQL refuses offsets beyond 15:59, which ISO 8601 allows: the API
    reads them (schemathesis found a 500)."""
    make_release("recent")
    response = client.get(f"{LIST}?updated_since=2000-01-01T00:00:00{offset}")
    assert headlines(response.json()["items"]) == ["recent title en"]


def test_the_press_kit_is_in_the_document(client):
    """The reference number, the quotes in the version's language (the speaker
    named), the notes to editors, the organisation's boilerplate and the people
    mentioned are in the ninjs document, which stays valid; a release that
    switches the boilerplate off has none."""
    from newsroom.models import Quote
    from organisation.models import OrganisationProfile, Person

    OrganisationProfile.objects.create(
        name_en="Agency", boilerplate_en="<p>About the agency.</p>"
    )
    release = make_release(
        "kit",
        versions=EVERY_LANGUAGE,
        notes_to_editors_en="<p>Background en.</p>",
        notes_to_editors_fr="<p>Contexte fr.</p>",
    )
    speaker = Person.objects.create(name="Ana Speaker", slug="ana-speaker")
    Quote.objects.create(
        release=release, person=speaker, text_en="Words en.", text_fr="Mots fr."
    )
    release.people_mentioned.add(
        Person.objects.create(name="Mentioned Person", slug="mentioned")
    )
    document = client.get(f"{LIST}/kit-fr").json()
    assert ninjs_errors(document) == []
    bodies = {body["role"]: body["value"] for body in document["bodies"]}
    assert bodies["quote"] == "“Mots fr.” (Ana Speaker)"
    assert bodies["notes"] == "<p>Contexte fr.</p>"
    assert bodies["boilerplate"] == "<p>About the agency.</p>"
    altids = {altid["role"]: altid["value"] for altid in document["altids"]}
    assert altids["reference"] == release.reference
    assert release.reference.startswith("PR/")
    mentioned = [p["name"] for p in document["people"] if p.get("rel") == "mentioned"]
    assert mentioned == ["Mentioned Person"]
    release.show_boilerplate = False
    release.save()
    document = client.get(f"{LIST}/kit-en").json()
    assert "boilerplate" not in {body["role"] for body in document["bodies"]}


def test_documents_and_videos_are_associations(client, full_release):
    """A PDF is an associated text: its title in the version's language, the
    language it is written in, the file with its type and size; a video is an
    associated video: its title and transcript as the page prints them (the
    original's where the version has none), the allow-listed player and page,
    the b-roll, its poster as a picture."""
    document = client.get(f"{LIST}/full-fr").json()
    associations = {a["name"]: a for a in document["associations"]}
    pdf = associations["document-1"]
    stored = full_release.documents.get()
    assert pdf["type"] == "text"
    assert pdf["uri"].endswith(f":press-release/{full_release.pk}/document/{stored.pk}")
    assert (pdf["title"], pdf["language"]) == ("Rapport annuel", "fr")
    assert pdf["renditions"] == [
        {
            "name": "pdf",
            "href": "http://testserver" + stored.file.url,
            "contenttype": "application/pdf",
            "title": "Rapport annuel",
            "sizeinbytes": stored.size,
        }
    ]
    assert stored.size > 0
    video = associations["video-1"]
    assert video["type"] == "video"
    assert (video["title"], video["language"]) == ("The summit", "en")
    assert video["bodies"] == [
        {
            "role": "transcript",
            "contenttype": "text/plain",
            "value": "Words said at the summit.",
        }
    ]
    links = {r["name"]: r["href"] for r in video["renditions"]}
    assert links == {
        "player": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "page": "https://youtu.be/dQw4w9WgXcQ",
        "broll": "https://media.example.org/broll/summit.zip",
    }
    [poster] = video["associations"]
    assert poster["name"] == "poster" and poster["type"] == "picture"
    alt = {d["role"]: d["value"] for d in poster["descriptions"]}["alt"]
    assert alt == "Des bateaux dans un port"
    assert poster["renditions"][0]["contenttype"] == "image/jpeg"


def test_a_draft_translation_of_a_document_or_video_is_not_served(client):
    """Spanish is a draft: its document title and video texts stay unseen, the
    Spanish request gets the original's; a video whose address is not (or no
    longer) on the allow-list is left out, as on the page."""
    release = make_release("kit", versions={"es": VersionState.DRAFT})
    Document.objects.create(
        release=release,
        file=SimpleUploadedFile("statement.pdf", plain_pdf()),
        title_en="The statement",
        title_es="Borrador del comunicado",
    )
    Video.objects.create(
        release=release,
        url="https://vimeo.com/76979871",
        title_en="The summit",
        title_es="Borrador del vídeo",
        transcript_es="Borrador de la transcripción",
    )
    Video.objects.create(release=release, url="https://dailymotion.com/video/x7tgad0")
    [entry] = documents(client, "?language=es")
    assert entry["fallback"] is True
    assert ninjs_errors(entry["ninjs"]) == []
    associations = entry["ninjs"]["associations"]
    assert [a["name"] for a in associations] == ["document-1", "video-1"]
    assert associations[0]["title"] == "The statement"
    assert associations[1]["title"] == "The summit"
    assert "Borrador" not in str(entry)
    assert "dailymotion" not in str(entry)


def test_documents_and_videos_of_non_public_releases_appear_nowhere(client):
    """A draft's and a scheduled release's PDF and video are in no document."""
    make_release("public")
    for name, fields in (
        ("hidden", {"state": PublicationState.DRAFT}),
        ("later", {"publish_at": ahead(days=1)}),
    ):
        release = make_release(name, **fields)
        Document.objects.create(
            release=release,
            file=SimpleUploadedFile(f"{name}secret.pdf", plain_pdf()),
            title_en=f"{name} secret report",
        )
        Video.objects.create(
            release=release,
            url="https://vimeo.com/76979871",
            title_en=f"{name} secret video",
        )
    text = client.get(LIST).content.decode()
    assert "public title en" in text
    assert "secret" not in text
    assert client.get(f"{LIST}/hidden-en").status_code == 404


def test_related_releases_are_associations(client):
    """The live releases the editor related, latest first, each in its version
    for the document's language (its original where that one is not public);
    a related release that is not live is left out."""
    release = make_release("kit", versions=EVERY_LANGUAGE)
    older = make_release("older", versions=EVERY_LANGUAGE, publish_at=ago(days=10))
    newer = make_release(
        "newer", versions={"fr": VersionState.DRAFT}, publish_at=ago(days=2)
    )
    draft = make_release("unpublished", state=PublicationState.DRAFT)
    release.related_releases.set([older, newer, draft])
    document = client.get(f"{LIST}/kit-fr").json()
    assert ninjs_errors(document) == []
    related = [a for a in document["associations"] if a["type"] == "text"]
    assert [a["name"] for a in related] == ["related-1", "related-2"]
    assert [a["headlines"][0]["value"] for a in related] == [
        "newer title en",
        "older title fr",
    ]
    assert [a["language"] for a in related] == ["en", "fr"]
    assert related[1]["uri"].endswith(f":press-release/{older.pk}/fr")
    with translation.override("fr"):
        assert related[1]["renditions"][0]["href"] == (
            "http://testserver" + older.get_absolute_url()
        )
    assert "unpublished" not in str(document)


@pytest.mark.parametrize(
    "query", ["?office=nowhere", "?region=nowhere", "?topic=nothing-here"]
)
def test_a_filter_that_names_nothing_reads_no_release(client, query):
    """An office, a region or a topic that no row has: the list is empty, and no
    release is read for it (from a subquery that found nothing, PostgreSQL walked
    every live release: 500 ms at 100,000 releases)."""
    make_release("a", issuing_office=make_office("geneva", region=make_region("eu")))
    with CaptureQueriesContext(connection) as queries:
        assert documents(client, query) == []
    assert [q for q in queries if 'FROM "newsroom_pressrelease"' in q["sql"]] == []


def test_the_country_filter_reads_the_codes_index(client):
    """A country is found through the table of codes and its index, not in the
    text of every release's countries, which no index serves (a code no release
    has read the whole archive: 100 ms at 100,000 releases)."""
    make_release("a", countries=["AT", "CH"])
    make_release("b", countries=["CH"])
    with CaptureQueriesContext(connection) as queries:
        assert headlines(documents(client, "?country=at")) == ["a title en"]
    (listing,) = [
        q["sql"]
        for q in queries
        if "LIMIT" in q["sql"] and q["sql"].startswith('SELECT "newsroom_pressrelease"')
    ]
    assert "newsroom_releasecountry" in listing
    assert "LIKE" not in listing


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statistics only"
)
def test_the_planner_counts_every_country_code():
    """PostgreSQL keeps the frequency of every one of ISO 3166's 249 codes, so
    that it knows a code few releases have, or none, is rare (newsroom.0019)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attname = 'country' "
            "AND attrelid = 'newsroom_releasecountry'::regclass"
        )
        assert cursor.fetchone()[0] >= 249
