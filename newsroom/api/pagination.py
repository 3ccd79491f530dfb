"""Cursor pagination by keyset: a page is the rows after the last one seen, in a
fixed order of (a date, the primary key), so that reading page 1,000 costs what
page 1 costs, and a release published meanwhile neither repeats nor skips a row.
The cursor is opaque to clients: base64 of the last row's key."""

import base64
import binascii
import json
from operator import itemgetter

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from newsroom.core.dates import in_utc

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class BadCursor(ValueError):
    """A cursor this API did not make."""


def encode_cursor(moment, pk):
    data = json.dumps([moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, pk = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        moment = parse_datetime(moment)
    except (binascii.Error, UnicodeError, ValueError, TypeError) as error:
        raise BadCursor(cursor) from error
    if moment is None or moment.tzinfo is None or type(pk) is not int:
        raise BadCursor(cursor)
    try:
        return in_utc(moment), pk
    except ValueError as error:  # past the ends of the calendar in UTC
        raise BadCursor(cursor) from error


def paginate(sources, cursor, limit, descending=True):
    """(rows of the page, the cursor of the next page or None): the rows of each
    (queryset, field) of `sources` in the order of its field then pk, descending
    or not, after `cursor`, merged into one list. Each queryset reads a page at
    most, in an order an index can give, not the union of all of them sorted."""
    sign, after = ("-", "lt") if descending else ("", "gt")
    position = decode_cursor(cursor) if cursor else None
    keyed = []
    for queryset, field in sources:
        queryset = queryset.order_by(f"{sign}{field}", f"{sign}pk")
        if position:
            moment, pk = position
            queryset = queryset.filter(
                Q(**{f"{field}__{after}": moment})
                | Q(**{field: moment, f"pk__{after}": pk})
            )
        keyed += [((getattr(row, field), row.pk), row) for row in queryset[: limit + 1]]
    keyed.sort(key=itemgetter(0), reverse=descending)
    page = [row for _key, row in keyed[:limit]]
    if len(keyed) <= limit:
        return page, None
    return page, encode_cursor(*keyed[limit - 1][0])


def next_url(request, cursor):
    """The URL of the next page: the request's own, its cursor replaced."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
