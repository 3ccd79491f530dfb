"""Rows handed to a model instance as if `prefetch_related` had read them: the
staff preview's rows of a working copy, a release's parts it is known to lack.
The one place that writes Django's prefetch cache."""


def as_prefetched(obj, name, queryset, rows):
    """Make `obj`'s relation `name` answer `rows` with no query, through
    `queryset` (of the relation's model), as a prefetch would."""
    queryset._result_cache, queryset._prefetch_done = list(rows), True
    cache = getattr(obj, "_prefetched_objects_cache", {})
    cache[name] = queryset
    obj._prefetched_objects_cache = cache


def is_prefetched(obj, name):
    """Whether `obj`'s relation `name` already has its rows."""
    return name in getattr(obj, "_prefetched_objects_cache", {})
