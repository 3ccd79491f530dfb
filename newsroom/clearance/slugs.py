"""Permanent URLs: every slug that a public version of an item ever had keeps
leading to the item, and no other item of its kind may take it."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from newsroom.core.languages import LANGUAGE_CODES, localized

from .models import SlugRecord


def public_slugs(obj):
    """(language, slug) of the versions the public reads now. An item without
    publication states (an office) is public in every language it has a slug in."""
    if not getattr(obj, "is_live", True):
        return []
    languages = getattr(obj, "public_languages", lambda: LANGUAGE_CODES)()
    return [
        (lang, getattr(obj, localized("slug", lang)))
        for lang in languages
        if getattr(obj, localized("slug", lang))
    ]


def remember(obj, pairs):
    content_type = ContentType.objects.get_for_model(obj)
    known = set(
        SlugRecord.objects.filter(
            content_type=content_type, object_id=str(obj.pk)
        ).values_list("language", "slug")
    )
    for lang, slug in pairs:
        if (lang, slug) in known:
            continue
        try:
            with transaction.atomic():
                SlugRecord.objects.create(
                    content_type=content_type,
                    object_id=str(obj.pk),
                    language=lang,
                    slug=slug,
                )
        except IntegrityError:
            # Another item had it first; the form refuses such a slug.
            pass


def former_owner(model, slug):
    """The pk of the item of `model` that once had `slug` publicly, or None."""
    return (
        SlugRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), slug=slug
        )
        .values_list("object_id", flat=True)
        .first()
    )


def taken(model, slug, pk):
    """Whether `slug` once belonged to another item of `model`."""
    owner = former_owner(model, slug)
    return owner is not None and owner != str(pk)
