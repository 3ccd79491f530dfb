"""End to end in Chromium: the language switch of the release form shows the rows
of its tabular inlines (videos, documents), one language's columns at a time,
for an editor and for a translator, who edits only their languages' words."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from newsroom.clearance import roles
from newsroom.models import Quote, Video
from tests.clearance.conftest import ensure_roles

from .editor_fixtures import editor_fixture, release_fixture, signed_in  # noqa: F401

TITLES = {"en": "The summit opens", "fr": "Le sommet s’ouvre", "es": "La cumbre"}


def log_in_translator(page, live_server, django_user_model, lang):
    """The browser's session: a translator into `lang`, logged in."""
    ensure_roles()
    user = django_user_model.objects.create_user("translator", is_staff=True)
    user.groups.set([Group.objects.get(name=roles.translator_group(lang))])
    signed_in(page, live_server, user)
    return user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_video_row_shows_in_every_language(editor, release):
    """A saved video stays on the form in each language of the switch, with that
    language's title and column header only; a row added after shows the same
    language, its title named by its language in words and its row."""
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
    expect(page.locator("#id_videos-1-title_es")).to_have_accessible_name(
        "Title (Spanish), row 2"
    )
    expect(page.locator("#id_videos-1-title_en")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_translator_switches_between_their_languages(
    page, live_server, django_user_model, release
):
    """A translator of French alone has no switch: the labels of the rows keep
    their language in words ("Quote (French)" to edit below "Quote (English)"
    to read). A translator of French and Spanish switches between the two; the
    English words and the video's address stay in view."""
    user = log_in_translator(page, live_server, django_user_model, "fr")
    Video.objects.create(
        release=release,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        **{f"title_{lang}": title for lang, title in TITLES.items()},
    )
    Quote.objects.create(release=release, text_en="Old words")
    change = f"/admin/newsroom/pressrelease/{release.pk}/change/"
    page.goto(change)
    expect(page.locator(".nr-language-switch")).to_have_count(0)
    quote = page.locator("#quotes-0")
    expect(quote.locator(".field-text_fr label")).to_have_text("Quote (French):")
    expect(quote.locator(".field-text_en")).to_contain_text("Old words")
    expect(page.locator("#id_videos-0-title_fr")).to_have_value(TITLES["fr"])
    expect(page.locator("#videos-group th.column-title_fr")).to_have_text(
        "Title (French)"
    )

    user.groups.add(Group.objects.get(name=roles.translator_group("es")))
    page.goto(change)
    row = page.locator("#videos-0")
    for lang, other in (("es", "fr"), ("fr", "es")):
        page.click(f'.nr-language-switch button[data-lang="{lang}"]')
        expect(row.locator(f"#id_videos-0-title_{lang}")).to_be_visible()
        expect(row.locator(f"#id_videos-0-title_{other}")).to_be_hidden()
        expect(quote.locator(f"#id_quotes-0-text_{lang}")).to_be_visible()
        expect(quote.locator(f"#id_quotes-0-text_{other}")).to_be_hidden()
        expect(row.locator(".field-title_en")).to_contain_text(TITLES["en"])
        expect(row.locator(".field-url")).to_be_visible()
        expect(quote.locator(".field-text_en")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 1280, 1024])
def test_a_translators_video_row_never_widens_the_page(
    page, live_server, django_user_model, release, width
):
    """A translator into Spanish reads the English and French titles and
    transcripts of a video beside their own fields: the row scrolls within its
    table's column, never the whole page sideways (it widened a laptop's page
    by 780 pixels)."""
    log_in_translator(page, live_server, django_user_model, "es")
    Video.objects.create(
        release=release,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        transcript_en="Welcome to the summit. " * 20,
        **{f"title_{lang}": title for lang, title in TITLES.items()},
    )
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    expect(page.locator("#id_videos-0-transcript_es")).to_be_attached()
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0
