"""Nothing that is not public reaches a public surface: every public URL of the
registry (tests/security/surfaces.py), in every language, with every non-public
condition in the database, shows none of their sentinel words, in its body or its
headers; and no public URL name escapes the registry."""

import datetime
import re
from unittest import mock
from urllib.parse import parse_qsl

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import translation
from django.utils.feedgenerator import SyndicationFeed

from newsroom.clearance import revisions
from newsroom.clearance.inlines import INLINES
from tests.factories import form_data, parse
from tests.test_urls import named_routes

from . import surfaces
from .conftest import PUBLIC_NOTES, SENTINELS, search_key
from .test_headers import inline_code, policy

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Folded lines of iCalendar and vCard files, undone before looking for words.
FOLD = re.compile(r"\r?\n[ \t]")
# A form's token, new for every visitor (such pages are never cached).
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
# A signed link of the emails (a JSON list, timestamped): made anew each second.
SIGNED_TOKEN = re.compile(rb"Wy[-\w]+\.[-\w]+\.[-\w]+")


def find_leaks(text, sentinels, ignore=()):
    """The sentinels found in `text` (case aside), once the strings of `ignore`
    (what the request itself said) are taken out."""
    text = FOLD.sub("", text).casefold()
    for echoed in ignore:
        text = text.replace(echoed.casefold(), "")
    return sorted(word for word in sentinels if word in text)


def body(response):
    return b"".join(response) if response.streaming else response.content


def fetch(client, url):
    response = client.get(url)
    headers = "\n".join(f"{key}: {value}" for key, value in response.items())
    return response, headers + "\n" + body(response).decode(errors="replace")


@pytest.fixture(scope="class")
def fetched():
    """The answers of every surface, fetched once for the class: the leak matrix
    and the security headers' check read the same ones ({language: answers}),
    and a URL that names no language (the API's, the sitemaps') is the same
    request in every language, fetched once ({"by URL": {URL: answer}})."""
    return {"by URL": {}}


def public_answers(world, lang="en"):
    """{URL: (status, ETag, Last-Modified, body)} of every surface in `lang`,
    fetched anew (a form's token and the signed links left out). A feed with no
    entry dates itself at the time of the request (Django's `latest_post_date()`):
    fixed here, so that two fetches compare."""
    client = Client(raise_request_exception=False)
    with translation.override(lang):
        urls = [
            url for surface in surfaces.SURFACES.values() for url in surface.urls(world)
        ]
    dated = SyndicationFeed.latest_post_date
    empty = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    answers = {}
    with mock.patch.object(
        SyndicationFeed,
        "latest_post_date",
        lambda feed: dated(feed) if feed.items else empty,
    ):
        for url in urls:
            response = client.get(url)
            answers[url] = (
                response.status_code,
                response.get("ETag"),
                response.get("Last-Modified"),
                SIGNED_TOKEN.sub(b"", CSRF_TOKEN.sub(b"", body(response))),
            )
    return answers


def surface_answers(fetched, world, lang):
    """[(URL name, URL, response, headers and body as text)] of every surface of
    the registry in `lang`."""
    if lang not in fetched:
        client = Client(raise_request_exception=False)
        with translation.override(lang):
            urls = [
                (name, url)
                for name, surface in surfaces.SURFACES.items()
                for url in surface.urls(world)
            ]
        by_url = fetched["by URL"]
        for _name, url in urls:
            if url not in by_url:
                by_url[url] = fetch(client, url)
        fetched[lang] = [(name, url, *by_url[url]) for name, url in urls]
    return fetched[lang]


def public_url_names():
    """Every named URL outside the admin, with namespaces."""
    return {
        name
        for name, route in named_routes(get_resolver().url_patterns)
        if not re.match(r"(\^)?admin/", route)
    }


def test_every_public_url_name_is_in_the_registry_or_excluded():
    """A public URL name is fetched by the leak matrix, or excluded with a reason:
    a new surface cannot be forgotten."""
    names = public_url_names()
    missing = names - set(surfaces.SURFACES) - set(surfaces.EXCLUDED)
    assert not missing, f"Add to tests/security/surfaces.py: {sorted(missing)}"
    assert not set(surfaces.SURFACES) & set(surfaces.EXCLUDED)
    assert set(surfaces.SURFACES) | set(surfaces.EXCLUDED) <= names, "stale entries"
    assert all(reason.strip() for reason in surfaces.EXCLUDED.values())


