"""The demo photos: drawn with Pillow, written with camera EXIF and GPS, sent
through the upload form, attached to the seed's release, event and officials."""

import io

import pytest
from django.test import TestCase, override_settings
from PIL import Image
from PIL.ExifTags import IFD

from newsroom.demo import content as demo
from newsroom.demo import organisation as organisation_demo
from newsroom.demo import photos as demo_photos
from newsroom.models import Event, Photo, PressRelease
from organisation.models import Person
from tests.factories import shared_rows

from .conftest import stored_files


@pytest.fixture(scope="class")
def shared_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo loaded once for a class of tests, renditions included, into
    a media folder of its own (each test gets a copy); returns that folder."""
    folder = tmp_path_factory.mktemp("demo") / "media"

    def load():
        with (
            override_settings(MEDIA_ROOT=folder),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            organisation_demo.load()
            demo.load()
            demo_photos.load()

    with shared_rows(django_db_blocker, load):
        yield folder


@pytest.fixture
def loaded(db, shared_media):
    """The loaded demo's rows and files."""


def test_the_generated_files_carry_camera_metadata():
    """Before upload, a demo file has what a camera writes: GPS, maker notes, XMP."""
    data = demo_photos.camera_jpeg(
        demo_photos.draw_skyline(400, 260), demo_photos.BAKU, "2019:10:24 18:05:31"
    )
    image = Image.open(io.BytesIO(data))

    assert image.getexif().get_ifd(IFD.GPSInfo)
    assert image.getexif().get_ifd(IFD.Exif)
    assert "xmp" in image.info


class TestTheLoadedDemo:
    """The demo, photos included, loaded once for the class."""

    @pytest.mark.django_db
    def test_the_seed_release_event_and_officials_get_photos(self, loaded):
        """The seed's release, its event and every official have an image with alt text
        in English, French and Spanish."""
        key = f"slug_{demo.BAKU_RELEASE['original_language']}"
        release = PressRelease.objects.get(**{key: demo.BAKU_RELEASE[key]})
        event = release.related_event

        for photo in (release.main_photo, event.photo):
            assert photo is not None
            assert all(photo.alt_in(lang)[1] == lang for lang in ("en", "fr", "es"))
        people = Person.objects.all()
        assert people and all(person.portrait for person in people)
        assert all(person.portrait_alt_es for person in people)

    @pytest.mark.django_db
    def test_no_stored_demo_file_has_metadata(self, loaded, media_root):
        """What the camera wrote is gone from every stored demo file."""
        originals = [
            name for name in stored_files(media_root) if "renditions" not in name
        ]

        assert len(originals) == Photo.objects.count() + Person.objects.count()
        for name in originals:
            image = Image.open(media_root / name)
            assert len(image.getexif()) == 0, name
            assert not {"xmp", "comment", "icc_profile"} & set(image.info), name

    @pytest.mark.django_db
    def test_loading_again_changes_nothing(
        self, loaded, media_root, django_capture_on_commit_callbacks
    ):
        """A second load keeps the same rows and files."""
        before = (
            stored_files(media_root),
            list(Photo.objects.values_list("pk", "image")),
        )

        with django_capture_on_commit_callbacks(execute=True):
            demo_photos.load()

        after = (
            stored_files(media_root),
            list(Photo.objects.values_list("pk", "image")),
        )
        assert after == before
        assert Event.objects.exclude(photo=None).count() == 1

    @pytest.mark.django_db
    def test_the_demo_texts_are_in_each_language(self, loaded):
        """The licence is given in French and Spanish too, and the French alt text of a
        portrait elides "de" before a vowel."""
        photo = Photo.objects.first()
        assert photo.licence_fr and photo.licence_es
        assert len({photo.licence_en, photo.licence_fr, photo.licence_es}) == 3

        pope = Person.objects.get(name="Amy E. Pope")
        assert pope.portrait_alt_fr.startswith("Portrait provisoire d’Amy E. Pope")
        consonant = Person.objects.exclude(name__regex=r"^[AEIOUY]").first()
        assert f"provisoire de {consonant.name}" in consonant.portrait_alt_fr


def test_french_elides_de_before_a_vowel():
    """“de” becomes “d’” before a vowel, accented or not."""
    assert demo_photos.of_fr("Amy E. Pope") == "d’Amy E. Pope"
    assert demo_photos.of_fr("Étienne Roux") == "d’Étienne Roux"
    assert demo_photos.of_fr("Ugochi Daniels") == "d’Ugochi Daniels"
    assert demo_photos.of_fr("Ruth Odinga") == "de Ruth Odinga"
