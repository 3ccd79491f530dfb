"""The XML of a sitemap's URLs, written in Python: Django's sitemap.xml template
spends most of a large section's time in its loops."""

import datetime
import functools
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@functools.lru_cache(maxsize=1024)
def w3c_date(value):
    """The day of `value` in the site's time zone, as Django's template writes it."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.isoformat()


def link_xml(alternate):
    return (
        f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
        f'href="{escape(alternate["location"])}"/>'
    )


@register.filter
def urlset_xml(urlset):
    """The <url> elements of Django's sitemap template, with the same content.
    Consecutive entries that share their list of alternates (an item's entries in
    each of its languages) share its XML, written once."""
    parts = []
    shared, shared_xml = None, ""
    for url in urlset:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{w3c_date(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        alternates = url.get("alternates", ())
        if alternates is not shared:
            shared, shared_xml = alternates, "".join(map(link_xml, alternates))
        parts += (shared_xml, "</url>")
    return mark_safe("".join(parts))
