"""Dates and times as the newsroom writes them, in the active language: on public
pages, in the admin and in emails alike."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext


def dateline_date(value):
    """The date of a dateline: "25 October 2019", "25 octobre 2019",
    "25 de octubre de 2019"."""
    if not value:
        return ""
    # Translators: a Django date format (j = day, F = month name, Y = year) for the
    # date of a release's dateline; escape literal letters with a backslash.
    return date_format(value, pgettext("dateline date format", "j F Y"))


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
