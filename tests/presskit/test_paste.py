"""Paste from Word and Google Docs: lists and tables survive, images are dropped
with a visible warning. The fixtures are clipboard HTML as Word (mso- markup,
conditional comments, VML) and Google Docs (docs-internal-guid wrapper, styled
spans) put it on the clipboard."""

from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import expect

from newsroom.clearance import revisions
from newsroom.clearance.revisions import with_pending_copy
from newsroom.core.richtext import sanitise
from newsroom.models import PressRelease
from tests.e2e.editor_fixtures import editor_fixture, release_fixture  # noqa: F401
from tests.factories import make_release

from .conftest import round_trip

CLIPBOARD = Path(__file__).with_name("clipboard")
SOURCES = ["word.html", "google-docs.html"]

PASTE = """([html, text]) => {
  const editable = document.querySelector(
    ".field-body_en .ProseMirror[contenteditable=true]");
  editable.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", text);
  editable.dispatchEvent(new ClipboardEvent("paste", {
    clipboardData: data, bubbles: true, cancelable: true}));
}"""


def structure(html):
    tree = lxml.html.fragment_fromstring(html, create_parent="div")

    def texts(xpath):
        return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]

    return {
        "top items": texts("./ul/li/p[1] | ./ul/li[not(p)]"),
        "nested": texts("./ul/li/ul/li"),
        "numbered": texts("./ol/li"),
        "header": texts(".//table//th"),
        "cells": texts(".//table//td"),
        "images": len(tree.xpath("//img")),
    }


def test_the_sanitiser_keeps_table_markup_and_scope_only():
    """The allow-list keeps a table's caption, head, body, rows, cells and a
    header's scope (a valid keyword only), nothing else of their attributes."""
    html = (
        '<table class="MsoTableGrid" border="1"><caption>Displaced</caption>'
        '<thead><tr><th scope="col" style="width:20pt">Country</th>'
        '<th scope="javascript:x">People</th></tr></thead>'
        '<tbody><tr><td width="301" onclick="x()">Niger</td><td>120,000</td></tr>'
        "</tbody></table>"
    )
    assert sanitise(html) == (
        "<table><caption>Displaced</caption><thead><tr>"
        '<th scope="col">Country</th><th>People</th></tr></thead>'
        "<tbody><tr><td>Niger</td><td>120,000</td></tr></tbody></table>"
    )


def test_google_docs_html_keeps_its_lists_and_table_through_the_sanitiser():
    """Stored without the editor (an import), Docs' clipboard keeps its lists
    and table; the image is gone."""
    found = structure(sanitise((CLIPBOARD / "google-docs.html").read_text()))
    assert found["numbered"] == ["Registration", "Assistance"]
    assert "Niger" in found["cells"]
    assert found["images"] == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("source", SOURCES)
def test_pasting_into_the_editor_keeps_lists_and_tables(editor, release, source):
    """Pasted into the release's body, the clipboard of Word or Google Docs saves
    as nested bulleted and numbered lists and a table whose bold first row is its
    header; the image is dropped, and a warning next to the editor says so."""
    page = editor
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.click('.nr-language-switch button[data-lang="en"]')
    panel = page.locator(".field-body_en")
    panel.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    html = (CLIPBOARD / source).read_text()
    page.evaluate(PASTE, [html, "plain text"])
    warning = page.locator(".paste-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("1")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/newsroom/pressrelease/")

    # The release is live: the edit waits in its working copy (clearance).
    body = with_pending_copy(PressRelease.objects.get()).body_en
    found = structure(body)
    assert found["top items"] == [
        "Shelter for displaced families",
        "Health care at transit centres",
    ]
    assert found["nested"] == ["Emergency kits in Niamey"]
    assert found["numbered"] == ["Registration", "Assistance"]
    assert found["header"] == ["Country", "People"]
    assert found["cells"] == ["Niger", "120,000", "Chad", "85,000"]
    assert found["images"] == 0
    assert "·" not in body and "mso" not in body and "docs-internal" not in body
    assert "<strong>more than 200,000 people</strong>" in body


@pytest.mark.django_db
def test_a_table_is_translated_cell_by_cell(tmp_path):
    """Translators get the caption and each cell as an entry; the table comes
    back whole, an empty cell kept in its place."""
    release = make_release(
        "table",
        body_en=(
            '<table><caption>Displaced</caption><thead><tr><th scope="col">Country'
            '</th><th scope="col">People</th></tr></thead><tbody><tr><td>Niger</td>'
            "<td></td></tr></tbody></table>"
        ),
    )
    po, _report = round_trip(tmp_path, "fr", lambda entry: "FR " + entry.msgid)
    blocks = [
        e.msgid
        for e in po
        if e.msgctxt.startswith(f"newsroom.pressrelease:{release.pk}:body")
    ]
    assert blocks == ["Displaced", "Country", "People", "Niger"]
    # The live release's import waits in its working copy until published.
    revisions.publish_changes(release)
    release.refresh_from_db()
    assert release.body_fr == (
        '<table><caption>FR Displaced</caption><thead><tr><th scope="col">'
        'FR Country</th><th scope="col">FR People</th></tr></thead><tbody><tr>'
        "<td>FR Niger</td><td></td></tr></tbody></table>"
    )
