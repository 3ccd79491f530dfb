"""Shared fixtures: an isolated media folder per test and a real Chromium for the
end-to-end tests (skipped with a reason on a machine without one, failed under CI).

Rows that many tests read (the demo) are built once per class with
`tests.factories.shared_rows`; a class whose rows have files names their folder
`shared_media`."""

import itertools
import os
import shutil
import sqlite3
import threading

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from django.utils import translation

from tests.chromium import CHROMIUM_FLAGS, find_chromium


def pytest_addoption(parser):
    parser.addoption(
        "--update-urls",
        action="store_true",
        help="Rewrite the committed lists of URLs and PO contexts from the code.",
    )


class OneRequestAtATime(ThreadedWSGIServer):
    """The browser tests' live server on SQLite: its threads share the test's
    in-memory connection (Django's LiveServerThread), so two requests at once (a
    page's scripts, each saving the session) interleave their transactions on
    it ("no such savepoint"). Each request waits for the one before."""

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = OneRequestAtATime


_media_folders = itertools.count()
MIGRATED_SQLITE = "migrated.sqlite3"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database, migrated; on SQLite also copied to a file as it is then,
    for `migrated_sqlite` (a copy of a database in memory costs milliseconds, a
    `migrate` seconds)."""
    # In memory: the test database (none is made when no test collected uses one).
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    ):
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(tmp_path_factory.getbasetemp() / MIGRATED_SQLITE)
            try:
                connection.connection.backup(target)
            finally:
                target.close()


@pytest.fixture(scope="session")
def migrated_sqlite(django_db_setup, tmp_path_factory):
    """A SQLite file migrated to the last migration, for the tests that start
    processes on a database file of their own (copy it, do not write to it): on
    SQLite the test database as migrated, else a file migrated once."""
    path = tmp_path_factory.getbasetemp() / MIGRATED_SQLITE
    if not path.exists():
        from tests.test_project import run

        result = run(
            ["manage.py", "migrate", "--noinput"], DATABASE_URL=f"sqlite:///{path}"
        )
        assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in French or Spanish
    leaves its language active in the thread, for whichever test runs next."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


# Whether the running test bumps the generation at each save (`remembered_values`).
bumping = {"now": False}


def bump_at_once(sender, **kwargs):
    """A content row saved or deleted: a new generation now, not on commit."""
    from newsroom.caching.generation import CONTENT_APPS, bump_generation

    if bumping["now"] and sender._meta.app_label in CONTENT_APPS:
        bump_generation()


@pytest.fixture(autouse=True, scope="session")
def bumping_at_once_connected():
    """Connected once, as the page cache's own receiver: connecting and
    disconnecting its signals around every test cost it a millisecond."""
    from newsroom.caching.generation import connect_to_content

    connect_to_content(bump_at_once, "tests-bump-at-once")


@pytest.fixture(autouse=True)
def remembered_values(request, settings):
    """What many pages share is remembered for the generation of the content, as in
    production (`remember()`, a quarter of a page's time). Production bumps the
    generation when a save commits, which a test wrapped in a transaction never
    does: here each test starts a generation and each save of content bumps it at
    once. A test that captures on-commit callbacks (the page cache's, which prove
    the bump on commit) keeps the production rule alone, and remembers only with
    the page cache on."""
    from newsroom.caching.generation import bump_generation

    bump_generation()
    if "django_capture_on_commit_callbacks" in request.fixturenames:
        settings.NEWSROOM_REMEMBER_SECONDS = None
        yield
        return
    bumping["now"] = True
    yield
    bumping["now"] = False


@pytest.fixture
def computed_every_time(settings):
    """remember() off, as with the page cache off: a query count includes what a
    page shares with the others (the site's frame, the filters' choices)."""
    settings.NEWSROOM_REMEMBER_SECONDS = 0


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path_factory):
    """A media folder of the test's own, made when something is stored (most tests
    store nothing: no folder to make and delete); for a test that uses the rows a
    class shares, a copy of their files (the class's `shared_media` fixture)."""
    root = tmp_path_factory.getbasetemp() / "media" / str(next(_media_folders))
    if "shared_media" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("shared_media"), root)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        message = "Chromium not found at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI needs the browser tests to run.")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in the test thread; the test still
    # talks to the database synchronously, which Django allows with this flag.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_cache(settings):
    """The page cache on (the suite's settings turn it off), empty."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    cache = caches[settings.NEWSROOM_PAGE_CACHE]
    cache.clear()
    yield cache
    cache.clear()
