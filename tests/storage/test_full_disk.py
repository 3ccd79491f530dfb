"""A media disk that is full or read-only: an upload is refused on the form with
the reason, nothing is saved, what the editor typed comes back, and no partial
file is left on the disk."""

import errno

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.urls import reverse

from newsroom.models import Document, Photo, PressRelease
from tests.factories import form_data, make_release, parse
from tests.photos.conftest import stored_files, upload
from tests.photos.image_files import jpeg_from_camera
from tests.presskit import pdf_files

pytestmark = pytest.mark.django_db

REFUSED = "The file could not be stored ({reason}), so nothing was saved."


@pytest.fixture
def full_disk(monkeypatch, media_root):
    """Every write to the media folder fails as a full disk does."""

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    return media_root


def page_errors(response):
    tree = parse(response)
    return " ".join(
        " ".join(tree.xpath("//ul[contains(@class, 'errorlist')]//text()")).split()
    )


def test_a_photo_the_disk_cannot_take_is_a_form_error(admin_client, full_disk):
    response = admin_client.post(
        reverse("admin:newsroom_photo_add"),
        {
            "image": upload("harbour.jpg", jpeg_from_camera()),
            "original_language": "en",
            "alt_text_en": "A harbour at dawn",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert response.status_code == 200
    assert REFUSED.format(reason="No space left on device") in page_errors(response)
    assert 'value="A harbour at dawn"' in response.content.decode()
    assert not Photo.objects.exists()


def test_a_release_edit_with_a_document_keeps_the_text_typed(admin_client, full_disk):
    """A document added while the body is edited: the body comes back in the
    form, nothing of the save reaches the release."""
    release = make_release("kept", state="draft")
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    data = form_data(admin_client.get(change))
    data.update(
        {
            "body_en": "<p>Three paragraphs the editor typed.</p>",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_en": "Statement",
            "documents-0-language": "en",
            "documents-0-order": "0",
            "documents-0-file": upload("statement.pdf", pdf_files.plain_pdf()),
        }
    )
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "nothing was saved" in page_errors(response)
    assert "Three paragraphs the editor typed." in response.content.decode()
    assert not Document.objects.exists()
    assert "Three paragraphs" not in PressRelease.objects.get(pk=release.pk).body_en


def test_a_file_the_disk_filled_up_half_way_is_removed(media_root):
    """Django writes to the final name as it reads: a write that fails part of
    the way leaves no truncated file behind."""

    class FillsUp(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"\xff\xd8" + b"x" * 1000
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        default_storage.save("photos/half.jpg", FillsUp(b""))
    assert stored_files(media_root) == []
