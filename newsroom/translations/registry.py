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

ONLY_MISSING = "missing"
ONLY_OUTDATED = "outdated"

# Translation options that are states, not text for translators.
STATE_FIELDS = frozenset({"version_state"})


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
        and model_field.name not in STATE_FIELDS
        and isinstance(model_field, models.CharField | models.TextField)
        and not isinstance(model_field, models.SlugField)
    )


def has_version_states(model):
    return "version_state" in translator.get_options_for_model(model).all_fields


def is_rich_text(model, name):
    return isinstance(model._meta.get_field(name), RichTextField)


def original_language(obj):
    return getattr(obj, "original_language", "") or mt_settings.DEFAULT_LANGUAGE


def field_value(obj, name, lang):
    return getattr(obj, f"{name}_{lang}", None) or ""


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
