"""The admin's read-only text of a translated field, and the names of items, marked
up in their language."""

from django import template
from django.core.exceptions import FieldDoesNotExist

from newsroom.core.languages import (
    name_in_its_language,
    text_language,
    with_name_in_its_language,
)

register = template.Library()


@register.filter
def read_only_language(field):
    """The language of an admin read-only field's text (`AdminReadonlyField`):
    "fr" for title_fr, shown to a translator of another language, so that a
    screen reader reads it in French; "" for a field in no language, or a
    value the admin computes."""
    try:
        model_field = field.form._meta.model._meta.get_field(field.field["field"])
    except (FieldDoesNotExist, TypeError):
        return ""
    return text_language(model_field) or ""


@register.filter
def item_name(obj, words=None):
    """An item's name (str) in the admin's pages, marked up in its language
    where that is not the admin's: a release's English title in the French
    admin (its original, or modeltranslation's fallback), a topic's. `words`
    cuts it, as `truncatewords` does."""
    return name_in_its_language(obj, None if words is None else int(words))


@register.filter
def naming(text, obj):
    """`text` (a page's title) with the name of `obj` in it marked up in its
    language, as `item_name` does; the page's <title> keeps the plain text."""
    return with_name_in_its_language(text, obj)
