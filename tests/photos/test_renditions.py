"""Renditions: widths for srcset in WebP and JPEG, crops around the focal point,
made once and reused, remade when the focal point or the file changes, removed
with the photo."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from PIL import Image, ImageChops, ImageDraw, PngImagePlugin

from newsroom.images import renditions as images
from newsroom.images.signals import FIELD_USES
from newsroom.models import Photo
from organisation.models import Person
from tests.photos.conftest import run_worker

from . import image_files
from .conftest import stored_files, upload


def open_rendition(rendition, storage):
    with storage.open(rendition.name) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def marked(size, point, colour=(0, 200, 0)):
    """A white JPEG with a coloured disc at `point` (fractions of the size)."""
    image = Image.new("RGB", size, "white")
    x, y = point[0] * size[0], point[1] * size[1]
    ImageDraw.Draw(image).ellipse((x - 30, y - 30, x + 30, y + 30), fill=colour)
    return image_files.encoded(image, "JPEG", quality=95)


def has_colour(image, colour=(0, 200, 0), tolerance=40):
    """Whether a pixel of `image` is within `tolerance` of `colour` in each
    channel (Pillow's own operations: a Python loop over the pixels is slow)."""
    near = [
        band.point(lambda value, wanted=wanted: 255 * (abs(value - wanted) < tolerance))
        for band, wanted in zip(image.convert("RGB").split(), colour, strict=True)
    ]
    return (
        ImageChops.multiply(ImageChops.multiply(*near[:2]), near[2]).getbbox()
        is not None
    )


@pytest.mark.django_db
def test_renditions_come_in_the_configured_widths_as_webp_and_jpeg(make_photo):
    """A wide photo gets every configured width, in WebP and in JPEG, each file of
    its format and size."""
    photo = make_photo(image_files.plain_jpeg((2000, 1000)))
    storage = photo.image.storage

    image_set = images.image_set(photo.image, make=True)

    for renditions, pillow_format in (
        (image_set.webp, "WEBP"),
        (image_set.jpeg, "JPEG"),
    ):
        assert [r.width for r in renditions] == [480, 800, 1200, 1600]
        for rendition in renditions:
            image = open_rendition(rendition, storage)
            assert image.format == pillow_format
            assert image.size == (rendition.width, rendition.width // 2)
            assert rendition.height == rendition.width // 2
    assert image_set.webp_srcset.endswith(".webp 1600w")
    assert image_set.jpeg[1].url in image_set.jpeg_srcset


@pytest.mark.django_db
def test_a_small_photo_is_never_enlarged(make_photo):
    """A photo narrower than the smallest width has one rendition, its own size."""
    photo = make_photo(image_files.plain_jpeg((300, 200)))

    image_set = images.image_set(photo.image, make=True)

    assert [(r.width, r.height) for r in image_set.jpeg] == [(300, 200)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("size", "focal"),
    [
        ((2400, 1000), (0.93, 0.5)),
        ((2400, 1000), (0.06, 0.2)),
        ((900, 2400), (0.5, 0.9)),
    ],
)
def test_a_card_crop_keeps_the_focal_point_in_view(make_photo, size, focal):
    """A 3:2 crop of a much wider or taller photo contains the marked focal point,
    which a centred crop would cut off."""
    photo = make_photo(
        marked(size, focal), focal_x=focal[0], focal_y=focal[1], committed=False
    )
    storage = photo.image.storage

    card = images.image_set(
        photo.image, make=True, ratio=(3, 2), focal=focal, widths=[400, 800]
    )
    centred = images.image_set(photo.image, make=True, ratio=(3, 2), widths=[400])

    for rendition in card.jpeg + card.webp:
        image = open_rendition(rendition, storage)
        assert abs(image.width / image.height - 1.5) < 0.01
        assert has_colour(image)
    assert not has_colour(open_rendition(centred.jpeg[0], storage))


@pytest.mark.django_db
def test_renditions_are_made_once_and_reused(make_photo, monkeypatch):
    """Asking again for the same renditions makes nothing, even once the cache of
    known renditions is gone."""
    photo = make_photo()
    first = images.image_set(photo.image, make=True, ratio=(3, 2))
    cache.clear()

    def fail(*args, **kwargs):
        raise AssertionError("a rendition was made again")

    monkeypatch.setattr(images, "make_renditions", fail)
    second = images.image_set(photo.image, make=True, ratio=(3, 2))

    assert second == first


@pytest.mark.django_db
def test_moving_the_focal_point_remakes_the_crops_only(
    make_photo, media_root, django_capture_on_commit_callbacks
):
    """After a focal point change the old crops are deleted and new ones made; the
    uncropped widths stay."""
    photo = make_photo(image_files.plain_jpeg((1200, 500)))
    widths = images.image_set(photo.image, make=True)
    old_crop = images.image_set(photo.image, make=True, ratio=(3, 2), focal=(0.5, 0.5))

    photo.focal_x = 0.9
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    new_crop = images.image_set(photo.image, make=True, ratio=(3, 2), focal=(0.9, 0.5))

    files = stored_files(media_root)
    assert not {r.name for r in old_crop.jpeg + old_crop.webp} & set(files)
    assert {r.name for r in new_crop.jpeg + new_crop.webp} <= set(files)
    assert {r.name for r in widths.jpeg + widths.webp} <= set(files)


@pytest.mark.django_db
def test_replacing_the_file_removes_the_old_one_and_its_renditions(
    make_photo, media_root, django_capture_on_commit_callbacks
):
    """A new file replaces the old file and its renditions in storage."""
    photo = make_photo(image_files.plain_jpeg((1600, 1000)), name="first.jpg")
    images.image_set(photo.image, make=True)

    photo.image = upload("second.jpg", image_files.plain_jpeg((1000, 1000)))
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    run_worker()
    renditions = set()
    for use in FIELD_USES["newsroom.Photo.image"]:
        image_set = images.image_set(photo.image, **images.use_options(use))
        renditions |= {r.name for r in image_set.jpeg + image_set.webp}

    files = stored_files(media_root)
    assert not any("first" in name for name in files)
    assert files == sorted([photo.image.name, *renditions])


@pytest.mark.django_db
def test_deleting_a_photo_removes_its_files(
    make_photo, media_root, django_capture_on_commit_callbacks
):
    """The original and every rendition go with the photo."""
    photo = make_photo()
    images.image_set(photo.image, make=True)
    images.image_set(photo.image, make=True, ratio=(3, 2))
    assert len(stored_files(media_root)) > 1

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_a_rolled_back_deletion_keeps_the_files(make_photo, media_root):
    """Files are deleted when the deletion is committed, not before."""
    photo = make_photo()
    images.image_set(photo.image, make=True)
    before = stored_files(media_root)

    photo.delete()  # The test's transaction is rolled back: no commit.

    assert stored_files(media_root) == before


@pytest.mark.django_db
def test_portrait_renditions_follow_the_person(
    media_root, django_capture_on_commit_callbacks
):
    """A portrait has renditions like a photo, removed with the person."""
    person = Person(name="Amy E. Pope", slug="amy-e-pope")
    person.portrait = upload("pope.jpg", image_files.plain_jpeg((600, 800)))
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    run_worker()
    image_set = images.image_set(
        person.portrait, make=True, ratio=(1, 1), widths=[160, 320]
    )
    assert [(r.width, r.height) for r in image_set.jpeg] == [(160, 160), (320, 320)]

    with django_capture_on_commit_callbacks(execute=True):
        person.delete()

    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_a_missing_file_gives_no_renditions_instead_of_an_error(make_photo):
    """When the stored file and its renditions have vanished, there is simply no
    image to show."""
    photo = make_photo()
    images.delete_renditions(photo.image.storage, photo.image.name)
    photo.image.storage.delete(photo.image.name)

    assert images.image_set(photo.image, make=True) is None


@pytest.mark.django_db
def test_the_pipeline_works_with_any_django_storage(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """With a non-filesystem storage configured, uploads, renditions and deletions
    go through the storage API alone."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "unused"
    photo = Photo(image=upload("harbour.jpg", image_files.jpeg_from_camera()))
    photo.alt_text_en = "A harbour"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    storage = photo.image.storage

    image_set = images.image_set(photo.image, make=True, ratio=(3, 2))
    assert all(storage.exists(r.name) for r in image_set.jpeg + image_set.webp)
    assert not settings.MEDIA_ROOT.exists()

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not storage.exists(photo.image.name)
    assert not any(storage.exists(r.name) for r in image_set.jpeg + image_set.webp)


@pytest.mark.django_db
def test_a_missing_file_is_tried_once_and_logged_in_one_line(make_photo, caplog):
    """A vanished file is logged once, in one line without a traceback, and not
    looked for again on the next views while the failure is remembered."""
    photo = make_photo()
    photo.image.storage.delete(photo.image.name)
    cache.clear()
    opened = []
    storage_open = photo.image.storage.open

    def spy(name, *args, **kwargs):
        opened.append(name)
        return storage_open(name, *args, **kwargs)

    photo.image.storage.open = spy

    with caplog.at_level("WARNING", logger="newsroom.images"):
        results = [
            images.image_set(photo.image, make=True, ratio=(3, 2)) for _view in range(3)
        ]

    assert results == [None, None, None]
    assert opened == [photo.image.name]
    (record,) = caplog.records
    assert photo.image.name in record.getMessage()
    assert record.exc_info is None and "\n" not in record.getMessage()


@pytest.mark.django_db
def test_an_upload_comes_with_the_renditions_pages_and_the_admin_show(
    make_photo, monkeypatch
):
    """Once the upload is committed, the detail page's widths, the card crop around
    the focal point and the admin's thumbnail and preview exist: no view makes
    any."""
    from django.template.loader import render_to_string

    from newsroom.admin.photos import PREVIEW_WIDTH, THUMBNAIL_WIDTH, jpeg_rendition

    photo = make_photo(image_files.plain_jpeg((2400, 1600)), focal_x=0.7, focal_y=0.4)
    cache.clear()

    def fail(*args, **kwargs):
        raise AssertionError("a rendition was made on a page view")

    monkeypatch.setattr(images, "make_renditions", fail)
    for crop in (None, "card"):
        html = render_to_string(
            "newsroom/includes/picture.html", {"photo": photo, "crop": crop}
        )
        assert "<img" in html
    assert jpeg_rendition(photo.image, THUMBNAIL_WIDTH).width == THUMBNAIL_WIDTH
    assert jpeg_rendition(photo.image, PREVIEW_WIDTH).width == PREVIEW_WIDTH


@pytest.mark.django_db
def test_a_moved_focal_point_comes_with_its_new_crops(
    make_photo, monkeypatch, django_capture_on_commit_callbacks
):
    """Moving the focal point has the worker remake the card crops, not a view."""
    photo = make_photo(image_files.plain_jpeg((1200, 560)))
    photo.focal_x = 0.9
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    run_worker()
    cache.clear()

    monkeypatch.setattr(images, "make_renditions", None)
    card = images.image_set(
        photo.image, ratio=(3, 2), focal=(0.9, 0.5), widths=[400, 800]
    )

    assert [r.width for r in card.jpeg] == [400, 800]


@pytest.mark.django_db
def test_a_portrait_comes_with_its_square_crops(
    media_root, monkeypatch, django_capture_on_commit_callbacks
):
    """A saved portrait has the square crops the pages show, made by the worker
    once committed."""
    from django.template.loader import render_to_string

    person = Person(name="Amy E. Pope", slug="amy-e-pope")
    person.portrait = upload("pope.jpg", image_files.plain_jpeg((900, 1200)))
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    run_worker()
    cache.clear()

    monkeypatch.setattr(images, "make_renditions", None)
    html = render_to_string(
        "organisation/includes/portrait.html", {"person": person, "crop": "square"}
    )

    assert 'width="640" height="640"' in html
    assert "/renditions/" in html and 'type="image/webp"' in html


@pytest.mark.django_db
def test_small_renditions_of_a_large_jpeg_decode_it_reduced(make_photo, monkeypatch):
    """A thumbnail of a large JPEG asks the decoder for a reduced picture (far
    faster than decoding every pixel), and still has the right size and colours."""
    from PIL import JpegImagePlugin

    photo = make_photo(image_files.plain_jpeg((4000, 2600)), committed=False)
    drafts = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = draft(self, mode, size)
        drafts.append(self.size)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    image_set = images.image_set(photo.image, make=True, widths=[200])

    assert drafts and drafts[0][0] < 4000
    thumbnail = open_rendition(image_set.jpeg[0], photo.image.storage)
    assert thumbnail.size == (200, 130)
    # The dark square of the picture's top-left quarter is still there.
    assert max(thumbnail.convert("RGB").getpixel((10, 10))) < 40
    assert thumbnail.convert("RGB").getpixel((150, 100))[0] > 150


@pytest.mark.django_db
def test_every_rendition_of_a_png_comes_from_one_decoding(
    make_photo, media_root, monkeypatch
):
    """A PNG cannot be decoded at a reduced scale: all its renditions (thumbnails
    to the widest) come from one decoded picture, not one decoding per scale."""
    # Not committed: the worker makes none of its renditions.
    photo = make_photo(
        image_files.plain_png((3200, 2000)), name="chart.png", committed=False
    )
    assert stored_files(media_root) == [photo.image.name]
    loads = []
    load = PngImagePlugin.PngImageFile.load

    def spy(self):
        if getattr(self, "_im", None) is None:
            loads.append(self.size)
        return load(self)

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", spy)
    image_set = images.image_set(photo.image, make=True, widths=[160, 400, 800, 1600])

    assert loads == [(3200, 2000)]
    assert [r.width for r in image_set.jpeg] == [160, 400, 800, 1600]


@pytest.mark.django_db
def test_the_default_pixel_cap_refuses_a_49_megapixel_png(client, django_user_model):
    """The default cap (40 megapixels, more than a press photo needs) refuses the
    7000 × 7000 PNG of a few kilobytes before decoding it."""
    assert settings.NEWSROOM_IMAGE_MAX_PIXELS == 40_000_000
    buffer = io.BytesIO()
    Image.new("1", (7000, 7000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 100_000
    photo = Photo(image=upload("bomb.png", buffer.getvalue()), alt_text_en="Flat")
    with pytest.raises(ValidationError) as refusal:
        photo.full_clean()
    assert "7000 × 7000 pixels" in refusal.value.messages[0]
    assert "40.0 megapixels" in refusal.value.messages[0]
