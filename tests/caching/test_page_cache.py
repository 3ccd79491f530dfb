"""The page cache: anonymous pages are built once, every change of content shows on
the next request, a scheduled release appears at its time with no job, and nobody
who may see more than the public ever gets or fills a cached page."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.caching.generation import GENERATION_KEY, remember
from newsroom.caching.middleware import RecentPages, StoredPage
from newsroom.core.publication import PublicationState, VersionState
from newsroom.resilience.watch import watches
from organisation.models import OrganisationProfile
from tests.factories import ahead, make_office, make_page, make_release, parse
from tests.ports import free_ports, redis_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LIST = "/en/press-releases/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a save does when its transaction commits (the invalidation)."""

    def save(item, **fields):
        for name, value in fields.items():
            setattr(item, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            item.save()

    return save


@pytest.fixture
def move_clock(monkeypatch):
    """move_clock(moment): the site's clock (`timezone.now`, which the cache's
    expiry and the publication rules read) shows `moment` plus the real time
    since, without waiting for it."""
    real_now = timezone.now

    def move(moment):
        offset = moment - real_now()
        monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)

    return move


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.get("X-Cache")


def test_a_second_visitor_gets_the_stored_page(client):
    """The first request builds the page, the second reads it with no query, with
    the same content and the headers a CDN needs."""
    make_release("cached")
    first, state = fetch(client, LIST)
    assert state == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, state = fetch(client, LIST)
    assert state == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert "public" in control
    assert "stale-while-revalidate=30" in control
    assert "max-age=60" in control
    assert "s-maxage=300" in control or any(
        part.startswith("s-maxage=") and int(part.split("=")[1]) <= 300
        for part in control
    )
    assert second["ETag"] == first["ETag"]


def test_pages_are_stored_with_the_second_factor_on(client, settings):
    """Production asks staff for a second factor: checking for it must not open an
    anonymous visitor's session, which would make every page vary on cookies."""
    settings.NEWSROOM_STAFF_2FA = True
    release = make_release("twofactor")
    for url in (LIST, release.get_absolute_url()):
        first, state = fetch(client, url)
        assert state == "miss"
        assert "cookie" not in first["Vary"].lower()
        assert fetch(client, url)[1] == "hit"


def test_an_unchanged_page_answers_304(client):
    """A browser or CDN that has the page gets 304 Not Modified, by ETag and by
    date."""
    make_release("conditional")
    first = client.get(LIST)
    assert client.get(LIST, headers={"if-none-match": first["ETag"]}).status_code == 304
    since = first["Last-Modified"]
    assert client.get(LIST, headers={"if-modified-since": since}).status_code == 304


def test_a_scheduled_release_appears_at_its_time_with_a_warm_cache(client, move_clock):
    """A release scheduled a minute ahead: the cached list says it keeps the
    page no longer than that, and the list shows it once the time has come."""
    make_release("already")
    publish_at = ahead(seconds=60)
    make_release("soon", publish_at=publish_at)
    response, state = fetch(client, LIST)
    assert state == "miss"
    assert b"soon title en" not in response.content
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 60
    assert fetch(client, LIST)[1] == "hit"
    move_clock(publish_at - datetime.timedelta(seconds=5))
    assert fetch(client, LIST)[1] == "hit"
    move_clock(publish_at + datetime.timedelta(seconds=0.5))
    response, state = fetch(client, LIST)
    assert state == "miss"
    assert b"soon title en" in response.content


def test_an_edit_shows_on_the_next_request(client, commit):
    release = make_release("edited")
    url = release.get_absolute_url()
    fetch(client, url)
    assert fetch(client, url)[1] == "hit"
    commit(release, title_en="Corrected headline")
    response, state = fetch(client, url)
    assert state == "miss"
    assert b"Corrected headline" in response.content
    assert b"Corrected headline" in fetch(client, LIST)[0].content


def test_a_withdrawal_shows_on_the_next_request(client, commit):
    release = make_release("withdrawn")
    url = release.get_absolute_url()
    assert fetch(client, url)[0].status_code == 200
    assert b"withdrawn title en" in fetch(client, LIST)[0].content
    commit(release, state=PublicationState.WITHDRAWN)
    assert client.get(url).status_code == 410
    assert b"withdrawn title en" not in fetch(client, LIST)[0].content


