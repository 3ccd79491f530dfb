"""Fixtures for the admin's browser tests: an editor logged in, a live release.
Test modules import the fixture functions they use."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from tests.photos import image_files

PASSWORD = "a-long-test-password"


@pytest.fixture(name="editor")
def editor_fixture(page, django_user_model, live_server):
    """The browser page, logged in to the admin as a superuser: the session a
    login opens is handed to the browser as its cookie (the login form itself
    is the editor flow's first step, tests/e2e/test_editor_flow.py)."""
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )
    return signed_in(page, live_server, user)


def signed_in(page, live_server, user):
    """`page`, its browser holding the session of `user`, logged in."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
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
