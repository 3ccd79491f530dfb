"""Two app servers behind one load balancer behave as one: two server processes
(`manage.py runserver --noreload`) and a worker (RQ) on the same PostgreSQL and
Redis. What one writes, the other serves at once; a PO upload previewed on one is
confirmed on the other; what one counts in the cache, the other sees; the worker
emails what went live."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polib
import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from tests.factories import form_data, make_release, make_subscriber, parse
from tests.ports import free_ports, redis_url
from tests.test_project import PROJECT_DIR

REDIS_URL = redis_url(11)
PASSWORD = "a long passphrase of staff"

pytestmark = [pytest.mark.django_db(transaction=True)]


def require(condition, reason):
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs this test to run: {reason}")
        pytest.skip(reason)


def database_url():
    """The test database, as the servers reach it."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}"
        f"/{db['NAME']}"
    )


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds} s")


@pytest.fixture
def site(tmp_path):
    """Two servers and a worker; their addresses, and the worker's outbox."""
    if connection.vendor != "postgresql":
        # CI runs the suite on PostgreSQL too: this test runs there.
        pytest.skip("two servers need a database they share: DATABASE_URL=postgres://…")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        require(False, "Redis is not running on 127.0.0.1:6379")
    outbox = tmp_path / "outbox"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=database_url(),
        CACHE_URL=REDIS_URL,
        NEWSROOM_TASKS_BACKEND="rq",
        TASKS_REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_BACKEND="file",
        EMAIL_FILE_PATH=str(outbox),
        DISTRIBUTION_SWEEP_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    ports = free_ports(2)
    commands = [
        ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"] for port in ports
    ] + [["manage.py", "run_worker"]]
    processes = [
        subprocess.Popen(
            [sys.executable, *command],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"process-{number}.log", "w"),  # noqa: SIM115
        )
        for number, command in enumerate(commands)
    ]
    try:
        servers = [f"http://127.0.0.1:{port}" for port in ports]
        for server in servers:
            wait_for(server + "/healthz")
            assert requests.get(server + "/readyz", timeout=10).status_code == 200
        yield servers, outbox
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


@pytest.fixture
def staff(django_user_model):
    """A superuser whose password the servers' hasher reads (the suite's is
    MD5, which the project's settings do not list)."""
    hasher = PBKDF2PasswordHasher()
    return django_user_model.objects.create(
        username="editor",
        password=hasher.encode(PASSWORD, hasher.salt(), iterations=1000),
        is_staff=True,
        is_superuser=True,
    )


def signed_in(server):
    """A browser's session, signed in through `server`: its cookies go to both
    servers (cookies do not depend on the port)."""
    browser = requests.Session()
    login = browser.get(f"{server}/admin/login/", timeout=10)
    token = parse(login).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    answer = browser.post(
        f"{server}/admin/login/?next=/admin/",
        {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=10,
    )
    assert answer.url == f"{server}/admin/", answer.url
    return browser


def save_in_admin(browser, server, release, **changes):
    url = f"{server}/admin/newsroom/pressrelease/{release.pk}/change/"
    page = browser.get(url, timeout=30)
    assert "_form" in page.text, (page.url, page.text[:3000])
    data = form_data(page)
    data.update({name: [value] for name, value in changes.items()})
    answer = browser.post(url, data, timeout=30)
    # A clearance step (publish, publish the changes) comes back to the form.
    back = url if "_clearance" in changes else f"{server}/admin/newsroom/pressrelease/"
    assert answer.url == back, answer.url


def test_two_servers_behave_as_one(site, staff, tmp_path):
    (one, other), outbox = site
    release = make_release(
        "two-servers", state=PublicationState.DRAFT, title_en="Shared news"
    )
    make_subscriber(languages="en")
    address = f"{other}{release.get_absolute_url()}"
    assert requests.get(address, timeout=10).status_code == 404
    assert b"Shared news" not in requests.get(f"{other}/en/", timeout=10).content
    browser = signed_in(one)

    # Published through one, served by the other at once (no stale page).
    save_in_admin(
        browser, one, release, _clearance="publish", clearance_comment="Two servers"
    )
    answer = requests.get(address, timeout=10)
    assert answer.status_code == 200
    assert "Shared news" in answer.text
    assert "Shared news" in requests.get(f"{other}/en/", timeout=10).text

    # Edited through one: the other's page changes at once.
    # (Live: the edit waits in the working copy until its changes are published.)
    save_in_admin(browser, one, release, title_en="Shared news, corrected")
    save_in_admin(browser, one, release, _clearance="publish_changes")
    assert "Shared news, corrected" in requests.get(address, timeout=10).text

    # A PO upload previewed on one, confirmed on the other.
    exported = tmp_path / "fr.po"
    call_command("export_translations", "--language", "fr", "-o", str(exported))
    catalogue = polib.pofile(str(exported))
    for entry in catalogue:
        if entry.msgctxt == f"newsroom.pressrelease:{release.pk}:title":
            entry.msgstr = "Nouvelles partagées"
    catalogue.save()
    page = browser.get(f"{one}/admin/translations/import/", timeout=10)
    token = parse(page).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    with open(exported, "rb") as po:
        preview = browser.post(
            f"{one}/admin/translations/import/",
            {"language": "fr", "dry_run": "on", "csrfmiddlewaretoken": token},
            files={"file": ("fr.po", po)},
            timeout=30,
        )
    form = parse(preview).xpath("//form[.//input[@name='upload']]")[0]
    confirm = browser.post(
        f"{other}/admin/translations/import/", dict(form.form_values()), timeout=30
    )
    assert confirm.url.endswith("/admin/translations/"), confirm.url
    # The release is live: the import waits in its working copy until a
    # publisher publishes the changes (here through the other server).
    release.refresh_from_db()
    assert release.title_fr is None
    save_in_admin(browser, other, release, _clearance="publish_changes")
    release.refresh_from_db()
    assert release.title_fr == "Nouvelles partagées"
    assert release.translation_state("fr") == VersionState.DRAFT

    # What one counts in the shared cache, the other sees: the subscription
    # form's limit per address (10 an hour) spans both servers.
    visitor = requests.Session()
    with translation.override("en"):
        subscribe = reverse("distribution:subscribe")
    page = visitor.get(one + subscribe, timeout=10)
    token = parse(page).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    statuses = [
        visitor.post(
            server + subscribe, {"csrfmiddlewaretoken": token}, timeout=10
        ).status_code
        for server in [one, other] * 5 + [other]
    ]
    assert statuses == [200] * 10 + [429]

    # The worker beside them emailed the release that went live.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        sent = [path.read_text() for path in Path(outbox).glob("*")]
        if any("Shared news" in text for text in sent):
            break
        time.sleep(1)
    else:
        raise AssertionError("the worker sent nothing in 90 s")
    assert PressRelease.objects.get().state == PublicationState.PUBLISHED
