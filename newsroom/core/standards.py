"""Small rules shared by the machine-readable outputs: feeds, sitemaps, calendar and
contact files, structured data and the head links. Imports no app's models."""

import html
import re
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.utils.html import strip_tags

# Where rich text starts a new line, and where a table cell ends.
LINE_BREAK = re.compile(r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote|caption|tr)>", re.I)
CELL_END = re.compile(r"</t[dh]>", re.I)
# White space as HTML reads it: one space, wherever the text wraps its lines.
HTML_SPACES = re.compile(r"[ \t\r\n\f]+")

# The public address when NEWSROOM_SITE_URL is not set and no request tells it.
DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"


def public_address(request=None):
    """The site's public address, without a trailing slash: NEWSROOM_SITE_URL, the
    production setting, when it is set; else the address `request` came to (a
    developer's `make run PORT=8801`), else the development default."""
    if settings.NEWSROOM_SITE_URL:
        return settings.NEWSROOM_SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_ADDRESS


def public_address_check(app_configs=None, **kwargs):
    """A deployment check (`check --deploy`): production names its public address,
    or emails and feed identifiers say the development one."""
    if settings.NEWSROOM_SITE_URL:
        return []
    return [
        checks.Warning(
            "NEWSROOM_SITE_URL is not set: emails, embargo links sent by email and "
            f"feed identifiers would name {DEVELOPMENT_ADDRESS}.",
            hint="Set NEWSROOM_SITE_URL to the site's public address, e.g. "
            "https://news.example.org.",
            id="newsroom.W001",
        )
    ]


def sender_address_check(app_configs=None, **kwargs):
    """A deployment check (`check --deploy`): production names the sender of its
    emails, or they come from newsroom@localhost, which mail servers refuse or
    file as spam."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if address.rpartition("@")[2].lower() not in {"", "localhost"}:
        return []
    return [
        checks.Warning(
            f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: alerts, "
            "confirmations and the staff's notifications would come from an "
            "address no mail server accepts.",
            hint="Set DEFAULT_FROM_EMAIL to the press office's sender, e.g. "
            '"Press office <press@news.example.org>".',
            id="newsroom.W002",
        )
    ]


def site_authority():
    """The host name that makes our identifiers (tag: URIs, calendar UIDs) global.

    Taken from NEWSROOM_SITE_URL rather than the request, so an identifier does not
    change with the host name a client happened to use."""
    return urlsplit(public_address()).hostname or "localhost"


def item_tag(item, kind, lang, published=None):
    """The tag: URI (RFC 4151) of `item`'s version in `lang`, from its pk and its
    first publication date (`published`, else its publish time): it stays the same
    when the title or slug is corrected. Feed entries and ninjs documents share
    it."""
    published = published or item.publish_at
    return f"tag:{site_authority()},{published:%Y-%m-%d}:{kind}/{item.pk}/{lang}"


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
    """Sanitised rich text as plain text (calendar descriptions, summaries): a
    line for each paragraph, heading, list item and table row, as a reader sees
    them apart. No-break spaces stay."""
    text = HTML_SPACES.sub(" ", rich_text or "")
    text = CELL_END.sub(" ", LINE_BREAK.sub("\n", text))
    lines = html.unescape(strip_tags(text)).split("\n")
    return "\n".join(line.strip(" ") for line in lines if line.strip(" "))
