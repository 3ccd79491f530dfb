"""Rich text: the one allow-list and the sanitiser every save and import path uses.

Imports no app's models, so both apps store rich text through `RichTextField`.
"""

import nh3
from django.db import models

ALLOWED_TAGS = frozenset(
    {"p", "br", "h2", "h3", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise(html):
    """Return `html` with every tag, attribute and URL scheme outside the allow-list
    removed. Links get rel="noopener noreferrer"; scripts and styles lose their text."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


class RichTextField(models.TextField):
    """A text field holding sanitised HTML: cleaned on every save, in every language
    (modeltranslation's per-language fields subclass this one)."""

    def pre_save(self, model_instance, add):
        value = sanitise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
