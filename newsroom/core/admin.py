"""The base of every admin with translated fields, in both apps: one language switch
for the whole form instead of a tab strip per field, text inputs as wide as their
content needs, and countries chosen by typing. Imports no app's models."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import get_select2_language
from django.db import models
from django_countries.fields import CountryField
from modeltranslation.admin import TranslationAdmin

# The widest a text input gets, in characters; the narrowest.
WIDEST_INPUT, NARROWEST_INPUT = 90, 20


def input_size(max_length):
    """The visible characters of a text input for a field of `max_length`: a
    300-character headline gets a wide box, a 100-character city a third of it."""
    return min(WIDEST_INPUT, max(NARROWEST_INPUT, max_length // 3))


class SearchableSelectMixin:
    """A select of a fixed list (250 countries) searched by typing, with the
    admin's own autocomplete (select2, as for topics, people and offices), but
    its options in the page rather than fetched."""

    def __init__(self, attrs=None, choices=()):
        language = get_select2_language()
        super().__init__(
            {
                "class": "nr-select2",
                "data-theme": "admin-autocomplete",
                "data-width": "resolve",
                **({"lang": language} if language else {}),
                **(attrs or {}),
            },
            choices,
        )

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        return forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *([f"admin/js/vendor/select2/i18n/{language}.js"] if language else []),
                "admin/js/jquery.init.js",
                "newsroom/admin/searchable-select.js",
            ],
            css={
                "screen": [
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                ]
            },
        )


class SearchableSelect(SearchableSelectMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableSelectMixin, forms.SelectMultiple):
    pass


class TranslatedAdmin(TranslationAdmin):
    """A model admin whose translated fields are switched together, by one switch at
    the top of the form (newsroom/admin/language-switch.js): it opens on the
    original's language and marks the languages missing or outdated."""

    class Media:
        css = {"all": ["newsroom/admin/language-switch.css"]}
        js = ["newsroom/admin/language-switch.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField) and "widget" not in kwargs:
            kwargs["widget"] = (
                SearchableSelectMultiple if db_field.multiple else SearchableSelect
            )
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            field is not None
            and isinstance(db_field, models.CharField)
            and db_field.max_length
            and "vTextField" in field.widget.attrs.get("class", "")
        ):
            field.widget.attrs["size"] = input_size(db_field.max_length)
        return field
