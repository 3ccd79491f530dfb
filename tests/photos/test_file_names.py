"""Stored file names: short enough for any file system whatever the upload's name
and script, and unique, so a storage that overwrites (S3's default) never loses a
file to another upload of the same name."""

import re
from pathlib import PurePosixPath

import pytest
from django.urls import reverse

from newsroom.images import renditions as images
from newsroom.models import Photo
from organisation.models import Person

from . import image_files
from .conftest import stored_files, upload

LONG_NAME = "é" * 200 + ".jpg"
# The stem as uploaded, a dash, then the random token.
STORED = re.compile(r"^(?P<stem>.+)-(?P<token>[a-z0-9]{8})\.(?P<extension>\w+)$")


def parts(name):
    match = STORED.match(PurePosixPath(name).name)
    assert match, name
    return match.groupdict()


@pytest.mark.django_db
def test_a_long_non_latin_name_is_stored_cut_short_from_the_admin(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    """An upload named with 200 accented letters is stored under a stem of at most
    100 bytes of UTF-8, and its renditions are made."""
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:newsroom_photo_add"),
            {
                "image": upload(LONG_NAME, image_files.plain_jpeg()),
                "original_language": "en",
                "alt_text_en": "A harbour at dawn",
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )

    assert response.status_code == 302
    photo = Photo.objects.get()
    stem = parts(photo.image.name)["stem"]
    assert stem.startswith("éé") and len(stem.encode()) <= 100
    image_set = images.image_set(photo.image, make=True, ratio=(3, 2))
    assert image_set is not None
    assert all(
        len(part.encode()) <= 120
        for name in stored_files(media_root)
        for part in PurePosixPath(name).parts
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "stem"),
    [
        (LONG_NAME, "é" * 50),
        ("日本語の写真" * 30 + ".png", "日本語の写真" * 5 + "日本語"),
        ("Réunion du 3 mai (Bakou).jpg", "Réunion_du_3_mai_Bakou"),
        ("../../etc/passwd.jpg", "passwd"),
    ],
)
def test_the_stem_is_made_safe_and_cut_on_a_character_boundary(make_photo, name, stem):
    """On a plain save, the stem keeps the upload's letters in any script, loses
    spaces and punctuation, and is cut to 100 bytes without splitting a
    character."""
    content = image_files.plain_png() if name.endswith(".png") else None
    photo = make_photo(content, name=name)

    assert parts(photo.image.name)["stem"] == stem


@pytest.mark.django_db
def test_the_renditions_folder_of_a_long_stored_name_is_cut_too(make_photo):
    """A file stored under a long name by other means still gets a renditions
    folder short enough for the file system, distinct from its neighbours'."""
    first = images.renditions_folder("photos/2025/06/" + "é" * 120 + "-a.jpg")
    second = images.renditions_folder("photos/2025/06/" + "é" * 120 + "-b.jpg")

    assert first != second
    assert len(PurePosixPath(first).name.encode()) <= 120


@pytest.mark.django_db
def test_two_uploads_of_the_same_name_get_different_names(make_photo, settings):
    """Two "IMG_0001.jpg" of the same month are two files, even on a storage that
    would overwrite the first with the second."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"allow_overwrite": True},
        },
    }
    first = make_photo(image_files.plain_jpeg((300, 200)), name="IMG_0001.jpg")
    second = make_photo(image_files.plain_jpeg((200, 300)), name="IMG_0001.jpg")

    assert first.image.name != second.image.name
    assert first.image.name.startswith("photos/")
    assert parts(first.image.name)["stem"] == "IMG_0001"
    assert (first.image.width, second.image.width) == (300, 200)


@pytest.mark.django_db
def test_a_portrait_gets_a_unique_name_too(django_capture_on_commit_callbacks):
    """Portraits have the same random part in their name as photos."""
    names = []
    for slug in ("amy-e-pope", "ugochi-daniels"):
        person = Person(name=slug, slug=slug)
        person.portrait = upload("portrait.jpg", image_files.plain_jpeg((300, 400)))
        with django_capture_on_commit_callbacks(execute=True):
            person.save()
        names.append(person.portrait.name)

    assert names[0] != names[1]
    assert all(
        name.startswith("portraits/") and parts(name)["stem"] == "portrait"
        for name in names
    )
