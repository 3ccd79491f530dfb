"""End to end in Chromium: the rich-text editor works in each language of the
release form, and what it writes is stored as clean HTML."""

import pytest
from playwright.sync_api import expect

from newsroom.models import PressRelease

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

TEXTS = {"en": "Summit statement", "fr": "Déclaration au sommet", "es": "Declaración"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_editor_writes_each_language_on_its_own(editor, release):
    """In each language of the switch an editor types a sentence and a bold word;
    each language's body is stored as clean HTML."""
    page = editor
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")

    for lang, text in TEXTS.items():
        page.click(f'.nr-language-switch button[data-lang="{lang}"]')
        panel = page.locator(f".field-body_{lang}")
        editable = panel.locator(".ProseMirror[contenteditable=true]")
        editable.click()
        page.keyboard.press("Control+a")
        page.keyboard.type(text)
        panel.locator("button[data-name=bold]").click()
        page.keyboard.type(" !")
        expect(editable).not_to_have_attribute("spellcheck", "false")
    # The release is live: the edit is published with the changes.
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.get_by_text("Publish the changes: done.")).to_be_visible()

    release = PressRelease.objects.get()
    for lang, text in TEXTS.items():
        assert release.field_in("body", lang) == f"<p>{text}<strong> !</strong></p>"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_toolbar_makes_headings_lists_links_and_quotes(editor, release):
    """Through the toolbar of one language an editor makes a level-2 heading, a bulleted
    list, a link and a block quote; the stored HTML has exactly those."""
    page = editor
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    panel = page.locator(".field-body_en")
    toolbar = panel.locator(".prose-menubar")
    editable = panel.locator(".ProseMirror[contenteditable=true]")
    editable.click()
    page.keyboard.press("Control+a")

    page.keyboard.type("Summit statement")
    toolbar.locator(".prose-menubar__selected").click()
    toolbar.locator("button[data-name=heading2]").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")

    toolbar.locator("button[data-name=bulletList]").click()
    page.keyboard.type("First point")
    page.keyboard.press("Enter")
    page.keyboard.type("Second point")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # An empty item ends the list.

    page.keyboard.type("Read the statement")
    page.keyboard.press("Enter")
    page.keyboard.type("Migration is a human reality.")
    toolbar.locator("button[data-name=blockquote]").click()

    # The link comes last, so that no keystroke follows the link dialog.
    editable.locator("p", has_text="Read the statement").click()
    page.keyboard.press("End")
    for _letter in "statement":
        page.keyboard.press("Shift+ArrowLeft")
    toolbar.locator("button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=href]").fill("https://www.iom.int/statement")
    dialog.locator("input[name=title]").fill("The statement")
    dialog.locator("button[type=submit]").click()
    editable.locator('a[href="https://www.iom.int/statement"]').wait_for()

    # The release is live: the edit is published with the changes.
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.get_by_text("Publish the changes: done.")).to_be_visible()
    release = PressRelease.objects.get()
    assert release.field_in("body", "en") == (
        "<h2>Summit statement</h2>"
        "<ul><li><p>First point</p></li><li><p>Second point</p></li></ul>"
        '<p>Read the <a href="https://www.iom.int/statement" title="The statement" '
        'rel="noopener noreferrer">statement</a></p>'
        "<blockquote><p>Migration is a human reality.</p></blockquote>"
    )
