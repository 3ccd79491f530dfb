"""Who may export and import the content of which models."""

from django.contrib.auth import get_permission_codename

from .registry import translatable_models


def can_change(user, model):
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
