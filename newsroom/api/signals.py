"""Dating the API's documents by the rows they print (changes.py): a save of
such a row sets `shown_changed_at` of the releases (and events) printing it to
the row's date where that is later, in one UPDATE per model whose subquery finds
them by the links' indexes, none read here (a topic of 50,000 releases renamed);
a deletion, before its links go, to its moment. A new row is printed by nothing
yet. The API then lists them by that indexed date alone."""

from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone

from newsroom.models import (
    Event,
    MediaContact,
    Photo,
    PressRelease,
    Quote,
    ReleaseContact,
    Topic,
    Video,
)
from organisation.models import Office, Person

from .changes import shown_date


def linked(relation, column, **lookups):
    """The `column` of the rows of the link table of `relation` matching `lookups`."""
    return relation.through.objects.filter(**lookups).values(column)


# {model: (its row -> {model printing it: the queries of the keys of its items
# that print it})}: the reverse of each thing a document prints (changes.py).
PRINTING = {
    Topic: lambda topic: {
        PressRelease: [linked(PressRelease.topics, "pressrelease", topic=topic)]
    },
    Office: lambda office: {
        PressRelease: [PressRelease.objects.filter(issuing_office=office).values("pk")]
    },
    Person: lambda person: {
        PressRelease: [
            linked(PressRelease.people_quoted, "pressrelease", person=person),
            linked(PressRelease.people_mentioned, "pressrelease", person=person),
            Quote.objects.filter(person=person).values("release"),
        ],
        Event: [linked(Event.officials, "event", person=person)],
    },
    MediaContact: lambda contact: {
        PressRelease: [ReleaseContact.objects.filter(contact=contact).values("release")]
    },
    Photo: lambda photo: {
        PressRelease: [
            PressRelease.objects.filter(main_photo=photo).values("pk"),
            Video.objects.filter(poster=photo).values("release"),
        ]
    },
    Event: lambda event: {
        PressRelease: [PressRelease.objects.filter(related_event=event).values("pk")]
    },
    PressRelease: lambda release: {
        PressRelease: [
            linked(
                PressRelease.related_releases,
                "from_pressrelease",
                to_pressrelease=release,
            )
        ]
    },
}


def printed_date(row):
    """The date of what the documents print of `row`; None when they print
    nothing of it (an internal contact, an event or release never public)."""
    if isinstance(row, Event | PressRelease):
        return shown_date(row)
    if isinstance(row, MediaContact) and not row.is_public:
        return None
    return row.updated_at


def date_printing(row, at):
    """Date the items whose documents print `row` at `at`, where they are dated
    earlier: one statement for each model printing it."""
    for model, queries in PRINTING[type(row)](row).items():
        first, *others = [query.order_by() for query in queries]
        keys = first.union(*others, all=True) if others else first
        model.objects.filter(
            Q(shown_changed_at__isnull=True) | Q(shown_changed_at__lt=at),
            pk__in=keys,
        ).update(shown_changed_at=at)


def row_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw and (at := printed_date(instance)):
        date_printing(instance, at)


def row_deleted(sender, instance, **kwargs):
    if printed_date(instance) is not None:
        date_printing(instance, timezone.now())


def connect():
    """Connected by NewsroomConfig.ready()."""
    for model in PRINTING:
        uid = f"api-printed-{model._meta.label}"
        post_save.connect(row_saved, sender=model, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(row_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
