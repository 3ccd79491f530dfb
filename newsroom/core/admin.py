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
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from modeltranslation import admin as translation_admin
from modeltranslation.translator import NotRegistered, translator

from .languages import (
    fallback_language,
    in_its_language,
    name_in_its_language,
    text_language,
    with_name_in_its_language,
)
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


class NamesInTheirLanguageMixin:
    """For a model admin: the names it prints in its list and its messages say
    their language (lang) where that is not the admin's, as its pages' titles do
    (the `item_name` filter): a release's English title in the French admin, a
    topic's English name while it has no French one. The list's columns of the
    item (__str__), of a translated field (its text, or modeltranslation's
    fallback) and of a related item with a named language (`name_language()`)
    become functions that mark the text up, named, sorted and linked as the
    columns they replace; the messages on adding, changing and deleting an item
    mark up its name."""

    def get_list_display(self, request):
        return [
            self.column_in_its_language(name) or name
            for name in super().get_list_display(request)
        ]

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        if not links:
            return links
        columns = {
            getattr(column, "field_name", column): column for column in list_display
        }
        return [columns.get(name, name) for name in links]

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        if related is False:
            # Django joins the related items of the columns it knows as fields.
            related = [
                column.field_name
                for column in self.get_list_display(request)
                if getattr(column, "related", False)
            ] or False
        return related

    def column_in_its_language(self, name):
        """The column that prints `name` marked up in its language, or None for
        a column that prints no name nor translated text (or an editable one)."""
        if not isinstance(name, str) or name in self.list_editable:
            return None
        if name == "__str__":
            label, value, related = self.opts.verbose_name, name_in_its_language, False
        else:
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                return None
            label, related = field.verbose_name, field.many_to_one
            if name in translated_fields(self.model):

                def value(obj):
                    return in_its_language(
                        getattr(obj, name), fallback_language(obj, name)
                    )

            elif text_language(field):

                def value(obj):
                    return in_its_language(getattr(obj, name), text_language(field))

            elif related and hasattr(field.related_model, "name_language"):

                def value(obj):
                    item = getattr(obj, name)
                    return item and name_in_its_language(item)

            else:
                return None

        # A function of its own, named as the column it replaces: its header,
        # its cells' classes (field-title), its sorting, its links.
        def column(obj):
            return value(obj)

        column.__name__ = column.field_name = name
        column.short_description = label
        column.related = related
        if name != "__str__":
            column.admin_order_field = name
        return column

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(
            request, named_in_its_language(obj), post_url_continue
        )

    def response_change(self, request, obj):
        return super().response_change(request, named_in_its_language(obj))

    def delete_model(self, request, obj):
        request.deleted_item = obj
        super().delete_model(request, obj)

    def message_user(self, request, message, *args, **kwargs):
        # Django says the name of the item deleted as text.
        deleted = getattr(request, "deleted_item", None)
        if deleted is not None:
            message = with_name_in_its_language(message, deleted)
        super().message_user(request, message, *args, **kwargs)


def translated_fields(model):
    """The names of `model`'s translated fields ("title"), none if it has none."""
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return {}


def named_in_its_language(obj):
    """`obj`, which Django's messages on adding and changing it, formatting it
    as HTML (format_html asks for its __html__), name in its language: "The
    press release “…” was changed successfully."; str(obj) stays plain."""
    obj.__html__ = lambda: name_in_its_language(obj)
    return obj


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
    KeepsWorkWhenStorageFails,
    LanguageOfTextMixin,
    NamesInTheirLanguageMixin,
    translation_admin.TranslationAdmin,
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