def test_a_language_marked_ready_shows_on_the_next_request(client, commit):
    release = make_release("translated", versions={"fr": VersionState.DRAFT})
    with translation.override("fr"):
        french_list = reverse("newsroom:release-list")
    assert b"translated title fr" not in fetch(client, french_list)[0].content
    commit(release, version_state_fr=VersionState.READY)
    assert b"translated title fr" in fetch(client, french_list)[0].content


def test_an_organisation_change_shows_on_the_next_request(client, commit):
    office = make_office("lisbon")
    offices = reverse("organisation:office-list")
    assert b"lisbon office" in fetch(client, offices)[0].content
    assert fetch(client, offices)[1] == "hit"
    commit(office, name_en="Porto office")
    response, state = fetch(client, offices)
    assert state == "miss"
    assert b"Porto office" in response.content


def test_a_prepared_server_serves_no_page_stored_before(client, settings, tmp_path):
    """A release restarts the servers, each preparing first (`make serve`): a page
    the previous code built, or built from the rows before a restore, is not
    served again, by this server or any other sharing the cache."""
    settings.STATIC_ROOT = tmp_path
    make_release("deployed")
    fetch(client, LIST)
    assert fetch(client, LIST)[1] == "hit"
    call_command("prepare_to_serve", verbosity=0)
    assert fetch(client, LIST)[1] == "miss"


def test_a_server_of_another_build_serves_nothing_this_one_stored(client, monkeypatch):
    """During a release the servers of two builds answer side by side (`make
    reload` replaces the workers one at a time, machines restart in turn): none
    serves a page, or reads a value, that a server of the other build stored."""
    make_release("built")
    fetch(client, LIST)
    assert fetch(client, LIST)[1] == "hit"
    calls = []

    def compute():
        calls.append(None)
        return len(calls)

    assert [remember("built-value", compute) for _ in "ab"] == [1, 1]
    monkeypatch.setattr("newsroom.caching.middleware.build", lambda: "other")
    monkeypatch.setattr("newsroom.caching.generation.build", lambda: "other")
    assert fetch(client, LIST)[1] == "miss"
    assert fetch(client, LIST)[1] == "hit"
    assert remember("built-value", compute) == 2


SUBSCRIBE = "/en/email-alerts/"


def test_the_site_frame_is_read_once_per_generation(client, commit):
    """Pages that are never stored (a form with its CSRF cookie) share the frame:
    the organisation and the menu are read once, and a change of either shows on
    the next request."""
    profile = OrganisationProfile.objects.create(name_en="Frame Org", acronym="FO")
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    assert response.get("X-Cache") is None
    assert b"Frame Org" in response.content
    with CaptureQueriesContext(connection) as queries:
        client.get(SUBSCRIBE)
    assert not [q for q in queries if "organisation_organisationprofile" in q["sql"]]
    commit(profile, name_en="Renamed Org")
    assert b"Renamed Org" in client.get(SUBSCRIBE).content
    page = make_page("framemenu", nav_order=1)
    commit(page, title_en="Menu entry")
    assert b"Menu entry" in client.get(SUBSCRIBE).content


