"""Fixtures of the syndication tests: the organisation, and factories for releases,
events and media contacts in any publication state and any language states."""

import datetime
import io
import itertools

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import ContactPhone, Event, MediaContact, Photo, PressRelease
from organisation.models import Office, OrganisationProfile, Region

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
    return OrganisationProfile.objects.create(
        **{f"name_{lang}": name for lang, name in ORGANISATION_NAMES.items()},
        acronym_en="IOM",
        acronym_fr="OIM",
        acronym_es="OIM",
        founding_year=1951,
        website="https://www.iom.int/",
    )


@pytest.fixture
def region(db):
    return Region.objects.create(
        slug="europe-central-asia",
        name_en="South-Eastern Europe, Eastern Europe and Central Asia",
        name_fr="Europe du Sud-Est, Europe orientale et Asie centrale",
        name_es="Europa Sudoriental, Europa Oriental y Asia Central",
    )


@pytest.fixture
def office(region):
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


def text_fields(prefix, number, ready, drafts):
    """Title, slug and text of a numbered item in its ready and draft languages."""
    values = {}
    for lang in LANGUAGE_CODES:
        if lang in ready or lang in drafts:
            values[f"title_{lang}"] = f"{prefix} {number} [{lang}]"
            values[f"slug_{lang}"] = f"{prefix.lower()}-{number}-{lang}"
            state = VersionState.READY if lang in ready else VersionState.DRAFT
            values[f"version_state_{lang}"] = state
    return values


@pytest.fixture
def make_release(db):
    """A press release: live in every language unless told otherwise."""
    numbers = itertools.count(1)

    def make(
        ready=LANGUAGES,
        drafts=(),
        state=PublicationState.PUBLISHED,
        publish_at=None,
        **fields,
    ):
        number = next(numbers)
        values = text_fields("Release", number, ready, drafts)
        for lang in (*ready, *drafts):
            values[f"lead_{lang}"] = f"Lead of release {number} [{lang}]"
        values.update(
            state=state,
            publish_at=publish_at or timezone.now() - datetime.timedelta(hours=number),
            original_language=(ready or drafts)[0],
        )
        values.update(fields)
        return PressRelease.objects.create(**values)

    return make


@pytest.fixture
def make_event(db):
    """An event three days ahead, live in every language unless told otherwise."""
    numbers = itertools.count(1)

    def make(
        ready=LANGUAGES,
        drafts=(),
        state=PublicationState.PUBLISHED,
        start=None,
        **fields,
    ):
        number = next(numbers)
        start = start or timezone.now() + datetime.timedelta(days=3, hours=number)
        values = text_fields("Event", number, ready, drafts)
        for lang in (*ready, *drafts):
            values[f"description_{lang}"] = f"<p>About event {number} [{lang}]</p>"
            values[f"venue_{lang}"] = f"Venue {number} [{lang}]"
            values[f"city_{lang}"] = f"City [{lang}]"
        values.update(
            state=state,
            publish_at=timezone.now() - datetime.timedelta(days=1),
            original_language=(ready or drafts)[0],
            start=start,
            end=start + datetime.timedelta(hours=2),
            time_zone="Asia/Baku",
            country="AZ",
        )
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def make_contact(db):
    numbers = itertools.count(1)

    def make(is_public=True, **fields):
        number = next(numbers)
        values = {
            "name": f"Joe Lowry {number}",
            "slug": f"joe-lowry-{number}",
            "email": f"press{number}@example.org",
            "job_title_en": "Senior Regional Media and Communications Officer",
            "job_title_fr": "Chargé principal de la communication régionale",
            "job_title_es": "Oficial superior regional de medios y comunicación",
            "languages": "en fr",
            "is_public": is_public,
        }
        values.update(fields)
        contact = MediaContact.objects.create(**values)
        ContactPhone.objects.create(
            contact=contact, kind=ContactPhone.Kind.MOBILE, number="+436603776404"
        )
        ContactPhone.objects.create(
            contact=contact, kind=ContactPhone.Kind.WORK, number="+41227179111", order=1
        )
        return contact

    return make


def jpeg_bytes(size=(60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def photo(db):
    return Photo.objects.create(
        image=SimpleUploadedFile("baku.jpg", jpeg_bytes(), content_type="image/jpeg"),
        alt_text_en="The summit hall in Baku",
        alt_text_fr="La salle du sommet à Bakou",
    )


@pytest.fixture
def large_photo(db):
    """A photo far larger than anything a page shares: 2400 × 1600 pixels."""
    return Photo.objects.create(
        image=SimpleUploadedFile(
            "summit.jpg", jpeg_bytes((2400, 1600)), content_type="image/jpeg"
        ),
        alt_text_en="The summit hall in Baku",
    )


def stored_image(url):
    """(format, width, height, length in bytes) of the stored file at `url`."""
    name = url.removeprefix("http://testserver").removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.format, image.width, image.height, default_storage.size(name)
