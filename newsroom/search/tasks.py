"""The index's background work (newsroom.worker): indexing again the items a
change of another row made out of date, when they are too many to index inside
the save (signals.index_many), and those whose text changed with the passing of
time alone."""

from itertools import groupby

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsroom.models import Event, PressRelease
from newsroom.worker import enqueue, periodic, task
from organisation.models import Person
from organisation.models.people import as_date

from .documents import INDEXES
from .indexing import BATCH_SIZE, index_pks, index_queryset
from .models import Clock, Waiting
from .signals import index_many, releases_titling

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


@periodic(seconds=LEFT_BEHIND_SECONDS)
def index_what_time_changed(now=None):
    """Index again the items whose text changed since the last run with no save:
    the releases whose related event went live or expired (its title is part of
    their text while it is live), the people whose post began and the releases
    that print their titles. Runs follow one another from a single row, locked
    while a worker writes: a moment is never followed twice, nor missed while no
    worker runs. The count of items indexed or queued."""
    now = now or timezone.now()
    with transaction.atomic():
        clock, created = Clock.objects.select_for_update().get_or_create(
            pk=1, defaults={"until": now}
        )
        if created or clock.until >= now:
            return 0
        since, clock.until = clock.until, now
        clock.save(update_fields=["until"])
        events = Event.objects.filter(
            Q(publish_at__gt=since, publish_at__lte=now)
            | Q(expires_at__gt=since, expires_at__lte=now)
        )
        releases = set(
            PressRelease.objects.filter(related_event__in=events).values_list(
                "pk", flat=True
            )
        )
        people = list(
            Person.objects.filter(
                appointments__start__gt=as_date(since),
                appointments__start__lte=as_date(now),
            )
            .values_list("pk", flat=True)
            .distinct()
        )
        index_pks(Person, people)
        releases.update(releases_titling(people))
        index_many(PressRelease, sorted(releases))
    return len(people) + len(releases)
