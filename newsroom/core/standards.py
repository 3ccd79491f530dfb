"""Small rules shared by the machine-readable outputs: feeds, sitemaps, calendar and
contact files, structured data and the head links. Imports no app's models."""

import html
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import strip_tags


def site_authority():
    """The host name that makes our identifiers (tag: URIs, calendar UIDs) global.

    Taken from NEWSROOM_SITE_URL rather than the request, so an identifier does not
    change with the host name a client happened to use."""
    return urlsplit(settings.NEWSROOM_SITE_URL).hostname or "localhost"


def item_tag(item, kind, lang):
    """The tag: URI (RFC 4151) of `item`'s version in `lang`, from its pk and its
    first publication date: it stays the same when the title or slug is corrected.
    Feed entries and ninjs documents share it."""
    return f"tag:{site_authority()},{item.publish_at:%Y-%m-%d}:{kind}/{item.pk}/{lang}"


def date_modified(item):
    """The date a reader is told an item was modified: its correction, else its
    publication (a correction keeps the original date and sets this one)."""
    return item.corrected_at or item.publish_at


def last_changed(item):
    """The time the public document last changed, for sitemaps and HTTP caching:
    any save, but never before the item went public."""
    return max(filter(None, (item.publish_at, item.corrected_at, item.updated_at)))


def x_default_language(languages):
    """The language that `x-default` points at among `languages`: the site's
    default language when it is there, else the first one (settings order)."""
    languages = list(languages)
    if settings.LANGUAGE_CODE in languages:
        return settings.LANGUAGE_CODE
    return languages[0] if languages else None


def plain_text(rich_text):
    """Sanitised rich text as plain text (calendar descriptions, summaries)."""
    return html.unescape(strip_tags(rich_text or "")).strip()
