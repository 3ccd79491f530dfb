"""Renditions off the request path: an upload answers before they exist, the
worker makes them, and until then a page shows the original at its place (never a
broken image, never an error), whether the worker runs or the queue is down."""

import lxml.html
import pytest
from django.core.cache import cache
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsroom.caching.generation import current_generation
from newsroom.images import renditions as images
from newsroom.models import Photo, PressRelease
from newsroom.worker import task_backends
from tests.factories import make_release
from tests.photos.conftest import run_worker

from . import image_files
from .conftest import stored_files, upload

TASK = "newsroom.images.tasks.make_image_renditions"


def rendition_tasks():
    return DBTaskResult.objects.filter(task_path=TASK)


def renditions_in(media_root):
    return [name for name in stored_files(media_root) if name.startswith("renditions")]


def no_renditions_here(monkeypatch):
    """Fail the test if this process makes a rendition outside the worker's task
    (which the tests run with work_queue, not through a request)."""

    def fail(*args, **kwargs):
        raise AssertionError("a rendition was made on the request path")

    monkeypatch.setattr(images, "make_renditions", fail)


def admin_upload(client):
    return client.post(
        reverse("admin:newsroom_photo_add"),
        {
            "image": upload("harbour.jpg", image_files.plain_jpeg((2400, 1600))),
            "original_language": "en",
            "alt_text_en": "A harbour at dawn",
            "focal_x": "0.7",
            "focal_y": "0.4",
        },
    )


@pytest.fixture
def pending_photo(db, django_capture_on_commit_callbacks):
    """A live release's photo, uploaded and committed, its renditions queued but
    not made: the worker has not run yet."""
    photo = Photo(
        image=upload("harbour.jpg", image_files.plain_jpeg((2400, 1600))),
        alt_text_en="A harbour at dawn",
    )
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    make_release("pictured", main_photo=photo)
    return photo


def release_of(photo):
    return PressRelease.objects.get(main_photo=photo)


def pictures(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return page, page.cssselect("picture")


@pytest.mark.django_db
def test_an_upload_answers_before_its_renditions_exist(
    editor_client, media_root, django_capture_on_commit_callbacks, monkeypatch
):
    """The admin's upload stores the original and queues one task for the
    renditions of every use: none is made while the editor waits, and the photo
    list it lands on shows the original as the thumbnail."""
    no_renditions_here(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_upload(editor_client)

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert stored_files(media_root) == [photo.image.name]
    [queued] = rendition_tasks()
    assert queued.status == "READY"
    response = editor_client.get(response.url)
    (thumbnail,) = lxml.html.fromstring(response.content).cssselect(
        "img.photo-thumbnail"
    )
    assert thumbnail.get("src") == photo.image.url


@pytest.mark.django_db
def test_before_the_worker_pages_show_the_original_at_its_place(
    client, pending_photo, media_root, monkeypatch
):
    """The release page and the list's card show the original, its width and
    height those of the rendition to come (the page's widths, the card's 3:2), with
    no WebP source; nothing is made, nothing more is queued, and the shared image
    (og:image) waits for a JPEG rendition."""
    no_renditions_here(monkeypatch)
    original = pending_photo.image.url
    release = release_of(pending_photo)
    for path, size in [
        (release.get_absolute_url(), ("1600", "1067")),
        (reverse("newsroom:release-list"), ("800", "533")),
    ]:
        page, (picture,) = pictures(client, path)
        (img,) = picture.cssselect("img")
        assert (img.get("src"), img.get("width"), img.get("height")) == (
            original,
            *size,
        )
        assert not picture.cssselect("source")
        assert not page.cssselect("meta[property='og:image']")

    assert renditions_in(media_root) == []
    assert rendition_tasks().count() == 1


@pytest.mark.django_db
def test_the_worker_makes_the_renditions_the_pages_then_show(
    client, pending_photo, media_root, monkeypatch
):
    """The queued task, run by the worker, makes the renditions of every use and
    moves the page cache's generation (cached pages showed the original); the
    pages then show the renditions with a WebP source, and make none."""
    generation = current_generation()
    run_worker()

    assert {task.status for task in rendition_tasks()} == {"SUCCESSFUL"}
    assert current_generation() != generation
    made = renditions_in(media_root)
    assert len(made) >= 10
    no_renditions_here(monkeypatch)
    release = release_of(pending_photo)
    for path in (release.get_absolute_url(), reverse("newsroom:release-list")):
        page, (picture,) = pictures(client, path)
        (img,) = picture.cssselect("img")
        assert img.get("src").startswith("/media/renditions/")
        assert "/renditions/" in picture.cssselect("source")[0].get("srcset")
    page, _pictures = pictures(client, release.get_absolute_url())
    (shared,) = page.cssselect("meta[property='og:image']")
    assert "/media/renditions/" in shared.get("content")
    assert renditions_in(media_root) == made
    assert rendition_tasks().count() == 1


@pytest.mark.django_db
def test_a_page_asks_once_for_renditions_the_queue_lost(
    client, pending_photo, media_root
):
    """Renditions whose task is gone (a queue emptied, files deleted) are queued
    again by the first page that misses them, once however many views follow."""
    rendition_tasks().delete()
    cache.clear()
    release = release_of(pending_photo)
    for _view in range(3):
        pictures(client, release.get_absolute_url())

    assert rendition_tasks().count() == 1
    run_worker()
    assert renditions_in(media_root)


@pytest.mark.django_db
def test_with_the_queue_down_uploads_and_pages_still_answer(
    editor_client, client, media_root, django_capture_on_commit_callbacks, monkeypatch
):
    """A task backend that refuses every task (its database or Redis gone) costs
    the renditions, not the upload nor the page: both answer, the page with the
    original."""

    def refuse(*args, **kwargs):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(type(task_backends["default"]), "enqueue", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_upload(editor_client)
    assert response.status_code == 302
    photo = Photo.objects.get()
    release = make_release("pictured", main_photo=photo)

    _page, (picture,) = pictures(client, release.get_absolute_url())

    assert picture.cssselect("img")[0].get("src") == photo.image.url
    assert not rendition_tasks().exists()
    assert renditions_in(media_root) == []


@pytest.mark.django_db
def test_an_original_gone_before_the_worker_leaves_no_broken_image(
    client, pending_photo
):
    """When the original vanished before its renditions were made, the page
    leaves the picture out rather than pointing at a missing file."""
    pending_photo.image.storage.delete(pending_photo.image.name)
    cache.clear()
    release = release_of(pending_photo)

    _page, found = pictures(client, release.get_absolute_url())

    assert found == []
