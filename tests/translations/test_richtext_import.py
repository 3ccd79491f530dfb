"""The rich-text allow-list holds for translations too: each row of the table the
admin and every save are held to goes through export, a filled PO file and import."""

import re

import polib
import pytest
from django.core.management import call_command

from tests.photos.test_richtext import TABLE

from .conftest import make_release

pytestmark = pytest.mark.django_db

BLOCK_TAG = re.compile(r"</?(?:p|h2|h3|ul|ol|li|blockquote)\b[^>]*>")


@pytest.mark.parametrize(("given", "kept"), TABLE)
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_po_import_applies_the_allow_list(tmp_path, lang, given, kept):
    """A translator's segment keeps what the allow-list keeps, inline, inside the
    original's paragraph; a segment left with no text leaves no empty paragraph."""
    release = make_release(body_en="<p>The source paragraph.</p><p>A second one.</p>")
    path = tmp_path / f"content-{lang}.po"
    call_command("export_translations", "--language", lang, "-o", str(path))
    po = polib.pofile(str(path))
    body = f"newsroom.pressrelease:{release.pk}:body"
    po.find(f"{body}:0", by="msgctxt").msgstr = given
    po.find(f"{body}:1", by="msgctxt").msgstr = "Un autre."
    po.save(str(path))

    call_command("import_translations", str(path))

    release.refresh_from_db()
    inline = BLOCK_TAG.sub("", kept).strip()
    first = f"<p>{inline}</p>" if re.sub(r"<[^>]*>", "", inline).strip() else ""
    assert release.field_in("body", lang) == first + "<p>Un autre.</p>"
