"""Backups: `export_content` writes every row of the content and the files it
names to a zip; `import_content` restores it into an empty database identically
(every row of every table compared, ids included) with its files and search
index; it refuses a database that has content."""

import io

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from newsroom.management.content_archive import CONTENT_APPS
from newsroom.models import PressRelease
from newsroom.search.models import Entry
from tests.factories import ahead, make_journalist, make_release, make_subscriber
from tests.photos.conftest import run_worker

pytestmark = pytest.mark.django_db


def content_tables():
    """{table: id kept} of the content apps' tables, users', groups', temporary
    passwords' and the links between them (many-to-many tables, whose own ids
    mean nothing and are not kept)."""
    models = [
        apps.get_model("auth.user"),
        apps.get_model("auth.group"),
        # Whose password an administrator set, to be changed at the next sign-in.
        apps.get_model("security.temporarypassword"),
    ]
    for label in CONTENT_APPS:
        models += apps.get_app_config(label).get_models()
    tables = {}
    for model in models:
        tables[model._meta.db_table] = True
        for field in model._meta.local_many_to_many:
            tables[field.remote_field.through._meta.db_table] = False
    return tables


def snapshot():
    """Every row of every content table (without the id of a link), sorted."""
    rows = {}
    with connection.cursor() as cursor:
        for table, id_kept in content_tables().items():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(row if id_kept else row[1:] for row in cursor)
    return rows


def index():
    return sorted(Entry.objects.values_list("kind", "lang", "title", "body").order_by())


def empty_the_database():
    tables = [*content_tables(), Entry._meta.db_table]
    connection.check_constraints()  # PostgreSQL: no pending check holds a table
    sql = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    connection.ops.execute_sql_flush(sql)


@pytest.fixture
def content(django_user_model, django_capture_on_commit_callbacks):
    """The demo organisation and content (photos, portraits, translations in
    every state), and what else a site keeps: subscribers, journalists, staff."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
        make_release("scheduled-one", publish_at=ahead(days=2))
    run_worker()  # The renditions of the photos and portraits.
    make_subscriber(languages="fr es")
    make_journalist(accredited=True)
    django_user_model.objects.create_user("editor", password="x", is_staff=True)
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    apps.get_model("security.temporarypassword").objects.create(user=newcomer)


def test_a_round_trip_restores_every_row_and_file(
    content, tmp_path, settings, media_root
):
    before = snapshot()
    assert sum(map(len, before.values())) > 80
    files = {
        name: default_storage.open(name).read()
        for name in (
            p.relative_to(media_root).as_posix() for p in media_root.rglob("*")
        )
        if (media_root / name).is_file()
    }
    assert any(name.startswith("renditions/") for name in files)
    entries = index()
    archive = tmp_path / "backup.zip"
    call_command("export_content", "-o", str(archive))

    empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "new-media"
    assert not PressRelease.objects.exists()
    call_command("import_content", str(archive))

    after = snapshot()
    for table, rows in before.items():
        assert after[table] == rows, table
    restored = {name: default_storage.open(name).read() for name in files}
    assert restored == files
    assert index() == entries
    # New rows take new ids, after the restored ones.
    assert make_release("after-restore").pk > max(
        r[0] for r in before["newsroom_pressrelease"]
    )


def test_import_refuses_a_database_with_content(tmp_path):
    """One release is content enough (the demo and its renditions, which the
    round trip needs, are not needed here)."""
    make_release("present")
    archive = tmp_path / "backup.zip"
    call_command("export_content", "-o", str(archive), "--no-media")
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(archive))


def test_import_refuses_what_is_not_an_archive(tmp_path):
    bad = tmp_path / "notes.zip"
    bad.write_text("not a zip")
    with pytest.raises(CommandError, match="not an archive"):
        call_command("import_content", str(bad))
