from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.models import Photo
from tests.distribution.conftest import work_queue

from . import image_files

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def upload(name, data):
    content_type = CONTENT_TYPES.get(
        name.rsplit(".", 1)[-1], "application/octet-stream"
    )
    return SimpleUploadedFile(name, data, content_type)


def stored_files(media_root):
    """Every file under the media folder, as paths relative to it."""
    if not media_root.exists():
        return []
    return sorted(
        str(path.relative_to(media_root))
        for path in media_root.rglob("*")
        if path.is_file()
    )


def run_worker():
    """Run the database worker (db_worker's own, as work_queue does) inside this
    test's transaction: its check for stale connections, which would close the
    test's own on PostgreSQL, is left out."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    ):
        work_queue()


@pytest.fixture(autouse=True)
def forget_renditions():
    """Each test has its own media folder: what the cache knows of the last one's
    renditions does not hold."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", None
    )
    client.force_login(editor)
    return client


@pytest.fixture
def make_photo(db, django_capture_on_commit_callbacks):
    """Save a Photo from an upload the way any code path would, commit included,
    then run the worker: the renditions its pages use are made then.
    `committed=False` leaves the commit (and the worker) out, for a test that asks
    for the renditions it checks itself."""

    def make(data=None, name="harbour.jpg", committed=True, **fields):
        fields = {"alt_text_en": "A harbour at dawn", **fields}
        photo = Photo(
            image=upload(name, data or image_files.jpeg_from_camera((600, 400))),
            **fields,
        )
        with django_capture_on_commit_callbacks(execute=committed):
            photo.save()
        if committed:
            run_worker()
        return photo

    return make
