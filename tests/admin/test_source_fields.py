"""Editing the original's text makes the ready translations outdated, for every
translated text field of every registered publishable model: a field added later
cannot be forgotten (issue 20, trip 9)."""

import pytest
from django.db import models
from modeltranslation.translator import translator

from newsroom.core.publication import Publishable, VersionState
from tests.factories import EVERY_LANGUAGE, make_event, make_page, make_release

pytestmark = pytest.mark.django_db

BUILDERS = {
    "page": make_page,
    "pressrelease": make_release,
    "event": make_event,
}


def translated_text_fields(model):
    """Every translated field holding text that a translator translates, in a
    stable order (pytest-xdist's workers must collect the same tests)."""
    for name in sorted(translator.get_options_for_model(model).fields):
        field = model._meta.get_field(name)
        if name == "version_state" or isinstance(field, models.SlugField):
            continue
        if isinstance(field, models.CharField | models.TextField):
            yield name


PUBLISHABLE = sorted(
    (
        model
        for model in translator.get_registered_models()
        if issubclass(model, Publishable)
    ),
    key=lambda model: model._meta.label,
)
CASES = [
    (model, name)
    for model in PUBLISHABLE
    for name in translated_text_fields(model)
    if name not in getattr(model, "source_exclude", ())
]


def test_every_publishable_model_is_walked():
    """The walk sees the three publishable kinds, and each has a builder here."""
    assert {model._meta.model_name for model in PUBLISHABLE} == set(BUILDERS)
    assert ("page", "intro") in {(m._meta.model_name, n) for m, n in CASES}


@pytest.mark.parametrize(
    ("model", "name"), CASES, ids=[f"{m._meta.model_name}.{n}" for m, n in CASES]
)
def test_a_change_of_the_original_outdates_the_translations(model, name):
    """Changing any translated text of the original marks ready versions outdated."""
    texts = {f"{name}_{lang}": f"<p>{name} in {lang}</p>" for lang in EVERY_LANGUAGE}
    item = BUILDERS[model._meta.model_name](versions=EVERY_LANGUAGE, **texts)
    assert item.translation_state("fr") == VersionState.READY

    setattr(item, f"{name}_en", f"<p>{name} in en, corrected</p>")
    item.save()
    item.refresh_from_db()
    assert item.translation_state("fr") == VersionState.OUTDATED
    assert item.translation_state("es") == VersionState.OUTDATED
    assert item.translation_state("en") == VersionState.READY


def test_a_change_of_a_translation_outdates_nothing():
    """Editing the French intro leaves the other versions as they were."""
    page = make_page(versions=EVERY_LANGUAGE, intro_en="Intro", intro_fr="Intro fr")
    page.intro_fr = "Une autre introduction"
    page.save()
    page.refresh_from_db()
    assert page.translation_state("es") == VersionState.READY
