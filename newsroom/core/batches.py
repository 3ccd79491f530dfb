"""Batches of saves: work that each save of a batch would repeat (indexing a
release again after each of its quotes, then after the release itself, then
after each of its links) waits for the end of the batch, and is done once
there, in the batch's transaction."""

import contextlib
import contextvars

from django.db import transaction

# {key: (flush, items)} of the open batch; None outside one.
_waiting = contextvars.ContextVar("batch", default=None)


@contextlib.contextmanager
def batch():
    """Run the block in a transaction (a savepoint of the caller's, when there
    is one), the work it put off (`waiting()`) done once at its end, unless it
    raised; a batch opened inside another is part of it."""
    if _waiting.get() is not None:
        yield
        return
    with transaction.atomic():
        work = {}
        token = _waiting.set(work)
        try:
            yield
        finally:
            _waiting.reset(token)
        for flush, items in work.values():
            flush(items)


def waiting(key, flush):
    """The set of items that the open batch does `flush(items)` for at its end,
    for the caller to add to (once for each `key`); None outside a batch, where
    the caller does its work at once."""
    work = _waiting.get()
    if work is None:
        return None
    return work.setdefault(key, (flush, set()))[1]
