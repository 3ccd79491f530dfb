"""Dates as the newsroom writes them, in the active language (newsroom.core.dates)."""

import html

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from newsroom.core import dates, typography

register = template.Library()

register.filter("dateline_date", dates.dateline_date, expects_localtime=True)
register.filter("publish_time", dates.publish_time)
register.filter("moment", dates.moment, expects_localtime=True)


@register.filter(is_safe=True)
def typeset(value, lang=None):
    """`value` in the typography of `lang` (default: the active language); safe
    HTML stays safe (newsroom.core.typography)."""
    return typography.typeset(value, lang or translation.get_language())


register.filter("time_zone_city", dates.time_zone_city)


@register.filter
def number(value):
    """An integer with the thousands separator of the active language."""
    return typography.number(value, translation.get_language())


@register.filter
def leads_photos(release, releases):
    """Whether `release` is the first of `releases` with a photo: a list's first
    image, fetched first rather than lazily (a phone shows it on the first screen
    even when the newest release has no photo)."""
    return release == next((each for each in releases if each.main_photo_id), None)


@register.simple_tag
def options(choices, selected=""):
    """The <option> elements of a select: `choices` as (value, label) pairs, the
    one whose value is `selected` marked. Built here rather than with a template
    loop (or format_html per option): the release list's filters offer some 300
    of them on every page."""
    # Every value and label is escaped.
    return mark_safe(
        "".join(
            f'<option value="{html.escape(str(value))}"'
            f"{' selected' if value == selected else ''}>"
            f"{html.escape(str(label))}</option>"
            for value, label in choices
        )
    )
