"""The worker's side of renditions: made after an upload, a focal point change, or
a page that found some missing, never while a visitor waits."""

import django.dispatch
from django.apps import apps
from PIL import Image

from newsroom.worker import task

from .renditions import (
    make_renditions,
    missing_renditions,
    plan_renditions,
    remember_failure,
)

# Sent when the renditions of an image have been made: pages that showed its
# original (the page cache) are out of date.
renditions_made = django.dispatch.Signal()


@task()
def make_image_renditions(model_label, field_name, name, size, options):
    """Make the missing renditions of `options` (image_set's options, a list) of
    the stored image `name` of `model_label`'s `field_name`, whose size is `size`,
    unless no row holds that file any more. Safe to run twice: renditions that
    exist are not made again."""
    model = apps.get_model(model_label)
    if not model._default_manager.filter(**{field_name: name}).exists():
        return 0
    storage = model._meta.get_field(field_name).storage
    plan = {}
    for option in options:
        plan.update((item[0], item) for item in plan_renditions(name, size, **option))
    missing = missing_renditions(storage, list(plan.values()))
    if not missing:
        return 0
    try:
        make_renditions(storage, name, missing)
    except (OSError, TypeError, ValueError, Image.DecompressionBombError) as error:
        remember_failure(name, error)
        return 0
    renditions_made.send(sender=model, name=name)
    return len(missing)
