"""End to end in Chromium: an editor uploads a photo straight from a camera, sets
its focal point by clicking on it, attaches it to a release, and the public page
shows it, with no GPS position left in the stored file."""

import io

import pytest
from django.utils import translation
from PIL import Image
from PIL.ExifTags import IFD
from playwright.sync_api import expect

from newsroom.models import Photo
from tests.distribution.conftest import work_queue

from .editor_fixtures import (  # noqa: F401
    choose_camera_photo,
    editor_fixture,
    release_fixture,
)

ALT = "Delegates gather in the plenary hall of the summit"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_uploads_a_photo_sets_its_focal_point_and_publishes_it(
    editor, release, settings
):
    """Upload, click the focal point, attach to a release: the public page shows
    the photo, and the stored file has no GPS."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    page = editor

    # Upload: the picker shows the chosen file at once.
    page.goto("/admin/newsroom/photo/add/")
    choose_camera_photo(page, "plenary.jpg")
    image = page.locator(".focal-point-frame img")
    image.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('.focal-point-frame img').naturalWidth > 0"
    )

    # A click at three quarters across and a quarter down sets the focal point.
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.25})
    focal_x = float(page.input_value("input[name=focal_x]"))
    focal_y = float(page.input_value("input[name=focal_y]"))
    assert focal_x == pytest.approx(0.75, abs=0.02)
    assert focal_y == pytest.approx(0.25, abs=0.02)
    # The marker sits where the editor clicked.
    marker = page.locator(".focal-point-marker").bounding_box()
    assert marker["x"] + marker["width"] / 2 == pytest.approx(
        box["x"] + box["width"] * 0.75, abs=3
    )
    assert marker["y"] + marker["height"] / 2 == pytest.approx(
        box["y"] + box["height"] * 0.25, abs=3
    )

    page.fill("#id_alt_text_en", ALT)
    page.fill("#id_credit", "IOM/Jane Doe")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/newsroom/photo/")
    expect(page.locator("img.photo-thumbnail")).to_have_count(1)

    photo = Photo.objects.get()
    assert (photo.focal_x, photo.focal_y) == pytest.approx((focal_x, focal_y))
    with photo.image.open("rb") as stored:
        assert not Image.open(io.BytesIO(stored.read())).getexif().get_ifd(IFD.GPSInfo)

    # Attach it to the release through the photo search of the release form.
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.click(".field-main_photo .select2-selection")
    # The search answered before the form is sent: the live server shares the
    # test's one SQLite connection among its request threads.
    with page.expect_response(lambda response: "term=plenary" in response.url):
        page.fill(".select2-dropdown .select2-search__field", "plenary hall")
    page.locator(".select2-results__option", has_text=ALT).click()
    # The release is live: the edit is published with the changes.
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.get_by_text("Publish the changes: done.")).to_be_visible()
    release.refresh_from_db()
    assert release.main_photo == photo

    # Before the worker has run, the public page shows the original, loaded; once
    # it has made the renditions, WebP where the browser takes it, with its alt text.
    with translation.override("en"):
        url = release.get_absolute_url()
    loaded = (
        "() => { const img = document.querySelector('article picture img');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    img = page.locator("article picture img")
    page.goto(url)
    page.wait_for_function(loaded)
    assert img.evaluate("img => img.currentSrc").endswith(photo.image.name)
    work_queue()
    page.goto(url)
    expect(img).to_have_attribute("alt", ALT)
    page.wait_for_function(loaded)
    assert img.evaluate("img => img.currentSrc").endswith(".webp")
    expect(page.locator("article figcaption")).to_contain_text("IOM/Jane Doe")