def test_shared_values_can_be_remembered_with_the_page_cache_off(settings):
    """NEWSROOM_REMEMBER_SECONDS keeps remember() on without the page cache (the
    suite's settings); None follows the page cache, 0 computes every time."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    for seconds, expected in ((300, [1, 1]), (None, [1, 2]), (0, [1, 2])):
        settings.NEWSROOM_REMEMBER_SECONDS = seconds
        calls = []

        def compute(calls=calls):
            calls.append(None)
            return len(calls)

        assert [remember(f"count-{seconds}", compute) for _ in "ab"] == expected


def footer_text(client, url):
    return parse(client.get(url)).xpath("string(//footer[@class='site-footer'])")


def test_the_menu_and_footer_are_each_languages_and_follow_every_change(client, commit):
    """The menu and the footer, rendered once per language and generation, are
    in each visitor's language, and an organisation change or a new legal page
    shows in them on the next request."""
    profile = OrganisationProfile.objects.create(
        name_en="Footer Org", name_fr="Org du pied", acronym="FO"
    )
    with translation.override("fr"):
        french = reverse("distribution:subscribe")
    assert "Footer Org" in footer_text(client, SUBSCRIBE)
    assert "Footer Org" in footer_text(client, SUBSCRIBE)
    footer = footer_text(client, french)
    assert "Org du pied" in footer
    assert "Communiqués de presse" in footer
    menu = parse(client.get(french)).xpath(
        "string(//nav[contains(@class, 'main-nav')])"
    )
    assert "Communiqués de presse" in menu
    commit(profile, name_en="Renamed Footer Org")
    assert "Renamed Footer Org" in footer_text(client, SUBSCRIBE)
    assert "Org du pied" in footer_text(client, french)
    page = make_page("legalnotice", legal_order=1)
    commit(page, title_en="Legal notice")
    assert "Legal notice" in footer_text(client, SUBSCRIBE)


def test_a_scheduled_menu_page_appears_at_its_time_on_uncached_pages(
    client, move_clock
):
    """The remembered menu is never kept past the next publication."""
    make_release("already")
    publish_at = ahead(seconds=60)
    make_page("soonmenu", nav_order=1, publish_at=publish_at)
    assert b"soonmenu title en" not in client.get(SUBSCRIBE).content
    move_clock(publish_at - datetime.timedelta(seconds=5))
    assert b"soonmenu title en" not in client.get(SUBSCRIBE).content
    move_clock(publish_at + datetime.timedelta(seconds=0.5))
    assert b"soonmenu title en" in client.get(SUBSCRIBE).content


def test_staff_never_get_or_fill_a_cached_page(client):
    """A signed-in editor's requests neither read nor store pages: the next
    anonymous visitor still builds their own."""
    make_release("staff")
    user = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    for _ in range(2):
        assert client.get(LIST).get("X-Cache") is None
    client.logout()
    client.cookies.clear()
    assert fetch(client, LIST)[1] == "miss"


def test_previews_and_embargo_links_are_never_cached(client, admin_client):
    """The private pages of one reader say so, and are never stored."""
    release = make_release("secret", publish_at=ahead(days=1))
    embargo = reverse("newsroom:release-embargo", args=[release.embargo_token])
    preview = reverse("newsroom:release-preview", args=[release.pk])
    for page_client, url in ((client, embargo), (admin_client, preview)):
        for _ in range(2):
            response = page_client.get(url)
            assert response.status_code == 200
            assert response.get("X-Cache") is None
            assert "private" in response["Cache-Control"]


def test_responses_that_set_a_cookie_are_never_cached(client):
    """The subscription form sets the CSRF cookie: each visitor gets their own."""
    url = reverse("distribution:subscribe")
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Cache") is None


def test_timeout_never_outlives_the_next_publication(client):
    """A release scheduled in a minute cuts the page's time to that minute."""
    make_release("later", publish_at=timezone.now() + timezone.timedelta(minutes=1))
    response, _state = fetch(client, "/en/")
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 50 <= s_maxage <= 60


def test_timeout_never_outlives_the_next_expiry(client):
    """A live release that expires in a minute cuts the page's time to that
    minute, and is gone from the list once it has expired."""
    make_release("expiring", expires_at=timezone.now() + timezone.timedelta(minutes=1))
    response, _state = fetch(client, LIST)
    assert b"expiring title en" in response.content
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 50 <= s_maxage <= 60


def test_addresses_without_a_language_prefix_are_kept_per_language(client):
    """robots.txt and the sitemaps take their language from Accept-Language, as
    their Vary header says: each language gets its own copy."""
    for lang in ("fr", "es", "fr"):
        response = client.get("/sitemap.xml", headers={"accept-language": lang})
        assert response["Content-Language"] == lang
        assert "Accept-Language" in response["Vary"]


def wsgi_get(path, **environ):
    """A GET through the project's WSGI entry point: (status, headers, body)."""
    from django.core.handlers.wsgi import WSGIHandler

    from newsroom.caching.wsgi import PageCacheApplication

    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        **environ,
    }
    # As Django's test client does: the test's connection outlives the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = PageCacheApplication(WSGIHandler())(environ, start_response)
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content


