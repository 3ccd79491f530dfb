"""The admin's read-only text of a translated field, marked up in its language."""

from django import template
from django.core.exceptions import FieldDoesNotExist

from newsroom.core.languages import text_language

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
