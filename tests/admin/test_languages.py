"""The language of each translated field in the admin's forms, to a screen reader
and a spell-checker: every language's text box says its language (`lang`), in
every form and inline, and a table of forms names a language's cell by the
language's name in the admin's language, "Title (French), row 1", not by its
code."""

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from modeltranslation.admin import TranslationBaseModelAdmin

from newsroom.core.languages import LANGUAGE_NAMES
from newsroom.models import Video
from tests.factories import make_release, parse

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]

# modeltranslation's class on each language's control: "mt-field-title-fr".
LANGUAGE_CLASS = re.compile(r"\bmt-field-\S+-(\w+)\b")

TRANSLATED_ADMINS = sorted(
    (
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, TranslationBaseModelAdmin)
    ),
)


def translated_controls(tree):
    """(control, its field's language) for every control of a translated field."""
    controls = "//form//*[self::input or self::textarea or self::select]"
    for control in tree.xpath(controls):
        found = LANGUAGE_CLASS.search(control.get("class", ""))
        if found:
            yield control, found.group(1)


@pytest.mark.parametrize("label", TRANSLATED_ADMINS)
def test_every_translated_text_box_says_its_language(editor, label):
    """In the add form of every model with translated fields, inlines and the
    rows they add in the page included, each language's text box carries that
    language; a menu of states, whose choices are in the admin's language, does
    not."""
    app_label, model_name = label.lower().split(".")
    response = editor.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert response.status_code == 200
    controls = list(translated_controls(parse(response)))
    assert controls, "no translated field in the form"
    wrong = [
        (control.get("name"), control.get("lang"))
        for control, lang in controls
        if control.get("lang") != (None if control.tag == "select" else lang)
    ]
    assert not wrong


def test_a_release_forms_inlines_say_their_language(editor):
    """The release's title, lead and the titles and quotes of its inlines, in
    each language: the checks above do not pass on an empty walk."""
    tree = parse(editor.get(reverse("admin:newsroom_pressrelease_add")))
    for lang in LANGUAGES:
        for name in (
            f"title_{lang}",
            f"lead_{lang}",
            f"videos-__prefix__-title_{lang}",
            f"documents-__prefix__-title_{lang}",
            f"quotes-__prefix__-text_{lang}",
        ):
            (control,) = tree.xpath(f"//*[@name='{name}']")
            assert control.get("lang") == lang, name


def cell_name(lang, column, row, language=None):
    """What a table's cell is named in the admin's `lang`."""
    with translation.override(lang):
        if language:
            column = translation.pgettext(
                "a translated field", "{field} ({language})"
            ).format(field=column, language=LANGUAGE_NAMES[language])
        return translation.pgettext(
            "a table cell's control", "{column}, row {row}"
        ).format(column=column, row=row)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_cell_is_named_by_its_language(editor, lang):
    """A video's title in French, in its table of forms, is "Title (French), row
    1" in the admin's language (Spanish: "Título (francés), fila 1"), and the
    row the page adds keeps the pattern; a cell in no language is named by its
    column and row alone."""
    release = make_release("cells")
    Video.objects.create(release=release, url="https://vimeo.com/76979871")
    with translation.override(lang):
        title, address = (
            capfirst(Video._meta.get_field(name).verbose_name)
            for name in ("title", "url")
        )
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    tree = parse(
        editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    for language in LANGUAGES:
        (cell,) = tree.xpath(f"//*[@id='id_videos-0-title_{language}']")
        assert cell.get("aria-label") == cell_name(lang, title, 1, language)
        (added,) = tree.xpath(f"//*[@id='id_videos-__prefix__-title_{language}']")
        assert added.get("data-cell-name") == cell_name(
            lang, title, "__prefix__", language
        )
        assert "[" not in cell.get("aria-label")
    (url,) = tree.xpath("//*[@id='id_videos-0-url']")
    assert url.get("aria-label") == cell_name(lang, address, 1)
