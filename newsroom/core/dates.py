"""Dates and times as the newsroom writes them, in the active language: on public
pages, in the admin and in emails alike."""

import datetime

from babel.core import UnknownLocaleError
from babel.dates import get_timezone_location
from django.utils import dateformat, timezone
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
    return date_format(value, pgettext("dateline date format", "j F Y"))


# The codes of a month's name in a Django date format: a date that names its
# month writes the first day as the language does ("1er juillet"), one in
# figures does not ("01/07/2026").
MONTH_NAMES = frozenset("bEFMN")


def with_first_day(format, value):
    """Date `format` with its day ("j") written as the first of the month is in
    the active language when `value` is a first and `format` names the month."""
    if getattr(value, "day", None) != 1:
        return format
    pieces = dateformat.re_formatchars.split(str(format))
    codes = pieces[1::2]
    if "j" not in codes or not MONTH_NAMES.intersection(codes):
        return format
    # Translators: the first day of a month in a date, in place of "1": "1er" in
    # French ("1er octobre 2023").
    first = "".join("\\" + char for char in pgettext("first day of the month", "1"))
    return "".join(
        first if index % 2 and piece == "j" else piece
        for index, piece in enumerate(pieces)
    )


def format_date(value, format_string, django_format=dateformat.format):
    """Django's `dateformat.format`, with the first of the month as the active
    language writes it: installed in its place when the app is ready, so that
    every date Django formats (the `date` filter, the admin's lists, their days
    to drill into, `formats.date_format`) says "1er juillet" in French."""
    return django_format(value, with_first_day(format_string, value))


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
