"""Rich text: the one allow-list and the sanitiser every save and import path uses.

Imports no app's models, so both apps store rich text through `RichTextField`.
"""

import nh3
from django import forms
from django.db import models
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
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
