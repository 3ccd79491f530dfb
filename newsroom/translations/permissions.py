"""Who may export and import the content of which models."""

from django.contrib.auth import get_permission_codename

from newsroom.clearance.inlines import owner_model
from newsroom.core.languages import LANGUAGE_CODES

from .registry import translatable_models


def can_change(user, model):
    """Whether `user` may change `model`'s objects; a release's quotes,
    documents and videos are part of it: whoever may change it may."""
    model = owner_model(model) or model
    codename = get_permission_codename("change", model._meta)
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.{codename}")
    )


def changeable_models(user, models=None):
    models = translatable_models() if models is None else models
    return [model for model in models if can_change(user, model)]


def can_translate(user, lang):
    """Whether `user` holds the translator's right for the language `lang`."""
    return user.is_active and user.has_perm(f"translations.translate_{lang}")


def translated_languages(user):
    """The codes of the languages `user` holds the translator's right for."""
    return [lang for lang in LANGUAGE_CODES if can_translate(user, lang)]
