"""Keeping storage in step with the database: renditions queued on upload, files
removed with their rows."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

from .renditions import (
    PORTRAIT_FOCAL,
    delete_renditions,
    queue_renditions,
    source_size,
    use_options,
)

logger = logging.getLogger(__name__)

# The uses of each image field, and the focal point of those without focal fields
# (connect() may be given others).
FIELD_USES = {
    "newsroom.Photo.image": ("page", "card", "thumbnail", "preview"),
    "organisation.Person.portrait": ("square",),
}
FIELD_FOCAL = {"organisation.Person.portrait": PORTRAIT_FOCAL}


def connect(model, field_name, focal_fields=None, *, uses=None, focal=None):
    """Keep `model`'s image files in step with its rows: when the image changes,
    the old file and its renditions go and the worker is asked for the renditions
    of its `uses`; when the focal point moves, the old crops go and the worker is
    asked for the new ones; when
    the row is deleted, the file and its renditions go. All of it waits for the
    transaction's commit. Called from the app's `ready()`; `uses` and `focal` (for
    a model without focal fields) default to FIELD_USES and FIELD_FOCAL."""
    label = f"{model._meta.label}.{field_name}"
    uid = f"newsroom.images:{label}"
    uses = FIELD_USES.get(label, ()) if uses is None else uses
    fixed_focal = focal or FIELD_FOCAL.get(label, (0.5, 0.5))

    def state(instance):
        # The name of the stored file: an upload not saved yet has none.
        value = instance.__dict__.get(field_name)
        stored = isinstance(value, str) or getattr(value, "_committed", False)
        name = (getattr(value, "name", value) or "") if stored else ""
        focal = tuple(instance.__dict__.get(f) for f in focal_fields or ())
        return name, focal

    def remember(sender, instance, **kwargs):
        instance._image_state = getattr(instance, "_image_state", {})
        instance._image_state[field_name] = state(instance)

    def after_save(sender, instance, raw=False, **kwargs):
        old_name, old_focal = getattr(instance, "_image_state", {}).get(
            field_name, ("", ())
        )
        name, focal = state(instance)
        storage = model._meta.get_field(field_name).storage
        if old_name and old_name != name:
            transaction.on_commit(lambda: forget_file(model, field_name, old_name))
        elif name and old_focal != focal:
            transaction.on_commit(
                lambda: delete_renditions(storage, name, crops_only=True)
            )
        if name and not raw and (old_name != name or old_focal != focal):
            known = focal_fields and None not in focal
            point = tuple(map(float, focal)) if known else fixed_focal
            transaction.on_commit(
                lambda: queue_uses(getattr(instance, field_name), name, uses, point)
            )
        remember(sender, instance)

    def after_delete(sender, instance, **kwargs):
        name, _focal = state(instance)
        if name:
            transaction.on_commit(lambda: forget_file(model, field_name, name))

    post_init.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)


def queue_uses(fieldfile, name, uses, focal):
    """Ask the worker for the renditions of `uses` of a file just saved, unless the
    row has another file by now. Best effort: what is not made then is asked for
    again by the first page that shows it."""
    if fieldfile.name != name:
        return
    try:
        size = source_size(fieldfile)
    except (OSError, TypeError, ValueError) as error:
        logger.warning("Cannot read the size of %s (%s).", name, error)
        return
    options = [use_options(use, focal) for use in uses]
    queue_renditions(fieldfile, size, options, again=True)


def forget_file(model, field_name, name):
    """Delete a stored image and its renditions unless another row still uses it."""
    if model._default_manager.filter(**{field_name: name}).exists():
        return
    storage = model._meta.get_field(field_name).storage
    delete_renditions(storage, name)
    storage.delete(name)