def test_the_entry_point_answers_hits_before_django(client, commit):
    """The WSGI entry point serves the page the middleware stored, with its
    headers, without a query; a save sends the next request to Django again, and
    so does a visitor with a session."""
    release = make_release("entry")
    stored = client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        status, headers, content = wsgi_get(LIST)
    assert (status, headers["X-Cache"], len(queries)) == ("200 OK", "hit", 0)
    assert content == stored.content
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["ETag"] == stored["ETag"]
    status, headers, _content = wsgi_get(LIST, HTTP_COOKIE="sessionid=abc")
    assert headers.get("X-Cache") is None
    commit(release, title_en="Saved since")
    status, headers, content = wsgi_get(LIST)
    assert headers["X-Cache"] == "miss"
    assert b"Saved since" in content


def test_the_entry_point_answers_addresses_without_a_prefix_per_language(client):
    """robots.txt and the sitemaps are served before Django too, each visitor the
    copy of the language their Accept-Language asks for, its headers (the
    character set named) as stored; a language cookie, which
    LocaleMiddleware reads first, sends the request to Django."""
    make_release("sitemapped")
    for lang in ("fr", "es"):
        client.get("/sitemap.xml", headers={"accept-language": lang})
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    try:
        for lang in ("fr", "es"):
            with CaptureQueriesContext(connection) as queries:
                _status, headers, _content = wsgi_get(
                    "/sitemap.xml", HTTP_ACCEPT_LANGUAGE=f"{lang},en;q=0.5"
                )
            assert (headers["X-Cache"], headers["Content-Language"]) == ("hit", lang)
            assert headers["Content-Type"] == "application/xml; charset=utf-8"
            assert (len(queries), started) == (0, [])
        _status, headers, _content = wsgi_get(
            "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="fr", HTTP_COOKIE="django_language=es"
        )
        assert headers["Content-Language"] == "es"
        assert started == [1]
    finally:
        request_started.disconnect(count)


def test_compressed_and_plain_copies_are_kept_apart(client):
    """A page first stored for a browser that reads gzip is never served
    compressed to a client that cannot, by the middleware or the entry point,
    and the other way round."""
    make_release("encoding")
    zipped, state = fetch(client, LIST, accept_encoding="gzip, br")
    assert (state, zipped["Content-Encoding"]) == ("miss", "gzip")
    plain, state = fetch(client, LIST)
    assert state == "miss"
    assert not plain.has_header("Content-Encoding")
    assert plain.content.lstrip().startswith(b"<!DOCTYPE html>")
    _status, headers, content = wsgi_get(LIST)
    assert (headers["X-Cache"], content) == ("hit", plain.content)
    _status, headers, content = wsgi_get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert (headers["X-Cache"], headers["Content-Encoding"]) == ("hit", "gzip")
    assert content == zipped.content


def test_a_hit_reads_only_the_generation_from_the_shared_cache(
    client, page_cache, monkeypatch
):
    """A process that served a page keeps a copy: its next hits, GET and HEAD,
    read the generation and nothing else of the shared cache, and send the same
    page with its Cache-Control counted down."""
    make_release("copied")
    client.get(LIST)
    stored = client.get(LIST)
    assert stored["X-Cache"] == "hit"
    read = []
    shared_get = page_cache.get

    def get(key, *args, **kwargs):
        read.append(key)
        return shared_get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "get", get)
    status, headers, content = wsgi_get(LIST)
    assert (status, headers["X-Cache"], content) == ("200 OK", "hit", stored.content)
    assert headers["Content-Length"] == str(len(stored.content))
    assert "public, max-age=60, s-maxage=" in headers["Cache-Control"]
    status, headers, content = wsgi_get(LIST, REQUEST_METHOD="HEAD")
    assert (status, headers["X-Cache"], content) == ("200 OK", "hit", b"")
    assert read == ["generation", "generation"]


def test_an_expiry_brought_forward_cuts_every_copy(client, commit, move_clock):
    """An editor moves a live release's expiry closer after its list was stored
    and copied: the next request builds the list again, kept no longer than the
    new expiry, and the release is gone from it once that time has come."""
    release = make_release("expiring", expires_at=ahead(hours=1))
    client.get(LIST)
    assert wsgi_get(LIST)[1]["X-Cache"] == "hit"
    expires_at = ahead(seconds=60)
    commit(release, expires_at=expires_at)
    _status, headers, content = wsgi_get(LIST)
    assert (headers["X-Cache"], b"expiring title en" in content) == ("miss", True)
    s_maxage = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 60
    assert wsgi_get(LIST)[1]["X-Cache"] == "hit"
    move_clock(expires_at + datetime.timedelta(seconds=0.5))
    _status, headers, content = wsgi_get(LIST)
    assert (headers["X-Cache"], b"expiring title en" in content) == ("miss", False)


