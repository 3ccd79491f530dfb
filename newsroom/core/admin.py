"""The base of every admin with translated fields, in both apps: one language switch
for the whole form instead of a tab strip per field, text inputs as wide as their
content needs, countries chosen by typing, and a name for each control that has
no label of its own (a date and a time typed apart, the cells of a table of
forms, the rich-text editor). Imports no app's models."""

import errno
import logging

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import get_select2_language
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from modeltranslation import admin as translation_admin

from .richtext import RichTextEditor

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


# What a media storage that cannot take a file raises: a full, read-only or
# unwritable disk, or one that fails.
STORAGE_ERRNOS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EIO,
}

logger = logging.getLogger(__name__)


class KeepsWorkWhenStorageFails:
    """A save whose upload the media storage cannot take (a full or read-only
    disk) is a form error, not a 500: nothing is saved (the admin's transaction
    rolls back), and the form comes back with what the editor typed, to send
    again with the file chosen again."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            if request.method != "POST" or error.errno not in STORAGE_ERRNOS:
                raise
            logger.error("The media storage refused a file: %s", error)
            request.storage_error = error
            for _name, uploads in request.FILES.lists():
                for upload in uploads:
                    upload.seek(0)  # read by the first pass
            # The form again, refused by get_form(), on the same data.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        error = getattr(request, "storage_error", None)
        if error is None:
            return form

        class Refused(form):
            def clean(self):
                super().clean()
                raise ValidationError(
                    _(
                        "The file could not be stored (%(reason)s), so nothing was "
                        "saved. Choose the file again and save, or try later."
                    ),
                    params={"reason": error.strerror or error},
                )

        return Refused


# Where a cell's name says its row's number (admin-site.js puts the number in
# a row added in the page).
ROW_PLACEHOLDER = "__prefix__"


class NamedCellsFormSetMixin:
    """A formset laid out as a table (a tabular inline, a list's editable
    column), where a control has a column header but no label: each is named by
    its column and its row, "Phone number, row 2", a language's version of a
    translated field by the language's name as its label says it
    (newsroom.core.languages.version_name), "Title (French), row 2", even where
    the admin's language switch drops it from the column's header. Each keeps
    its name's pattern in `data-cell-name`, for the rows added or renumbered in
    the page."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.widget.is_hidden or not field.label:
                continue
            column = capfirst(field.label)
            # Translators: the name of a control in a table, by its column and
            # its row's number: "Phone number, row 2".
            pattern = pgettext("a table cell's control", "{column}, row {row}")
            cell = pattern.format(column=column, row=ROW_PLACEHOLDER)
            row = ROW_PLACEHOLDER if index is None else str(index + 1)
            # The widget drawn, inside the admin's wrapper of a relation (whose
            # own attrs, once the form's fields are copied, are the class's).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = cell.replace(ROW_PLACEHOLDER, row)
            widget.attrs["data-cell-name"] = cell


class NamedCellsModelFormSet(NamedCellsFormSetMixin, BaseModelFormSet):
    pass


class NamedCellsTabularInlineMixin:
    """For a tabular inline: its controls named by column and row
    (NamedCellsFormSetMixin), and no empty header cell (the template)."""

    template = "admin/edit_inline/named_cells_tabular.html"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (NamedCellsFormSetMixin, formset), {})


class TabularInline(NamedCellsTabularInlineMixin, admin.TabularInline):
    pass


def name_date_and_time(field):
    """Name the date and the time inputs of a split date and time field by the
    field's label ("Publish at — date"): the admin writes "Date:" and "Time:"
    beside them as plain text, and labels neither."""
    date, time = field.widget.widgets
    label = capfirst(field.label)
    date.attrs["aria-label"] = format_lazy(_("{field} — date"), field=label)
    time.attrs["aria-label"] = format_lazy(_("{field} — time"), field=label)


def name_rich_text_editor(field):
    """Give the rich-text editor (editor-texts.js) the field's label for a name:
    a language's version (modeltranslation's body_fr) says its language in
    words, "Body (French)", even where the admin's language switch drops it from
    the label."""
    field.widget.attrs["aria-label"] = field.label


class LanguageOfTextMixin:
    """For a model admin or an inline with translated fields: each language's
    text box (an input, a text area, the rich-text editor) carries `lang`, so
    that a screen reader reads its text in that language and the browser checks
    its spelling against that language's dictionary. A menu (a version's state)
    does not: its choices are in the admin's language. modeltranslation gives
    each language's field a copy of the widget of the field it translates
    (`title`): set here, once it has."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        widget = self._get_widget_from_field(field)
        if language and isinstance(widget, forms.TextInput | forms.Textarea):
            widget.attrs["lang"] = language


class TranslationStackedInline(
    LanguageOfTextMixin, translation_admin.TranslationStackedInline
):
    pass


class TranslationTabularInline(
    LanguageOfTextMixin,
    NamedCellsTabularInlineMixin,
    translation_admin.TranslationTabularInline,
):
    pass


class TranslatedAdmin(
    KeepsWorkWhenStorageFails, LanguageOfTextMixin, translation_admin.TranslationAdmin
):
    """A model admin whose translated fields are switched together, by one switch at
    the top of the form (newsroom/admin/language-switch.js): it opens on the
    original's language and marks the languages missing or outdated; an upload
    the storage refuses is a form error (KeepsWorkWhenStorageFails); the split
    dates and times, the rich-text editors and the list's editable cells are
    named."""

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
        if field is not None and isinstance(field.widget, forms.SplitDateTimeWidget):
            name_date_and_time(field)
        if field is not None and isinstance(field.widget, RichTextEditor):
            name_rich_text_editor(field)
        return field

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(
            request, **{"formset": NamedCellsModelFormSet, **kwargs}
        )
