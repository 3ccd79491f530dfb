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


@register.filter
def urlset_xml(urlset):
    """The <url> elements of Django's sitemap template, with the same content."""
    parts = []
    for url in urlset:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{w3c_date(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        parts += [
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
            f'href="{escape(alternate["location"])}"/>'
            for alternate in url.get("alternates", ())
        ]
        parts.append("</url>")
    return mark_safe("".join(parts))
