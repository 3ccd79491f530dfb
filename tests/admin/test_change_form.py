"""The change form in Chromium at a laptop's 1366 × 900: one language switch for the
whole form, opening on the original's language and marking the missing and outdated
ones (trip 7); a title box as wide as a headline (trip 8); the prose editor's
toolbar with no empty glyph (trip 12); countries typed (trip 5); an event's zone
following its country (trip 2)."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from newsroom.core.languages import LANGUAGE_NAMES
from newsroom.core.publication import VersionState
from newsroom.models import PressRelease, Video
from tests.e2e.editor_fixtures import editor_fixture  # noqa: F401
from tests.factories import make_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def form(editor):
    """The change form of a release written in Spanish, its English version
    outdated and its French one missing."""
    release = make_release("sp", original="es", versions={"en": VersionState.OUTDATED})
    editor.set_viewport_size({"width": 1366, "height": 900})
    editor.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    return editor


def test_one_switch_opens_on_the_original_and_marks_languages(form):
    """One switch for every translated field, on Spanish; English is marked
    outdated, French missing; choosing French shows the French fields."""
    switch = form.locator(".nr-language-switch")
    expect(switch).to_have_count(1)
    expect(form.locator(".ui-tabs")).to_have_count(0)
    expect(switch.locator("[aria-pressed=true]")).to_have_attribute("data-lang", "es")
    expect(form.locator("#id_title_es")).to_be_visible()
    expect(form.locator("#id_lead_es")).to_be_visible()
    expect(form.locator("#id_title_en")).to_be_hidden()
    expect(form.locator("#id_title_fr")).to_be_hidden()
    expect(switch.locator("[data-lang=en] .nr-language-mark")).to_have_text("Outdated")
    expect(switch.locator("[data-lang=fr] .nr-language-mark")).to_have_text("Missing")
    expect(switch.locator("[data-lang=es] .nr-language-mark")).to_have_text("")

    switch.locator("[data-lang=fr]").click()
    expect(form.locator("#id_title_fr")).to_be_visible()
    expect(form.locator("#id_body_fr")).to_be_attached()
    expect(form.locator(".field-body_fr")).to_be_visible()
    expect(form.locator("#id_title_es")).to_be_hidden()
    # The label does not repeat the language the switch shows.
    expect(form.locator(".field-title_fr label")).to_have_text("Title:")


@pytest.mark.parametrize(
    ("lang", "label", "column"),
    [("en", "Title:", "Title"), ("fr", "Titre\u00a0:", "Titre")],
)
def test_the_switch_takes_the_language_off_the_labels(
    editor, live_server, lang, label, column
):
    """Under the switch, which says the language, a label says the field alone,
    in the admin's language ("Titre :" for « Titre (français) : »), and so does
    a video's column; a cell keeps the language in its name for a screen
    reader."""
    release = make_release("sp", original="es")
    Video.objects.create(release=release, url="https://vimeo.com/76979871")
    editor.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    editor.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    editor.locator(".nr-language-switch [data-lang=fr]").click()
    expect(editor.locator(".field-title_fr label")).to_have_text(label)
    expect(editor.locator("#videos-group th.column-title_fr")).to_have_text(column)
    with translation.override(lang):
        name = translation.pgettext("a table cell's control", "{column}, row {row}")
        french = f"{column} ({LANGUAGE_NAMES['fr']})"
    expect(editor.locator("#id_videos-0-title_fr")).to_have_accessible_name(
        name.format(column=french, row=1)
    )


def test_title_box_shows_a_headline(form):
    """The title box is wide enough for a headline, wider than a city's."""
    title = form.locator("#id_title_es").bounding_box()
    city = form.locator("#id_dateline_city_es").bounding_box()
    assert title["width"] >= 600
    assert city["width"] < title["width"]
    # And the form still fits the laptop's width.
    assert form.evaluate("document.documentElement.scrollWidth") <= 1366


def test_toolbar_dropdown_arrow_is_drawn(form):
    """The block menu's arrow is drawn in CSS, not a character that common fonts
    lack (it showed as an empty box)."""
    arrow = form.evaluate(
        """() => {
            const menu = document.querySelector(
                ".field-body_es .prose-menubar__selected");
            const style = getComputedStyle(menu, "::after");
            return [style.content, style.borderTopWidth, style.borderTopStyle];
        }"""
    )
    assert arrow[0] == '""'
    assert float(arrow[1].removesuffix("px")) > 0 and arrow[2] == "solid"


def test_countries_are_chosen_by_typing(form):
    """Countries is an autocomplete like topics and people: typing a few letters
    finds a country, Enter adds it (trip 5)."""
    expect(form.locator("select[name=countries]")).to_have_class(
        re.compile("select2-hidden-accessible")
    )
    form.locator(".field-countries .select2-selection").click()
    form.keyboard.type("Switz")
    expect(form.locator(".select2-results__option")).to_have_text(["Switzerland"])
    form.keyboard.press("Enter")
    form.keyboard.type("Azerb")
    form.keyboard.press("Enter")
    # The release is live: the edit is published with the changes.
    form.get_by_role("button", name="Publish the changes").click()
    expect(form.get_by_text("Publish the changes: done.")).to_be_visible()
    release = PressRelease.objects.get()
    assert [country.code for country in release.countries] == ["AZ", "CH"]


def test_event_zone_follows_the_country_until_the_editor_chooses_one(editor):
    """Choosing Azerbaijan sets Asia/Baku; a zone the editor chose stays (trip 2)."""
    page = editor
    page.goto("/admin/newsroom/event/add/")

    def choose(field, typed, option):
        page.locator(f".field-{field} .select2-selection").click()
        page.keyboard.type(typed)
        page.locator(".select2-results__option", has_text=option).first.click()

    expect(page.locator("#id_time_zone")).to_have_value("Europe/Zurich")
    choose("country", "Azerb", "Azerbaijan")
    expect(page.locator("#id_time_zone")).to_have_value("Asia/Baku")
    choose("time_zone", "Tbilisi", "Asia/Tbilisi")
    choose("country", "Barbad", "Barbados")
    expect(page.locator("#id_time_zone")).to_have_value("Asia/Tbilisi")
