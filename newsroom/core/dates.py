"""Dates and times as the newsroom writes them, in the active language: on public
pages, in the admin and in emails alike."""

import datetime

from babel.core import UnknownLocaleError
from babel.dates import get_timezone_location
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext, to_locale


def in_utc(moment):
    """`moment` in UTC, a naive one taken as UTC: databases refuse some offsets
    that ISO 8601 allows (PostgreSQL, beyond 15:59). ValueError for a time that
    UTC takes past the ends of the calendar."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=datetime.UTC)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError as error:
        raise ValueError("Out of range.") from error


def dateline_date(value):
    """The date of a dateline: "25 October 2019", "25 octobre 2019",
    "25 de octubre de 2019"."""
    if not value:
        return ""
    # Translators: a Django date format (j = day, F = month name, Y = year) for the
    # date of a release's dateline; escape literal letters with a backslash.
    format = pgettext("dateline date format", "j F Y")
    if value.day == 1:
        # Translators: the first day of a month in a date, in place of "1": "1er" in
        # French ("1er octobre 2023").
        first = pgettext("first day of the month", "1")
        format = format.replace("j", "".join("\\" + char for char in first), 1)
    return date_format(value, format)


def time_zone_city(name):
    """The city that names time zone `name`, in the active language: "Zurich",
    "Bakou" in French for Asia/Baku; the name itself when it names no city."""
    try:
        return get_timezone_location(
            name, locale=to_locale(get_language() or "en"), return_city=True
        )
    except (LookupError, ValueError, UnknownLocaleError):
        return str(name)


def publish_time(value, zone=None):
    """A publish time with its time zone (the active one unless `zone`), as
    editors and journalists read an embargo: "25 October 2019, 18:00
    (Europe/Zurich)"."""
    if not value:
        return ""
    zone = zone or timezone.get_current_timezone()
    local = timezone.localtime(value, zone)
    # Translators: a publication time, e.g. "15 January 2027, 09:00 (Europe/Zurich)".
    return gettext("%(date)s, %(time)s (%(zone)s)") % {
        "date": dateline_date(local),
        "time": date_format(local, "H:i"),
        "zone": str(zone),
    }


def moment(value, date_only=False):
    """A date, and its time unless `date_only`: "25 October 2019, 10:00"."""
    if not value:
        return ""
    if date_only:
        return dateline_date(value)
    return f"{dateline_date(value)}, {date_format(value, 'H:i')}"
