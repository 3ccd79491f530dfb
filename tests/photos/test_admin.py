"""The photo library in the admin: a list with thumbnails, search by caption and
credit, filters, the focal point picker, and alt text required in the photo's
original language."""

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.models import Photo

from . import image_files
from .conftest import stored_files, upload

LIST_URL = reverse("admin:newsroom_photo_changelist")


@pytest.fixture
def library(make_photo):
    return {
        "wide": make_photo(
            image_files.plain_jpeg((480, 240)),
            name="summit.jpg",
            alt_text_en="Delegates in the plenary hall",
            caption_fr="Les délégués en séance plénière à Bakou.",
            credit="OIM/Jane Doe",
        ),
        "tall": make_photo(
            image_files.plain_jpeg((240, 360)),
            name="portrait.jpg",
            alt_text_en="A volunteer at the registration desk",
            alt_text_fr="Une bénévole à l’accueil",
            credit="IOM/John Roe",
        ),
    }


def rows(response):
    html = lxml.html.fromstring(response.content)
    return html.cssselect("#result_list tbody tr")


@pytest.mark.django_db
def test_the_list_shows_a_thumbnail_per_photo(editor_client, library):
    """Each row has a small thumbnail next to the alt text: a link to the
    photo's form, the alt text its name."""
    response = editor_client.get(LIST_URL)

    found = rows(response)
    assert len(found) == 2
    for row in found:
        (thumbnail,) = row.cssselect("a > img.photo-thumbnail")
        assert "/renditions/" in thumbnail.get("src")
        assert int(thumbnail.get("width")) <= 160
        (alt_text,) = row.cssselect("td.field-description")
        assert thumbnail.get("alt") == alt_text.text_content().strip() != ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Jane Doe", "Delegates in the plenary hall"),
        ("séance plénière", "Delegates in the plenary hall"),
        ("registration desk", "A volunteer at the registration desk"),
        ("bénévole", "A volunteer at the registration desk"),
        ("nothing like this", None),
    ],
)
def test_search_looks_in_captions_alt_texts_and_credits_of_every_language(
    editor_client, library, query, expected
):
    """Search finds a photo by its credit or by caption or alt text in any language."""
    response = editor_client.get(LIST_URL, {"q": query})

    found = [row.text_content() for row in rows(response)]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"orientation": "landscape"}, "Delegates in the plenary hall"),
        ({"orientation": "portrait"}, "A volunteer at the registration desk"),
        ({"alt_missing": "fr"}, "Delegates in the plenary hall"),
    ],
)
def test_filters_by_orientation_and_missing_alt_text(
    editor_client, library, params, expected
):
    """Filters narrow the list to landscape or portrait photos, or to photos still
    lacking alt text in a language."""
    response = editor_client.get(LIST_URL, params)

    found = [row.text_content() for row in rows(response)]
    assert len(found) == 1 and expected in found[0]


@pytest.mark.django_db
def test_the_change_form_has_the_focal_point_picker(editor_client, library):
    """The image is shown for clicking, with the focal point in hidden fields and
    the picker's script and styles from our static files."""
    photo = library["wide"]

    response = editor_client.get(
        reverse("admin:newsroom_photo_change", args=[photo.pk])
    )

    html = lxml.html.fromstring(response.content)
    (picker,) = html.cssselect("[data-focal-point]")
    assert picker.get("hidden") is None
    assert "/renditions/" in picker.cssselect(".focal-point-frame img")[0].get("src")
    for name in ("focal_x", "focal_y"):
        (field,) = html.cssselect(f"input[name={name}]")
        assert field.get("type") == "hidden"
    scripts = html.xpath("//script/@src")
    assert "/static/newsroom/admin/focal-point.js" in scripts


@pytest.mark.django_db
def test_the_focal_point_is_saved_from_the_form(editor_client, library):
    """Posting the form with new focal values stores them."""
    photo = library["wide"]
    url = reverse("admin:newsroom_photo_change", args=[photo.pk])

    response = editor_client.post(
        url,
        {
            "original_language": "en",
            "alt_text_en": photo.alt_text_en,
            "focal_x": "0.8125",
            "focal_y": "0.25",
        },
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.8125, 0.25)


@pytest.mark.django_db
def test_a_focal_point_outside_the_image_is_refused(editor_client, library):
    """Focal coordinates are fractions of the image, from 0 to 1."""
    photo = library["wide"]
    url = reverse("admin:newsroom_photo_change", args=[photo.pk])

    response = editor_client.post(
        url,
        {
            "original_language": "en",
            "alt_text_en": photo.alt_text_en,
            "focal_x": "1.5",
            "focal_y": "0.5",
        },
    )

    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.focal_x == 0.5


@pytest.mark.django_db
def test_alt_text_is_required_in_the_original_language(editor_client, media_root):
    """A photo whose original language is French needs a French alt text; the
    refused upload leaves nothing in storage."""
    response = editor_client.post(
        reverse("admin:newsroom_photo_add"),
        {
            "image": upload("bakou.jpg", image_files.jpeg_from_camera()),
            "original_language": "fr",
            "alt_text_en": "Only in English",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )

    assert response.status_code == 200
    assert "Describe the image in its original language." in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_for_2_or_12_photos(editor_client, make_photo):
    """Thumbnails cost no query: the list's query count does not grow with it."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(LIST_URL).status_code == 200
        return len(queries)

    for index in range(2):
        make_photo(image_files.plain_jpeg((200, 150)), name=f"small-{index}.jpg")
    two = count()
    for index in range(10):
        make_photo(image_files.plain_jpeg((200, 150)), name=f"more-{index}.jpg")

    assert count() == two
