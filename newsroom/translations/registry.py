"""What there is to translate: the models and fields registered with
modeltranslation, and the names (`msgctxt`) their entries carry."""

import functools

from django.db import models
from django.urls import NoReverseMatch, reverse
from modeltranslation import settings as mt_settings
from modeltranslation.translator import translator

from newsroom.core.publication import VersionState
from newsroom.core.richtext import (
    RichTextField,
)
from newsroom.core.standards import public_address

from .segments import segments

ONLY_MISSING = "missing"
ONLY_OUTDATED = "outdated"

# Translation options that are states, not text for translators.
STATE_FIELDS = frozenset({"version_state"})
# Translated text that is not exchanged: the public note on withdrawal, which
# publishers write in each language. A withdrawn item's row is what the public
# reads of it, so an import would publish a translator's note that no publisher
# saw; and the note is no part of the text a version needs to be ready.
PUBLISHER_TEXT_FIELDS = frozenset({"withdrawal_note"})


class ExchangeError(Exception):
    """The file cannot be applied at all; nothing was changed."""


# The registry


@functools.cache
def translatable_models():
    """Concrete models registered with modeltranslation that have text to
    translate, sorted by label."""
    return tuple(
        sorted(
            (
                model
                for model in translator.get_registered_models(abstract=False)
                if text_fields(model)
            ),
            key=lambda model: model._meta.label_lower,
        )
    )


def model_by_label(label):
    """The translatable model called `label` ("app_label.model"), or None."""
    for model in translatable_models():
        if model._meta.label_lower == label.lower():
            return model
    return None


@functools.cache
def text_fields(model):
    """The names of the model's translated text fields, in the model's order.
    Slugs are left out: the import derives them from the translated title."""
    registered = translator.get_options_for_model(model).all_fields
    return tuple(
        model_field.name
        for model_field in model._meta.fields
        if model_field.name in registered
        and model_field.name not in STATE_FIELDS | PUBLISHER_TEXT_FIELDS
        and isinstance(model_field, models.CharField | models.TextField)
        and not isinstance(model_field, models.SlugField)
    )


@functools.cache
def companion_fields(model):
    """The model's foreign keys to translatable content without states of its
    own (a release's photo and issuing office): their text shows on the item's
    page, so an export of selected items carries it."""
    return tuple(
        field.name
        for field in model._meta.fields
        if isinstance(field, models.ForeignKey)
        and field.related_model in translatable_models()
        and not has_version_states(field.related_model)
    )


def has_version_states(model):
    return "version_state" in translator.get_options_for_model(model).all_fields


def is_rich_text(model, name):
    return isinstance(model._meta.get_field(name), RichTextField)


def original_language(obj):
    return getattr(obj, "original_language", "") or mt_settings.DEFAULT_LANGUAGE


def field_value(obj, name, lang):
    return getattr(obj, f"{name}_{lang}", None) or ""


def has_text(obj, name, lang):
    """Whether `obj`'s field `name` has text in `lang`: words, not only markup
    (an empty paragraph of rich text) or spaces."""
    value = field_value(obj, name, lang)
    return bool(segments(value) if is_rich_text(type(obj), name) else value.strip())


def untranslated_fields(obj, lang, stale=False):
    """The names of `obj`'s text fields with text in its original language and
    none in `lang` (every one of them when `lang`'s text is `stale`: an outdated
    version's): a version that lacks them is not ready. The PO import and the
    admin apply this rule."""
    original = original_language(obj)
    return [
        name
        for name in text_fields(type(obj))
        if has_text(obj, name, original) and (stale or not has_text(obj, name, lang))
    ]


def field_labels(model, names):
    """The names people read of `model`'s fields `names` ("lead, body")."""
    return [str(model._meta.get_field(name).verbose_name) for name in names]


def version_state(obj, lang):
    if not has_version_states(type(obj)):
        return None
    return getattr(obj, f"version_state_{lang}", None) or VersionState.MISSING


def admin_url(obj, absolute=True, site=None):
    """The object's change page in the admin, or "" if it has none; absolute, on
    the address `site` (by default, public_address())."""
    meta = obj._meta
    try:
        path = reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""
    return (site or public_address()) + path if absolute else path


def context_for(obj, name, index=None):
    ctxt = f"{obj._meta.label_lower}:{obj.pk}:{name}"
    return ctxt if index is None else f"{ctxt}:{index}"
