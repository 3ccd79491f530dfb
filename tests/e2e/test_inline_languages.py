"""End to end in Chromium: the language switch of the release form shows the rows
of its tabular inlines (videos, documents), one language's columns at a time."""

import pytest
from playwright.sync_api import expect

from newsroom.models import Video

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

TITLES = {"en": "The summit opens", "fr": "Le sommet s’ouvre", "es": "La cumbre"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_video_row_shows_in_every_language(editor, release):
    """A saved video stays on the form in each language of the switch, with that
    language's title and column header only; a row added after shows the same
    language."""
    Video.objects.create(
        release=release,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        **{f"title_{lang}": title for lang, title in TITLES.items()},
    )
    page = editor
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    row = page.locator("#videos-0")
    header = page.locator("#videos-group thead")
    for lang in TITLES:
        page.click(f'.nr-language-switch button[data-lang="{lang}"]')
        expect(row).to_be_visible()
        expect(row.locator(".field-url input")).to_be_visible()
        for other, title in TITLES.items():
            cell = row.locator(f"#id_videos-0-title_{other}")
            column = header.locator(f"th.column-title_{other}")
            if other == lang:
                expect(cell).to_have_value(title)
                expect(cell).to_be_visible()
                expect(column).to_have_text("Title")
            else:
                expect(cell).to_be_hidden()
                expect(column).to_be_hidden()

    page.click("#videos-group .add-row a")
    expect(page.locator("#id_videos-1-title_es")).to_be_visible()
    expect(page.locator("#id_videos-1-title_en")).to_be_hidden()
