"""Rich text: the one allow-list and the sanitiser every save and import path uses.

Imports no app's models, so both apps store rich text through `RichTextField`.
"""

import nh3
from django import forms
from django.db import models
from django.urls import reverse_lazy
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.i18n import JavaScriptCatalog
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from modeltranslation.translator import NotRegistered, translator

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        # Tables pasted from Word or Google Docs keep their rows and headers.
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "ol": {"start"},
    "th": {"scope"},
}
# The only values of attributes that take a keyword.
ATTRIBUTE_VALUES = {("th", "scope"): {"row", "col", "rowgroup", "colgroup"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# The admin editor (django-prose-editor) offers what the allow-list keeps, no more:
# paragraphs, h2-h3, bold, italic, links, lists, block quotes and tables. (The
# allow-list also keeps <b> and <i>, which imported HTML may use, and a table's
# caption and header scope.) Links never open new tabs.
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # The editor turns the browser's spell checker off by default; editors want it.
    "NoSpellCheck": False,
}

# What the editor shows, in the admin's language (`EditorCatalogue`). English is
# django-prose-editor's own, down to its capitals.
# Its dialogs' texts, as the library asks the JavaScript catalogue for them.
DIALOG_TEXTS = {
    "Edit Link": pgettext_lazy("rich-text editor", "Edit Link"),
    "URL": pgettext_lazy("rich-text editor", "URL"),
    "Title": pgettext_lazy("rich-text editor", "Title"),
    "Table Properties": pgettext_lazy("rich-text editor", "Table Properties"),
    "Rows": pgettext_lazy("rich-text editor", "Rows"),
    "Columns": pgettext_lazy("rich-text editor", "Columns"),
    "Include header row": pgettext_lazy("rich-text editor", "Include header row"),
    "Insert Table": pgettext_lazy("rich-text editor", "Insert Table"),
    "List properties": pgettext_lazy("rich-text editor", "List properties"),
    "Start at": pgettext_lazy("rich-text editor", "Start at"),
    "List type": pgettext_lazy("rich-text editor", "List type"),
    "Bullets": pgettext_lazy("rich-text editor", "Bullets"),
    "Update": pgettext_lazy("rich-text editor", "Update"),
    "Cancel": pgettext_lazy("rich-text editor", "Cancel"),
}
# The options of the dialogs' lists, by their value (the library shows the value).
CHOICES = {
    "Yes": pgettext_lazy("rich-text editor", "Yes"),
    "No": pgettext_lazy("rich-text editor", "No"),
}
# The toolbar's buttons (their title and accessible name), by the name of their
# menu item; the headings' by their level.
BUTTON_TITLES = {
    "paragraph": pgettext_lazy("rich-text editor button", "paragraph"),
    "bulletList": pgettext_lazy("rich-text editor button", "unordered list"),
    "orderedList": pgettext_lazy("rich-text editor button", "ordered list"),
    "blockquote": pgettext_lazy("rich-text editor button", "blockquote"),
    "bold": pgettext_lazy("rich-text editor button", "bold"),
    "italic": pgettext_lazy("rich-text editor button", "italic"),
    "link": pgettext_lazy("rich-text editor button", "insert link"),
    "unlink": pgettext_lazy("rich-text editor button", "remove link"),
    "table": pgettext_lazy("rich-text editor button", "Insert table"),
    "table:addColumnAfter": pgettext_lazy("rich-text editor button", "Add column"),
    "table:deleteColumn": pgettext_lazy("rich-text editor button", "Delete column"),
    "table:addRowAfter": pgettext_lazy("rich-text editor button", "Add row"),
    "table:deleteRow": pgettext_lazy("rich-text editor button", "Delete row"),
    "table:mergeCells": pgettext_lazy("rich-text editor button", "Merge cells"),
    "table:splitCell": pgettext_lazy("rich-text editor button", "Split cell"),
    "table:toggleHeaderCell": pgettext_lazy(
        "rich-text editor button", "Toggle header cell"
    ),
    "table:deleteTable": pgettext_lazy("rich-text editor button", "Delete table"),
    "history:undo": pgettext_lazy("rich-text editor button", "undo"),
    "history:redo": pgettext_lazy("rich-text editor button", "redo"),
}
HEADING_TITLE = pgettext_lazy("rich-text editor button", "heading %(level)s")
# The block type menu's options, by the name of their menu item.
OPTION_TEXTS = {"paragraph": pgettext_lazy("rich-text editor menu", "Paragraph")}
HEADING_OPTION = pgettext_lazy("rich-text editor menu", "Heading %(level)s")


def sanitise(html):
    """Return `html` with every tag, attribute and URL scheme outside the allow-list
    removed. Links get rel="noopener noreferrer"; scripts and styles lose their text."""
    if not html:
        return html
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
        strip_comments=True,
        attribute_filter=keyword_values,
    ).strip()
    # The editor's empty document is an empty paragraph: store an empty field.
    return cleaned if strip_tags(cleaned).strip() else ""


