"""Upload rules: JPEG, PNG and WebP only, decided by content; caps on bytes and
pixels; damaged files and decompression bombs refused; each refusal with its own
message, and nothing written to storage."""

import re
import struct

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from PIL import Image

from newsroom.models import Photo

from . import image_files
from .conftest import stored_files, upload

ADD_URL = reverse("admin:newsroom_photo_add")

# (file name, content, what the editor reads)
REFUSED = [
    pytest.param(
        "harbour.jpg",
        image_files.plain_png,
        "This file is a PNG image but its name, “harbour.jpg”, does not end in .png",
        id="png-renamed-jpg",
    ),
    pytest.param(
        "logo.svg",
        image_files.svg_with_script,
        "SVG drawings are not accepted",
        id="svg-with-script",
    ),
    pytest.param(
        "logo.png",
        image_files.svg_with_script,
        "SVG drawings are not accepted",
        id="svg-renamed-png",
    ),
    pytest.param(
        "minutes.png",
        image_files.text_file,
        "This file is not a JPEG, PNG or WebP image.",
        id="text-named-png",
    ),
    pytest.param(
        "page.jpg",
        image_files.html_page,
        "This file is not a JPEG, PNG or WebP image.",
        id="html-named-jpg",
    ),
    pytest.param(
        "animation.gif",
        image_files.gif,
        "This file is not a JPEG, PNG or WebP image.",
        id="gif",
    ),
    pytest.param(
        "cut.jpg",
        image_files.truncated_jpeg,
        "This image is damaged or incomplete",
        id="truncated-jpeg",
    ),
    pytest.param(
        "damaged.png",
        image_files.png_header_with_bad_crc,
        "This image is damaged or incomplete",
        id="png-bad-checksum",
    ),
    pytest.param(
        "bomb.png",
        image_files.decompression_bomb,
        "a possible decompression bomb",
        id="decompression-bomb",
    ),
]


def admin_upload(client, name, data, **fields):
    return client.post(
        ADD_URL,
        {
            "image": upload(name, data),
            "original_language": "en",
            "alt_text_en": "A harbour at dawn",
            "focal_x": "0.5",
            "focal_y": "0.5",
            **fields,
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_admin_refuses_with_a_clear_message_and_stores_nothing(
    editor_client, media_root, name, content, message
):
    """The admin form refuses the file, says why, and writes nothing to storage."""
    response = admin_upload(editor_client, name, content())

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_model_validation_refuses_the_same_files(media_root, name, content, message):
    """full_clean() uses the same validator as the forms, with the same message."""
    photo = Photo(image=upload(name, content()), alt_text_en="A harbour")

    with pytest.raises(ValidationError) as refused:
        photo.full_clean()

    assert any(message in text for text in refused.value.message_dict["image"])
    assert stored_files(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_saving_without_validation_still_refuses(media_root, name, content, message):
    """A script that calls save() without full_clean() cannot store a bad file."""
    photo = Photo(image=upload(name, content()), alt_text_en="A harbour")

    with pytest.raises(ValidationError, match=message), transaction.atomic():
        photo.save()

    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_each_kind_of_bad_file_has_its_own_message():
    """The issue's five bad files get five different explanations."""
    files = {
        "harbour.jpg": image_files.plain_png(),
        "logo.svg": image_files.svg_with_script(),
        "minutes.png": image_files.text_file(),
        "cut.jpg": image_files.truncated_jpeg(),
        "bomb.png": image_files.decompression_bomb(),
    }
    messages = set()
    for name, data in files.items():
        photo = Photo(image=upload(name, data), alt_text_en="A harbour")
        with pytest.raises(ValidationError) as refused:
            photo.clean_fields()
        messages.add(refused.value.message_dict["image"][0])

    assert len(messages) == len(files)


@pytest.mark.django_db
def test_a_file_over_the_size_cap_is_refused(editor_client, media_root, settings):
    """A file over NEWSROOM_IMAGE_MAX_BYTES is refused, with both sizes given."""
    settings.NEWSROOM_IMAGE_MAX_BYTES = 10_000
    data = image_files.jpeg_from_camera()
    assert len(data) > 10_000

    response = admin_upload(editor_client, "harbour.jpg", data)

    assert "files up to 9.8\xa0KB are accepted" in response.content.decode()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_an_image_over_the_pixel_cap_is_refused(editor_client, media_root, settings):
    """An image over NEWSROOM_IMAGE_MAX_PIXELS is refused, with its size given."""
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 500_000

    response = admin_upload(
        editor_client, "harbour.jpg", image_files.plain_jpeg((1200, 800))
    )

    content = response.content.decode()
    assert "This image is 1200 × 800 pixels" in content
    assert "up to 0.5 megapixels" in content
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_pillow_limit_holds_above_a_raised_pixel_cap(
    editor_client, media_root, settings
):
    """Raising NEWSROOM_IMAGE_MAX_PIXELS above Pillow's own decompression-bomb
    limit does not lift that limit: an image beyond it is still refused as a bomb."""
    bomb = image_files.decompression_bomb()
    # The PNG header's width and height (Pillow refuses to open it at all).
    width, height = struct.unpack(">II", bomb[16:24])
    pixels = width * height
    assert pixels > 2 * Image.MAX_IMAGE_PIXELS
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 10 * pixels

    response = admin_upload(editor_client, "bomb.png", bomb)

    assert response.status_code == 200
    assert "a possible decompression bomb" in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("harbour.jpg", image_files.plain_jpeg, "harbour.jpg"),
        ("HARBOUR.JPEG", image_files.plain_jpeg, "HARBOUR.jpg"),
        ("harbour.png", image_files.plain_png, "harbour.png"),
        ("harbour.webp", image_files.webp_from_phone, "harbour.webp"),
    ],
)
def test_jpeg_png_and_webp_are_accepted(
    editor_client, media_root, name, content, stored_as
):
    """The three formats go in, under their name (and a random part) with the
    format's extension."""
    response = admin_upload(editor_client, name, content())

    assert response.status_code == 302
    photo = Photo.objects.get()
    stem, extension = stored_as.split(".")
    assert re.fullmatch(
        rf"photos/\d{{4}}/\d{{2}}/{stem}-[a-z0-9]{{8}}\.{extension}", photo.image.name
    )
    assert stored_files(media_root) == [photo.image.name]


@pytest.mark.django_db
def test_the_file_chooser_offers_the_accepted_formats(editor_client):
    """The file input's accept attribute lists the three formats, nothing wider."""
    response = editor_client.get(ADD_URL)

    assert 'accept="image/jpeg,image/png,image/webp"' in response.content.decode()
