"""The contexts of the content's PO entries (`app.model:pk:field[:block]`) are what
translators already hold: the translatable models and fields keep their names.

`tests/translations/contexts.txt` lists them; a field may be added to it, never
renamed or removed without a migration of the translators' files."""

from pathlib import Path

import polib
import pytest

from newsroom.core.publication import VersionState
from newsroom.models import PressRelease
from newsroom.translations.exporting import export_catalogue
from newsroom.translations.registry import (
    is_rich_text,
    text_fields,
    translatable_models,
)

SNAPSHOT = Path(__file__).with_name("contexts.txt")


def current_fields():
    return [
        f"{model._meta.label_lower}:{name}"
        + (":<block>" if is_rich_text(model, name) else "")
        for model in translatable_models()
        for name in text_fields(model)
    ]


def test_translatable_fields_keep_their_contexts(request):
    """Every translatable model and field is named as in the committed list."""
    fields = current_fields()
    if request.config.getoption("--update-urls"):
        SNAPSHOT.write_text("\n".join(fields) + "\n")
    assert set(SNAPSHOT.read_text().splitlines()) <= set(fields)


@pytest.mark.django_db
def test_an_exported_entry_names_model_pk_field_and_block():
    """A release's title and its body's second block have the contexts that files
    already exported carry."""
    release = PressRelease.objects.create(
        original_language="en",
        title_en="A title",
        body_en="<p>One.</p><p>Two.</p>",
        version_state_en=VersionState.READY,
    )
    po = polib.pofile(str(export_catalogue("fr")))
    contexts = {entry.msgctxt: entry.msgid for entry in po}
    assert contexts[f"newsroom.pressrelease:{release.pk}:title"] == "A title"
    assert contexts[f"newsroom.pressrelease:{release.pk}:body:1"] == "Two."