PASTE_WARNING = _(
    "Images pasted: %(count)s, not kept. Add photos through the photo library, "
    "where they get their alt text and caption."
)


def keyword_values(tag, attribute, value):
    """nh3's attribute filter: an attribute that takes a keyword keeps only a
    valid one (`<th scope="col">`)."""
    allowed = ATTRIBUTE_VALUES.get((tag, attribute))
    if allowed is None:
        return value
    value = value.strip().lower()
    return value if value in allowed else None


class RichTextDisplay(forms.Widget):
    """Rich text shown, not edited: another language's text as a translator reads
    it beside their own, in its own language. For a disabled field (its value
    is the form's initial one, whatever is posted)."""

    def __init__(self, language, attrs=None):
        super().__init__(attrs)
        self.language = language

    def id_for_label(self, id_):
        return None  # nothing to focus: the label names the text

    def render(self, name, value, attrs=None, renderer=None):
        html = sanitise(value or "")
        if not html:
            # As the admin shows any other empty field a translator reads.
            return format_html('<div class="readonly">{}</div>', "-")
        return format_html(
            '<div class="nr-rich-text-display" lang="{}">{}</div>',
            self.language,
            mark_safe(html),  # noqa: S308 (sanitised)
        )


class EditorCatalogue(JavaScriptCatalog):
    """The editor's texts in the active language, added to the page's JavaScript
    catalogue (`django.catalog`, which the admin's own fills): the dialogs' by
    their English, as the library asks `gettext` for them; the buttons', the
    block type menu's options and the lists' choices under the keys that
    newsroom/admin/editor-texts.js asks `pgettext` for, by the name of the menu
    item or by the choice (`pgettext("editor-button", "bold")`)."""

    packages = ["django.contrib.admin"]  # the admin's plural rule, which this resets

    def get_catalog(self):
        levels = EDITOR_EXTENSIONS["Heading"]["levels"]
        buttons = BUTTON_TITLES | {
            f"heading{level}": HEADING_TITLE % {"level": level} for level in levels
        }
        options = OPTION_TEXTS | {
            f"heading{level}": HEADING_OPTION % {"level": level} for level in levels
        }
        return {
            **{text: str(translation) for text, translation in DIALOG_TEXTS.items()},
            **{f"editor-button\x04{key}": str(text) for key, text in buttons.items()},
            **{f"editor-option\x04{key}": str(text) for key, text in options.items()},
            **{f"editor-choice\x04{key}": str(text) for key, text in CHOICES.items()},
        }


class RichTextEditor(AdminProseEditorWidget):
    """The admin's editor, with its texts in the admin's language: the catalogue
    (`EditorCatalogue`) and the script that titles the toolbar's buttons from it.
    Both are classic scripts, which run before the editor's modules: these read
    some of their texts as they load."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=[reverse_lazy("editor-texts"), "newsroom/admin/editor-texts.js"]
        )


class RichTextField(models.TextField):
    """A text field holding sanitised HTML: cleaned on every save, in every language
    (modeltranslation's per-language fields subclass this one)."""

    def formfield(self, **kwargs):
        """The rich-text editor, whose output is sanitised again by the form."""
        field = super().formfield(
            **{
                "form_class": ProseEditorFormField,
                "config": {"extensions": EDITOR_EXTENSIONS},
                "sanitize": sanitise,
                **kwargs,
                # Rather than the admin's plain text area.
                "widget": RichTextEditor,
            }
        )
        # Said next to the editor by the admin's paste script (office-paste.js).
        field.widget.attrs["data-paste-warning"] = PASTE_WARNING
        return field

    def pre_save(self, model_instance, add):
        value = sanitise(getattr(model_instance, self.attname))
        if not is_translated_original(model_instance, self):
            setattr(model_instance, self.attname, value)
        return value


def is_translated_original(instance, field):
    """Whether `field` is one that modeltranslation translates (`body`, not
    `body_fr`). Its attribute reads the active language's text with fallbacks and
    writes to the active language's column, so writing back what was read would
    copy one language's text into another."""
    try:
        options = translator.get_options_for_model(type(instance))
    except NotRegistered:
        return False
    return field.name in options.fields


def sanitise_fields(instance):
    """Sanitise every rich-text field of `instance` in place, before a save that
    needs the stored text (e.g. to take its digest)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField) and not is_translated_original(
            instance, field
        ):
            setattr(instance, field.attname, sanitise(getattr(instance, field.attname)))
