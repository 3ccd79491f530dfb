"""What the API tests share: a release with everything a ninjs document can carry,
and IPTC's ninjs 2.2 JSON schema (MIT licence, ninjs-schema.LICENSE) to validate
documents against."""

import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Document, Photo, PressRelease, Quote, Video
from organisation.models import Appointment, OrganisationProfile, Person, Position
from tests.factories import (
    EVERY_LANGUAGE,
    ago,
    make_contact,
    make_event,
    make_office,
    make_person,
    make_region,
    make_release,
    make_topic,
)
from tests.photos.conftest import run_worker, upload
from tests.photos.image_files import plain_jpeg
from tests.presskit.pdf_files import plain_pdf

NINJS_SCHEMA = json.loads(
    (Path(__file__).parent / "ninjs-schema_2.2.json").read_text(encoding="utf-8")
)


def ninjs_errors(document):
    """The messages of IPTC's schema about `document` (none when it is valid)."""
    validator = jsonschema.Draft202012Validator(
        NINJS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def pytest_configure(config):
    """Schemathesis's plugin, which turns `schema.parametrize()` into tests, only
    where it is used (pyproject.toml turns it off: its imports cost every pytest
    process 2 s); pytest calls this when it loads this file."""
    config.pluginmanager.import_plugin("schemathesis.pytest.plugin")


@pytest.fixture
def full_release(db, django_capture_on_commit_callbacks):
    """A live release in English and French (Spanish a draft) with a topic, a
    region's office, two countries, a quoted person, a public and an internal
    contact, a related live event, a correction, a photo with renditions, a PDF
    document and a video whose poster is the photo."""
    office = make_office("vienna", region=make_region("europe"), country="AT")
    photo = Photo(
        image=upload("harbour.jpg", plain_jpeg((900, 600))),
        alt_text_en="Boats in a harbour",
        alt_text_fr="Des bateaux dans un port",
        caption_en="The harbour at dawn",
        credit="A. Photographer",
        licence_en="CC BY 4.0",
    )
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    run_worker()
    person = Person.objects.create(name="Ada Quoted", slug="ada-quoted")
    post = Position.objects.create(title_en="Director", office=office)
    Appointment.objects.create(person=person, position=post)
    release = make_release(
        "full",
        versions={"fr": VersionState.READY, "es": VersionState.DRAFT},
        issuing_office=office,
        countries=["AT", "AZ"],
        topics=[make_topic("migration")],
        contacts=[make_contact("press office", office=office)],
        main_photo=photo,
        related_event=make_event("summit"),
        body_en="<p>Body <strong>text</strong></p>",
        correction_note_en="The date was wrong.",
        corrected_at=ago(hours=1),
    )
    make_contact("hidden desk", is_public=False).releasecontact_set.create(
        release=release, order=2
    )
    release.people_quoted.set([person])
    Document.objects.create(
        release=release,
        file=SimpleUploadedFile("report.pdf", plain_pdf()),
        title_en="Annual report",
        title_fr="Rapport annuel",
        language="fr",
    )
    Video.objects.create(
        release=release,
        url="https://youtu.be/dQw4w9WgXcQ",
        title_en="The summit",
        transcript_en="Words said at the summit.",
        broll_url="https://media.example.org/broll/summit.zip",
        poster=photo,
    )
    return release


@pytest.fixture
def press_kit(full_release):
    """`full_release` with all the rest a document can carry: a second topic,
    quotes (a person's, translated; an outside speaker's, in English only), a
    person mentioned, notes to editors, the organisation's boilerplate, related
    releases (one live in every language, one a draft); beside it a live release
    in every language, and two that stopped being public an hour ago (one
    withdrawn, one expired)."""
    release = full_release
    release.topics.add(make_topic("climate"))
    ada = release.people_quoted.get()
    Quote.objects.create(
        release=release, person=ada, text_en="We act.", text_fr="Nous agissons."
    )
    Quote.objects.create(
        release=release, attribution_en="a teacher", text_en="It helps."
    )
    release.people_mentioned.add(make_person("Ben Mentioned", "ben-mentioned"))
    OrganisationProfile.objects.create(
        name_en="Agency",
        boilerplate_en="<p>About the agency.</p>",
        boilerplate_fr="<p>À propos de l’agence.</p>",
    )
    PressRelease.objects.filter(pk=release.pk).update(
        notes_to_editors_en="<p>Notes.</p>", notes_to_editors_fr="<p>Notes fr.</p>"
    )
    related = make_release("related", versions=EVERY_LANGUAGE, publish_at=ago(days=3))
    draft = make_release("unready", state=PublicationState.DRAFT)
    release.related_releases.set([related, draft])
    trilingual = make_release(
        "trilingual", versions=EVERY_LANGUAGE, publish_at=ago(days=2)
    )
    withdrawn = make_release("withdrawn", publish_at=ago(days=4))
    expired = make_release("expired", publish_at=ago(days=5))
    gone_at = ago(hours=1)
    PressRelease.objects.filter(pk=withdrawn.pk).update(
        state=PublicationState.WITHDRAWN,
        public_publish_at=withdrawn.publish_at,
        updated_at=gone_at,
    )
    PressRelease.objects.filter(pk=expired.pk).update(expires_at=gone_at)
    return SimpleNamespace(
        release=PressRelease.objects.get(pk=release.pk),
        related=related,
        trilingual=trilingual,
        withdrawn=withdrawn,
        expired=expired,
        gone_at=gone_at,
    )