class TestTheWorld:
    """The world, built once for the class."""

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_no_public_surface_shows_anything_unpublished(self, world, fetched, lang):
        """Every surface of the registry in `lang` answers (200 for public URLs; 404,
        or 410 once withdrawn, for a URL made from a non-public item) and shows no
        sentinel, in body or headers: no title, text, slug, name or photo of what is
        not public."""
        sentinels = set(SENTINELS.values())
        gone = world.withdrawn_slugs
        fetched_count, problems = 0, []
        for name, url, response, text in surface_answers(fetched, world, lang):
            status = response.status_code
            fetched_count += 1
            # A path made from a hidden item's slug answers 404 (or 410); a
            # filter's value made from one (a topic only drafts have) is as
            # unknown as any other, and may be echoed, but not named.
            path, _, query = url.partition("?")
            probe = [
                segment for segment in path.split("/") if find_leaks(segment, sentinels)
            ]
            echoed = [value for _key, value in parse_qsl(query)]
            if probe:
                expected = {410} if any(seg in gone for seg in probe) else {404}
            elif any(f"/{slug}/" in url for slug in world.moved_slugs):
                expected = {301}
            else:
                expected = {200}
            if status not in expected:
                problems.append(f"{name} {url}: {status}, expected {sorted(expected)}")
            leaks = find_leaks(text, sentinels, ignore=probe + echoed)
            if leaks:
                problems.append(f"{name} {url} shows {leaks}")
        assert not problems, "\n".join(problems)
        assert fetched_count >= 60

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_every_public_page_has_a_strict_policy_and_no_inline_code(
        self, world, fetched, lang
    ):
        """Every URL of the registry, in `lang` (the answers the matrix read): the
        policy allows scripts and styles from the site only (no 'unsafe-inline'),
        and an HTML page has no inline script, handler or style that it would
        block."""
        problems, pages = [], 0
        for _name, url, response, _text in surface_answers(fetched, world, lang):
            directives = policy(response)
            for directive in ("script-src", "style-src"):
                if directives[directive] != ["'self'"]:
                    problems.append(f"{url}: {directive} {directives[directive]}")
            assert directives["object-src"] == ["'none'"]
            assert directives["frame-ancestors"] == ["'none'"]
            assert "camera=()" in response["Permissions-Policy"]
            assert response["Referrer-Policy"] == "same-origin"
            if response.status_code == 200 and "html" in response["Content-Type"]:
                pages += 1
                problems += [
                    f"{url}: {found}" for found in inline_code(parse(response))
                ]
        assert not problems, "\n".join(problems)
        assert pages >= 20

    def test_search_finds_nothing_unpublished(self, world, fetched):
        """A word that only non-public texts contain (a draft translation's included)
        finds no result; a live item's word finds it (the English answers of the
        matrix, which searches for each)."""
        answers = {
            url: response
            for _name, url, response, _text in surface_answers(fetched, world, "en")
        }
        for sentinel in SENTINELS.values():
            response = answers[f"/en/search/?q={search_key(sentinel)}"]
            assert response.status_code == 200
            assert b'class="card-list"' not in response.content, sentinel
        assert b"livenews" in answers["/en/search/?q=livenews"].content

    def test_photos_of_non_public_items_stay_on_disk_but_unreferenced(
        self, world, client
    ):
        """The draft-only photo's file and renditions exist in storage (their names are
        random; see README) and no public page names them: the matrix above finds
        its sentinel nowhere. Its item's live twin shows its own photo."""
        draft_photo = world.hidden_releases[0].main_photo
        assert draft_photo.image.storage.exists(draft_photo.image.name)
        page = client.get(world.release.get_absolute_url()).content.decode()
        assert (
            world.release.main_photo.image.name.rsplit("/", 1)[-1].split(".")[0] in page
        )
        assert SENTINELS["draft photo"] not in page

    def test_the_parts_of_a_draft_translation_are_served_in_the_original(
        self, world, client
    ):
        """The API serves the document and the video of the release whose French
        version is a draft, in every language with the original's titles, and
        names it among the live release's related ones: the matrix finds their
        French sentinels nowhere because they are left out, not because the
        parts are."""
        partial = world.releases[1]
        for lang in LANGUAGES:
            items = client.get(f"/api/v1/releases?language={lang}").json()["items"]
            [entry] = [
                item["ninjs"]
                for item in items
                if item["ninjs"]["uri"].endswith(f"/{partial.pk}/en")
            ]
            titles = [a.get("title") for a in entry["associations"]]
            assert titles == ["The statement", "The summit"], lang
            # The live release relates every hidden one and this one: only this
            # one is named, in its original.
            release = client.get(
                f"/api/v1/releases/{world.release.field_in('slug', lang)}"
            ).json()
            related = [
                a["headlines"][0]["value"]
                for a in release["associations"]
                if a["name"].startswith("related-")
            ]
            assert related == ["partialnews title en"], lang

    def test_polling_the_api_names_only_what_was_public(self, world, fetched):
        """Asked for what changed since 2000, the API lists the live releases and
        events and a tombstone for each withdrawn or expired one that had been
        public: no draft, scheduled or embargoed item, nor one withdrawn before
        it went live (the matrix finds none of their words, nor any of the
        tombstones' items)."""
        answers = {
            url: response
            for _name, url, response, _text in surface_answers(fetched, world, "en")
        }
        since = "updated_since=2000-01-01T00:00:00Z"
        releases = answers[f"/api/v1/releases?{since}"].json()["items"]
        listed = {
            (entry["ninjs"]["pubstatus"], int(entry["ninjs"]["altids"][0]["value"]))
            for entry in releases
        }
        assert listed == {("usable", release.pk) for release in world.releases} | {
            ("canceled", world.withdrawn_release.pk),
            ("canceled", world.expired_release.pk),
        }
        # A tombstone's only text is the public note of a withdrawn item: an
        # expired one's note (left from an earlier withdrawal) is not public.
        notes = {
            int(entry["ninjs"]["altids"][0]["value"]): entry["ninjs"].get(
                "descriptions"
            )
            for entry in releases
            if entry["ninjs"]["pubstatus"] == "canceled"
        }
        note = PUBLIC_NOTES["withdrawal_note_en"]
        assert notes == {
            world.withdrawn_release.pk: [
                {
                    "role": "withdrawal",
                    "contenttype": "text/html",
                    "value": f'<p lang="en">{note}</p>',
                }
            ],
            world.expired_release.pk: None,
        }
        events = answers[f"/api/v1/events?{since}"].json()["items"]
        assert {(event["pubstatus"], event["id"]) for event in events} == {
            ("usable", event.pk) for event in world.events
        } | {
            ("canceled", world.withdrawn_event.pk),
            ("canceled", world.expired_event.pk),
        }
        tombstones = {e["id"]: e for e in events if e["pubstatus"] == "canceled"}
        withdrawn = tombstones[world.withdrawn_event.pk]
        assert withdrawn["withdrawal_note"] == {"language": "en", "text": note}
        assert tombstones[world.expired_event.pk]["withdrawal_note"] is None

    def test_a_working_copy_changes_no_public_answer(self, world, admin_client):
        """A live release's edit saved through its form (its lead and a new quote,
        waiting in its working copy), then discarded: every surface answers as
        before, byte for byte, the API's version, the ETag and the Last-Modified
        included. A reader learns nothing of a pending edit."""
        release = world.release
        change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
        before = public_answers(world)
        data = form_data(admin_client.get(change))
        data.update(
            {
                "lead_en": "A lead that waits",
                "quotes-TOTAL_FORMS": "1",
                "quotes-0-text_en": "Words that wait",
                "quotes-0-order": "0",
            }
        )
        response = admin_client.post(change, data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        copy = revisions.pending_copy(release)
        assert copy.data["lead_en"] == "A lead that waits"
        assert copy.data[INLINES]["quotes"][0]["text_en"] == "Words that wait"
        assert public_answers(world) == before

        discard = reverse("admin:newsroom_pressrelease_discard", args=[release.pk])
        assert admin_client.post(discard, {"reason": ""}).status_code == 302
        assert revisions.pending_copy(release) is None
        assert public_answers(world) == before

    def test_non_http_outputs_show_nothing_unpublished(self, world):
        """Every registered output (emails, webhook bodies) is free of sentinels."""
        sentinels = set(SENTINELS.values())
        for output in surfaces.OUTPUTS:
            assert find_leaks(output(world), sentinels) == [], output


def test_the_leak_check_finds_a_leak():
    """The check itself: a sentinel in a folded line, in any case, is found; the
    request's own words are not."""
    sentinels = set(SENTINELS.values())
    word = SENTINELS["draft release"]
    folded = f"SUMMARY:{word[:5]}\r\n {word[5:].upper()}"
    assert find_leaks(folded, sentinels) == [word]
    assert find_leaks(f"/en/x/{word}-en/", sentinels, ignore=[f"{word}-en"]) == []
