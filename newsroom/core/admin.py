"""The base of every admin with translated fields, in both apps: one language switch
for the whole form instead of a tab strip per field, and text inputs as wide as
their content needs. Imports no app's models."""

from django.db import models
from modeltranslation.admin import TranslationAdmin

# The widest a text input gets, in characters; the narrowest.
WIDEST_INPUT, NARROWEST_INPUT = 90, 20


def input_size(max_length):
    """The visible characters of a text input for a field of `max_length`: a
    300-character headline gets a wide box, a 100-character city a third of it."""
    return min(WIDEST_INPUT, max(NARROWEST_INPUT, max_length // 3))


class TranslatedAdmin(TranslationAdmin):
    """A model admin whose translated fields are switched together, by one switch at
    the top of the form (newsroom/admin/language-switch.js): it opens on the
    original's language and marks the languages missing or outdated."""

    class Media:
        css = {"all": ["newsroom/admin/language-switch.css"]}
        js = ["newsroom/admin/language-switch.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            field is not None
            and isinstance(db_field, models.CharField)
            and db_field.max_length
            and "vTextField" in field.widget.attrs.get("class", "")
        ):
            field.widget.attrs["size"] = input_size(db_field.max_length)
        return field
