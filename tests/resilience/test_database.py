"""Database away: every request answers 503 with Retry-After and the translated
error page, the outage is logged without a traceback per request, and the site
recovers by itself when the database returns."""

import json
import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path
from unittest import mock

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.test import Client

from newsroom.resilience.middleware import outage, outage_read_only
from tests.factories import make_release, text_of
from tests.ports import free_ports
from tests.test_project import run

# A port of this project's range where no PostgreSQL listens.
(CLOSED_PORT,) = free_ports(1)
CLOSED_DATABASE_URL = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/down"
HEADINGS = {
    "en": "Service briefly unavailable",
    "fr": "Service momentanément indisponible",
    "es": "Servicio momentáneamente no disponible",
}
READ_ONLY_HEADINGS = {
    "en": "Nothing can be saved for a moment",
    "fr": "Rien ne peut être enregistré pour le moment",
}


def test_unreachable_postgresql_answers_503_without_tracebacks():
    """Against a PostgreSQL port that refuses connections, pages and sitemaps
    answer 503 with Retry-After and the page in the URL's language; the log has
    one report of the outage and no traceback."""
    result = run(
        ["-m", "tests.resilience.database_down"], DATABASE_URL=CLOSED_DATABASE_URL
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 12
    for answer in answers:
        assert answer["status"] == 503, answer["url"]
        assert int(answer["retry_after"]) > 0
    by_url = {answer["url"]: answer["body"] for answer in answers}
    assert HEADINGS["fr"] in by_url["/fr/communiques-de-presse/"]
    assert HEADINGS["es"] in by_url["/es/"]
    assert HEADINGS["en"] in by_url["/en/"]
    assert "Traceback" not in result.stderr
    assert "Service Unavailable" not in result.stderr
    assert result.stderr.count("The database is unavailable") == 1


@pytest.mark.django_db
def test_site_recovers_when_the_database_returns(client, caplog):
    """While connecting raises OperationalError the site answers 503, logged once
    per burst without a traceback; once it connects again, 200."""
    make_release("steady")
    outage.reset()
    caplog.set_level(logging.WARNING)
    down = OperationalError("connection to server failed: Connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        for url in ("/en/", "/fr/communiques-de-presse/", "/es/eventos/"):
            response = client.get(url)
            assert response.status_code == 503
            assert response["Retry-After"]
    reports = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in reports] == ["newsroom.resilience.middleware"]
    assert reports[0].exc_info is None
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"steady title en" in response.content


@pytest.mark.django_db
def test_outage_answers_are_not_logged_each_but_errors_still_are(caplog):
    """The 503s of an outage (a page, /readyz) are reported once a minute, not
    Django's line per response ("Service Unavailable: /en/"); a 500 still gets
    its line, with its traceback."""
    client = Client(raise_request_exception=False)
    outage.reset()
    caplog.set_level(logging.WARNING)
    down = OperationalError("connection to server failed: Connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        assert client.get("/en/").status_code == 503
        assert client.get("/readyz").status_code == 503
    with mock.patch("newsroom.resilience.health.build", side_effect=RuntimeError):
        assert client.get("/healthz").status_code == 500
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in logged] == ["Internal Server Error: /healthz"]
    assert logged[0].levelno == logging.ERROR
    assert logged[0].exc_info[0] is RuntimeError


@pytest.mark.django_db
def test_the_api_answers_its_clients_503_in_json(client):
    down = OperationalError("connection to server failed: Connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        response = client.get("/api/v1/releases")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert "unavailable" in response.json()["detail"]


@contextmanager
def database_refusing_writes():
    """The database as a read-only standby, a maintenance or a read-only file
    leaves it: reads answer, writes fail (PostgreSQL: a read-only transaction;
    SQLite: query_only, which fails them as a read-only file does)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            off = "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
        else:
            cursor.execute("PRAGMA query_only = 1")
            off = "PRAGMA query_only = 0"
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(off)


@pytest.mark.django_db(transaction=True)
def test_a_database_refusing_writes_keeps_the_site_readable(client, caplog):
    """A signed-in editor keeps reading the admin, forms included (the session's
    refreshed expiry is not saved, where Django would answer 400 on every page),
    the public site answers, and what must write answers 503 saying the site is
    read-only for a while (and, for a form, that nothing was saved), in the
    editor's language, logged once."""
    release = make_release("steady")
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    change = f"/admin/newsroom/pressrelease/{release.pk}/change/"
    outage_read_only.reset()
    caplog.set_level(logging.WARNING)
    with database_refusing_writes():
        assert client.get("/admin/newsroom/pressrelease/").status_code == 200
        assert client.get(change).status_code == 200
        assert client.get("/en/").status_code == 200
        # Pairing an authenticator app stores its key before the page shows it.
        response = client.get("/admin/two-factor/setup/")
        assert response.status_code == 503
        assert READ_ONLY_HEADINGS["en"] in response.content.decode()
        assert "was not saved" not in response.content.decode()
        for language in ("fr", "en"):
            response = client.post(
                change, {"title_en": "Lost?"}, headers={"Accept-Language": language}
            )
            assert response.status_code == 503
            assert response["Retry-After"]
            assert READ_ONLY_HEADINGS[language] in response.content.decode()
        assert "go back to keep it" in response.content.decode()
    reports = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in reports] == ["newsroom.resilience.middleware"]
    assert "refuses writes" in reports[0].getMessage()
    release.refresh_from_db()
    assert release.title_en == "steady title en"
    assert client.get(change).status_code == 200


# The modes of the SQLite file and of its directory, where SQLite writes the
# journal of each write transaction beside the file.
UNWRITABLE = {"file": (0o444, 0o777), "directory": (0o666, 0o555)}


@pytest.fixture
def sqlite_copy():
    """A function copying the test database (its rows as they are then) to a
    SQLite file of its own, in a directory any user may read (the tests' own
    temporary directories are private); the path of the file."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file")
    directory = Path(tempfile.mkdtemp())
    directory.chmod(0o755)
    path = directory / "data" / "db.sqlite3"
    path.parent.mkdir()

    def copy():
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return path

    yield copy
    path.parent.chmod(0o755)
    shutil.rmtree(directory)


def bound_by_file_modes():
    """The command that runs another bound by the modes of files: root's
    processes write whatever they say, unless they lack the capabilities that
    override them (util-linux's setpriv drops them)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("Run as root, without setpriv to give up overriding file modes")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("unwritable", UNWRITABLE)
def test_a_sqlite_file_the_site_may_not_write_is_a_read_only_database(
    client, sqlite_copy, unwritable
):
    """A SQLite file, or its directory, that the site's user may not write:
    SQLite opens the file read-only and refuses every write. As for a database
    in a read-only mode, /readyz says so (ready, degraded), the public site and
    the admin answer, the admin saying that saving will not work, and signing
    in answers the 503 page saying nothing was saved. Once the file may be
    written, the same process saves again, its connections kept for reuse
    (production's DATABASE_CONN_MAX_AGE) included."""
    editor = User.objects.create_superuser("editor", "e@example.org", "x")
    client.force_login(editor)
    path = sqlite_copy()
    with closing(sqlite3.connect(path)) as copy:
        signed_in = copy.execute("SELECT last_login FROM auth_user").fetchall()
    file_mode, directory_mode = UNWRITABLE[unwritable]
    path.chmod(file_mode)
    path.parent.chmod(directory_mode)
    result = run(
        ["-m", "tests.resilience.read_only_file"]
        + [json.dumps({name: c.value for name, c in client.cookies.items()})],
        settings_module="tests.settings",
        wrapper=bound_by_file_modes(),
        DATABASE_URL=f"sqlite:///{path}",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DATABASE_CONN_MAX_AGE="600",
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert answers["readyz"]["status"] == 200
    readyz = json.loads(answers["readyz"]["body"])
    assert readyz["status"] == "degraded"
    assert readyz["checks"]["database"] == "read-only"
    assert answers["home"]["status"] == 200
    assert answers["admin"]["status"] == 200, answers["admin"]["body"]
    notice = text_of(
        lxml.html.fromstring(answers["admin"]["body"]),
        "//ul[@class='messagelist']/li[@class='warning']",
    )
    assert "The database accepts no changes right now" in notice
    assert answers["sign_in"]["status"] == 503
    assert READ_ONLY_HEADINGS["en"] in answers["sign_in"]["body"]
    assert "go back to keep it" in answers["sign_in"]["body"]
    assert "Traceback" not in result.stderr
    assert json.loads(answers["readyz_after"]["body"])["status"] == "ok"
    assert answers["sign_in_after"]["status"] == 302
    with closing(sqlite3.connect(path)) as copy:
        assert copy.execute("SELECT last_login FROM auth_user").fetchall() != signed_in
