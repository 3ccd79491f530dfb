"""Fixtures for the admin's browser tests: an editor logged in, a live release.
Test modules import the fixture functions they use."""

import datetime

import pytest
from django.utils import timezone

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from tests.photos import image_files

PASSWORD = "a-long-test-password"


@pytest.fixture(name="editor")
def editor_fixture(page, django_user_model):
    """The browser page, logged in to the admin as a superuser."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture(name="release")
def release_fixture(db):
    """A release in English, published an hour ago."""
    return PressRelease.objects.create(
        original_language="en",
        title_en="Regional Director speaks at the summit",
        slug_en="regional-director-speaks-at-the-summit",
        body_en="<p>The Regional Director spoke at the summit.</p>",
        version_state_en=VersionState.READY,
        state=PublicationState.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )


def choose_camera_photo(page, name):
    """Choose a JPEG straight from a camera (1600 × 1000, with EXIF and GPS) in the
    photo form's file input."""
    page.set_input_files(
        "input[name=image]",
        files=[
            {
                "name": name,
                "mimeType": "image/jpeg",
                "buffer": image_files.jpeg_from_camera((1600, 1000)),
            }
        ],
    )
