"""End to end in Chromium: the rich-text editor works in each language tab of the
release form, and what it writes is stored as clean HTML."""

import pytest

from newsroom.models import PressRelease

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

TEXTS = {"en": "Summit statement", "fr": "Déclaration au sommet", "es": "Declaración"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_editor_writes_each_language_in_its_own_tab(editor, release):
    """In each tab an editor types a heading and a bold word; each language's body
    is stored as clean HTML."""
    page = editor
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")

    for lang, text in TEXTS.items():
        page.click(f'a[href="#tab_id_body_{lang}"]')
        panel = page.locator(f"#tab_id_body_{lang}")
        editable = panel.locator(".ProseMirror[contenteditable=true]")
        editable.click()
        page.keyboard.press("Control+a")
        page.keyboard.type(text)
        panel.locator("button[data-name=bold]").click()
        page.keyboard.type(" !")
        assert editable.get_attribute("spellcheck") != "false"
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/newsroom/pressrelease/")

    release = PressRelease.objects.get()
    for lang, text in TEXTS.items():
        assert release.field_in("body", lang) == f"<p>{text}<strong> !</strong></p>"
