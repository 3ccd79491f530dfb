"""The years (or months) in which some row of a queryset falls, without reading
every row: the first and last dates from the ends of the date's index, then, per
period between them, the first date within it (an ordered read of the index that
stops at once), all in one query. The release list's year filter and the admin's
year filter and date hierarchy use it; `SELECT DISTINCT` over the truncated dates
would read the whole table."""

from django.db.models import Max, Min, Subquery
from django.utils import timezone


def one_row(model, **subqueries):
    """The values of `subqueries` (expressions that read other rows) in one query,
    carried by any one row of `model`'s table: {} when the table is empty."""
    row = model._base_manager.order_by().annotate(**subqueries)
    return next(iter(row.values(*subqueries)[:1]), {})


def period_starts(first, last, kind):
    """The starts of the years or months from `first` to `last`, oldest first."""
    month = first.month if kind == "month" else 1
    start = first.replace(month=month, day=1, hour=0, minute=0, second=0)
    start = start.replace(microsecond=0, tzinfo=None)
    starts = []
    while start <= last.replace(tzinfo=None):
        starts.append(start)
        if kind == "year":
            start = start.replace(year=start.year + 1)
        else:
            start = start.replace(
                year=start.year + start.month // 12, month=start.month % 12 + 1
            )
    return starts


def periods(queryset, field, kind="year"):
    """The starts (aware, in the current time zone) of the years or months in which
    some row of `queryset` has its `field`, oldest first."""
    bounds = queryset.aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return []
    zone = timezone.get_current_timezone()
    first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))
    starts = [
        timezone.make_aware(start, zone) for start in period_starts(first, last, kind)
    ]
    ends = [*starts[1:], None]
    firsts = {}
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        within = queryset.filter(**{f"{field}__gte": start})
        if end is not None:
            within = within.filter(**{f"{field}__lt": end})
        firsts[f"p{number}"] = Subquery(within.order_by(field).values(field)[:1])
    found = one_row(queryset.model, **firsts)
    return [starts[int(name[1:])] for name, value in found.items() if value]


def years(queryset, field):
    """The years in which some row of `queryset` has its `field`, newest first."""
    return [start.year for start in reversed(periods(queryset, field))]
