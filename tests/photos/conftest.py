import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Photo, PressRelease

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
    """Save a Photo from an upload the way any code path would, commit included."""

    def make(data=None, name="harbour.jpg", **fields):
        fields = {"alt_text_en": "A harbour at dawn", **fields}
        photo = Photo(
            image=upload(name, data or image_files.jpeg_from_camera()), **fields
        )
        with django_capture_on_commit_callbacks(execute=True):
            photo.save()
        return photo

    return make


@pytest.fixture
def live_release(db):
    """A release published yesterday, ready in every language, original French."""

    def make(**fields):
        return PressRelease.objects.create(
            original_language="fr",
            title_en="Regional Director speaks at the summit",
            title_fr="La Directrice régionale s’exprime au sommet",
            title_es="La Directora Regional interviene en la cumbre",
            slug_en="regional-director-summit",
            slug_fr="directrice-regionale-sommet",
            slug_es="directora-regional-cumbre",
            body_en="<p>English body.</p>",
            body_fr="<p>Corps en français.</p>",
            body_es="<p>Cuerpo en español.</p>",
            version_state_en=VersionState.READY,
            version_state_fr=VersionState.READY,
            version_state_es=VersionState.READY,
            state=PublicationState.PUBLISHED,
            publish_at=timezone.now() - datetime.timedelta(days=1),
            **fields,
        )

    return make
