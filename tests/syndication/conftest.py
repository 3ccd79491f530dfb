"""Fixtures of the syndication tests: the organisation, a region, an office and
photos. Releases, events, pages and contacts come from tests/factories.py."""

import io

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import translation
from PIL import Image

from newsroom.models import Photo
from organisation.models import Office, OrganisationProfile, Region
from tests.photos.conftest import run_worker

LANGUAGES = ("en", "fr", "es")
ORGANISATION_NAMES = {
    "en": "International Organization for Migration",
    "fr": "Organisation internationale pour les migrations",
    "es": "Organización Internacional para las Migraciones",
}


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: LocaleMiddleware leaves the language of the
    last request active in the test's thread."""
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db):
    return make_organisation()


@pytest.fixture
def region(db):
    return make_region()


def make_organisation():
    return OrganisationProfile.objects.create(
        **{f"name_{lang}": name for lang, name in ORGANISATION_NAMES.items()},
        acronym_en="IOM",
        acronym_fr="OIM",
        acronym_es="OIM",
        founding_year=1951,
        website="https://www.iom.int/",
    )


def make_region():
    return Region.objects.create(
        slug="europe-central-asia",
        name_en="South-Eastern Europe, Eastern Europe and Central Asia",
        name_fr="Europe du Sud-Est, Europe orientale et Asie centrale",
        name_es="Europa Sudoriental, Europa Oriental y Asia Central",
    )


@pytest.fixture
def office(region):
    return make_office(region)


def make_office(region):
    """The regional office in Vienna, in `region`."""
    return Office.objects.create(
        kind=Office.Kind.REGIONAL,
        slug="vienna",
        name_en="Regional Office in Vienna",
        name_fr="Bureau régional de Vienne",
        name_es="Oficina Regional en Viena",
        city_en="Vienna",
        city_fr="Vienne",
        city_es="Viena",
        country="AT",
        region=region,
        address="Dampfschiffstrasse 4",
    )


def jpeg_bytes(size=(60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def saved_photo(name, data, **fields):
    """A photo saved and committed, its renditions made by the worker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        photo = Photo.objects.create(
            image=SimpleUploadedFile(name, data, content_type="image/jpeg"), **fields
        )
    run_worker()
    return photo


@pytest.fixture
def photo(db):
    return make_photo()


def make_photo():
    return saved_photo(
        "baku.jpg",
        jpeg_bytes(),
        alt_text_en="The summit hall in Baku",
        alt_text_fr="La salle du sommet à Bakou",
    )


@pytest.fixture
def large_photo(db):
    """A photo larger than anything a page shares (1200 pixels wide): 1500 × 1000
    pixels, as small as that allows, since the worker makes every rendition."""
    return saved_photo(
        "summit.jpg", jpeg_bytes((1500, 1000)), alt_text_en="The summit hall in Baku"
    )


def stored_image(url):
    """(format, width, height, length in bytes) of the stored file at `url`."""
    name = url.removeprefix("http://testserver").removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.format, image.width, image.height, default_storage.size(name)
