"""Writing the index: the rows of one item at each save, or of many at once.

Every write goes through `index_items`: the item's old rows are deleted and its new
ones written in one transaction, the caller's when there is one (an admin save, a PO
import, an action), so the index never disagrees with what was committed.
"""

from functools import partial
from itertools import islice

from django.db import transaction

from newsroom.core.batches import waiting

from .backends import backend
from .documents import BY_MODEL, INDEXES
from .models import Entry, readers_value, slugs_value
from .text import CONTROL

BATCH_SIZE = 500


def clean(value):
    return CONTROL.sub(" ", value or "").strip()


def entries_for(spec, item):
    """The unsaved rows of `item`."""
    date = spec.date(item)
    for lang, (texts, readers) in spec.rows(item).items():
        yield Entry(
            kind=spec.kind,
            lang=lang,
            shown_to=readers_value(readers),
            slugs=slugs_value({reader: spec.slug(item, reader) for reader in readers}),
            date=date,
            **spec.publication(item),
            **{spec.field: item},
            **{name: clean(value) for name, value in texts.items()},
        )


def index_items(spec, items):
    """Replace the rows of `items` (of `spec`'s model) by their current text."""
    engine = backend()
    pks = [item.pk for item in items]
    entries = [entry for item in items for entry in entries_for(spec, item)]
    for entry in entries:
        engine.prepare(entry)
    with transaction.atomic():
        Entry.objects.filter(**{f"{spec.field}__in": pks}).delete()
        Entry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return len(entries)


def batched(model):
    """The pks of `model` that the open batch of saves indexes once at its end
    (newsroom.core.batches); None outside a batch."""
    return waiting(("search", model), partial(index_pks, model))


def index_object(instance):
    """Index one saved item of an indexed model (at the end of the open batch,
    if any)."""
    if (later := batched(type(instance))) is not None:
        later.add(instance.pk)
        return
    spec = BY_MODEL[type(instance)]
    item = spec.queryset().filter(pk=instance.pk).first()
    if item is not None:
        index_items(spec, [item])


def index_pks(model, pks):
    """Index the items of `model` of `pks` (at the end of the open batch, if
    any)."""
    if (later := batched(model)) is not None:
        later.update(pks)
    elif pks:
        index_queryset(BY_MODEL[model], model.objects.filter(pk__in=pks))


def index_queryset(spec, queryset, batch_size=BATCH_SIZE):
    """Index every item of `queryset`, `batch_size` at a time; the count of rows."""
    pks = iter(list(queryset.order_by("pk").values_list("pk", flat=True)))
    written = 0
    while batch := list(islice(pks, batch_size)):
        written += index_items(spec, list(spec.queryset().filter(pk__in=batch)))
    return written


def rebuild(kinds=None):
    """Index everything again (or only `kinds`): {kind: rows written}."""
    counts = {}
    for kind, spec in INDEXES.items():
        if kinds and kind not in kinds:
            continue
        counts[kind] = index_queryset(spec, spec.model.objects.all())
    return counts
