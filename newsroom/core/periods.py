"""The years (or months) in which some row of a queryset falls, without reading
every row: the first and last dates from the ends of the date's index, then, per
period between them, the first date within it (an ordered read of the index that
stops at once), all in one query. The release list's year filter and the admin's
year filter and date hierarchy use it; `SELECT DISTINCT` over the truncated dates
would read the whole table."""

import datetime
from itertools import pairwise

from django.db import connections
from django.db.models import Max, Min
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .dates import in_utc

# The years the site works with (a time is typed, a list filtered, in them): the
# database's year lookup, and converting a time to UTC, overflow near the ends of
# the calendar.
FILTER_YEARS = range(1900, 9999)
# Their bounds, a day inside, so that no time zone takes a time past them.
EARLIEST = datetime.datetime(FILTER_YEARS.start, 1, 2, tzinfo=datetime.UTC)
LATEST = datetime.datetime(FILTER_YEARS.stop - 1, 12, 30, tzinfo=datetime.UTC)


def in_filter_years(moment):
    """Whether the aware `moment` falls in FILTER_YEARS, in UTC as the database
    keeps it."""
    try:
        return in_utc(moment).year in FILTER_YEARS
    except ValueError:
        return False


def one_row(model, **subqueries):
    """The values of `subqueries` (expressions that read other rows) in one query,
    carried by any one row of `model`'s table: {} when the table is empty."""
    row = model._base_manager.order_by().annotate(**subqueries)
    return next(iter(row.values(*subqueries)[:1]), {})


def period_bounds(first, last, kind):
    """The starts of the years or months from `first` to `last`, oldest first, and
    the start of the period after them (where the last one ends)."""
    month = first.month if kind == "month" else 1
    start = first.replace(month=month, day=1, hour=0, minute=0, second=0)
    start = start.replace(microsecond=0, tzinfo=None)
    bounds = [start]
    while start <= last.replace(tzinfo=None):
        if kind == "year":
            start = start.replace(year=start.year + 1)
        else:
            start = start.replace(
                year=start.year + start.month // 12, month=start.month % 12 + 1
            )
        bounds.append(start)
    return bounds


def periods(queryset, field, kind="year"):
    """The starts (aware, in the current time zone) of the years or months in which
    some row of `queryset` has its `field`, oldest first.

    The probe of a period is compiled once, with the period's bounds read from
    the row it probes for: compiling one subquery per period (a dozen years, or
    a hundred months) cost more than running them."""
    # A row outside FILTER_YEARS (an old slip of the keyboard) is in none.
    queryset = queryset.filter(**{f"{field}__range": (EARLIEST, LATEST)})
    bounds = queryset.aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return []
    zone = timezone.get_current_timezone()
    first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))
    edges = [
        timezone.make_aware(edge, zone) for edge in period_bounds(first, last, kind)
    ]
    probe = queryset.filter(
        **{
            f"{field}__gte": RawSQL("period.start", ()),
            f"{field}__lt": RawSQL("period.stop", ()),
        }
    )
    probe_sql, probe_params = (
        probe.order_by(field).values(field)[:1].query.sql_with_params()
    )
    connection = connections[queryset.db]
    prepare = queryset.model._meta.get_field(field).get_db_prep_value
    rows = [
        (number, prepare(start, connection), prepare(stop, connection))
        for number, (start, stop) in enumerate(pairwise(edges))
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH period(number, start, stop) AS "
            f"(VALUES {', '.join(['(%s, %s, %s)'] * len(rows))}) "
            f"SELECT number FROM period WHERE ({probe_sql}) IS NOT NULL "
            "ORDER BY number",
            (*(value for row in rows for value in row), *probe_params),
        )
        return [edges[number] for (number,) in cursor.fetchall()]


def years(queryset, field):
    """The years in which some row of `queryset` has its `field`, newest first."""
    return [start.year for start in reversed(periods(queryset, field))]
