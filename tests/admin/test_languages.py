"""The language of each translated field in the admin's forms, to a screen reader
and a spell-checker: every language's text box says its language (`lang`), in
every form and inline."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from modeltranslation.admin import TranslationBaseModelAdmin

from tests.factories import parse

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
    for control in tree.xpath(
        "//form//*[self::input or self::textarea or self::select]"
    ):
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
