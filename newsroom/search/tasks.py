"""The index's background work (newsroom.worker): indexing again the items a
change of another row made out of date, when they are too many to index inside
the save (signals.index_many)."""

from itertools import groupby

from django.db import transaction

from newsroom.worker import enqueue, periodic, task

from .documents import INDEXES
from .indexing import BATCH_SIZE, index_queryset
from .models import Waiting

# How often each worker looks for waiting items a lost task left, in seconds.
LEFT_BEHIND_SECONDS = 60


@task()
def index_waiting(batch_size=BATCH_SIZE):
    """Index the waiting items, a batch at a time, each batch claimed (other
    workers skip it) and let go in the transaction that writes its rows; the
    count of items indexed."""
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Waiting.objects.select_for_update(skip_locked=True).order_by(
                    "kind", "item"
                )[:batch_size]
            )
            if not batch:
                return done
            for kind, waiting in groupby(batch, key=lambda row: row.kind):
                spec = INDEXES[kind]
                pks = [row.item for row in waiting]
                index_queryset(spec, spec.model.objects.filter(pk__in=pks))
            Waiting.objects.filter(pk__in=[row.pk for row in batch]).delete()
            done += len(batch)


@periodic(seconds=LEFT_BEHIND_SECONDS)
def index_left_behind():
    """Queue the indexing of items still waiting (their task was lost)."""
    if Waiting.objects.exists():
        enqueue(index_waiting)