def test_each_process_keeps_a_bounded_copy_of_one_generation():
    """The copies a process keeps fit in their budget, the least recently served
    going first, and a newer generation drops all of the older one."""
    copies = RecentPages(max_bytes=10)

    def page(generation, size):
        return StoredPage(generation, ahead(minutes=5), [], "", b"x" * size)

    assert copies.get("a", "one") is None
    copies.add("a", page("one", 4))
    copies.add("b", page("one", 4))
    assert copies.get("a", "one") is not None
    copies.add("c", page("one", 4))
    assert [key for key in "abc" if copies.get(key, "one")] == ["a", "c"]
    copies.add("old", page("zero", 1))
    assert copies.get("old", "one") is None
    assert copies.get("a", "two") is None
    assert copies.get("c", "two") is None


def test_pages_are_built_while_the_cache_is_down(client, settings):
    """With the page cache in a Redis that refuses connections, the entry point
    and the middleware build every page, copy or no copy in the process: a 200
    each time, never a stored page, never a 500."""
    make_release("outage")
    client.get(LIST)
    assert client.get(LIST)["X-Cache"] == "hit"
    (port,) = free_ports(1)
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "newsroom.resilience.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/1",
        },
    }
    for _ in range(2):
        response = client.get(LIST)
        assert (response.status_code, response.get("X-Cache")) == (200, None)
        status, headers, content = wsgi_get(LIST)
        assert (status, headers.get("X-Cache")) == ("200 OK", None)
        assert b"outage title en" in content


def test_a_withdrawal_made_while_the_cache_was_down_shows_once_it_is_back(
    client, settings, commit
):
    """The cache is unreachable when an editor withdraws a release, so the
    invalidation is lost; when the cache answers again it still holds the list
    stored before, which must not come back with it."""
    release = make_release("withdrawn-in-outage")
    client.get(LIST)
    assert client.get(LIST)["X-Cache"] == "hit"
    reachable = settings.CACHES
    (port,) = free_ports(1)
    settings.CACHES = {
        **reachable,
        "pages": {
            "BACKEND": "newsroom.resilience.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/1",
        },
    }
    commit(release, state=PublicationState.WITHDRAWN)
    settings.CACHES = reachable
    for get in (lambda: wsgi_get(LIST)[2], lambda: client.get(LIST).content):
        assert b"withdrawn-in-outage title en" not in get()
    assert client.get(LIST)["X-Cache"] == "hit"


def test_hits_read_nothing_from_redis_until_a_save(settings, commit, monkeypatch):
    """With the page cache in Redis, the process keeps the generation and Redis
    tells it of a change: hits make no round trip, and a save still shows on the
    very next request. (How long pings vouch for the copy is
    tests/resilience/test_watch.py's subject: here the window is wide, so that a
    busy machine stalling this process does not end it.)"""
    location = redis_url(2)
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "newsroom.resilience.cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    cache = caches["pages"]
    if cache.get_watched("any") is None and not cache.add("probe", 1):
        pytest.skip(f"No Redis at {location}.")
    cache.clear()
    release = make_release("watched")
    assert wsgi_get(LIST)[1]["X-Cache"] == "miss"
    # The first hit reads the generation the miss made.
    assert wsgi_get(LIST)[1]["X-Cache"] == "hit"
    watch = watches[(location, cache.make_key(GENERATION_KEY))]
    monkeypatch.setattr(watch, "trusted_for", 60)
    round_trips = watch.round_trips
    for _ in range(20):
        assert wsgi_get(LIST)[1]["X-Cache"] == "hit"
    assert watch.round_trips == round_trips
    commit(release, title_en="Renamed while cached")
    _status, headers, content = wsgi_get(LIST)
    assert (headers["X-Cache"], b"Renamed while cached" in content) == ("miss", True)
    assert watch.round_trips == round_trips + 1
    cache.clear()
