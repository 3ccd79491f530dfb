"""Keeping the index current: every save of an indexed item (from the admin, an
action, a PO import, the demo loader) rewrites its rows in the same transaction;
the changes that alter another item's text rewrite that item's rows too: a
release's quotes, people, topics; a person renamed or deleted (the releases
quoting or mentioning them, the events they attend); a topic renamed or
deleted; an appointment (a person's titles). Deleting an item deletes its rows
(the foreign keys cascade)."""

from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from newsroom.core.languages import in_every_language
from newsroom.models import Event, PressRelease, Quote, Topic
from newsroom.worker import enqueue_on_commit
from organisation.models import Appointment, Person, Position

from .documents import BY_MODEL
from .indexing import index_object, index_pks, index_queryset, rebuild
from .models import Entry, Waiting

# The many-to-many relations that are part of an item's text:
# {through model: (model, field)}.
NAMING = {
    PressRelease.people_quoted.through: (PressRelease, "people_quoted"),
    PressRelease.people_mentioned.through: (PressRelease, "people_mentioned"),
    PressRelease.topics.through: (PressRelease, "topics"),
    Event.officials.through: (Event, "officials"),
}
# The items whose text names a person: {model: (its paths to the person)}.
PEOPLE_NAMED = {
    PressRelease: ("people_quoted", "people_mentioned", "quotes__person"),
    Event: ("officials",),
}


def index_many(model, pks):
    """Index the items of `model` whose text another row's change altered: in the
    save's transaction when they are at most NEWSROOM_SEARCH_INDEX_AT_ONCE, else
    by the worker once it commits (a topic of 1,143 releases took 4 s inside the
    admin's save), their rows out of date until then and the items kept waiting
    as rows of their own."""
    from .tasks import index_waiting

    if len(pks) <= settings.NEWSROOM_SEARCH_INDEX_AT_ONCE:
        index_pks(model, pks)
        return
    kind = BY_MODEL[model].kind
    Waiting.objects.bulk_create(
        [Waiting(kind=kind, item=pk) for pk in pks],
        batch_size=1000,
        ignore_conflicts=True,
    )
    enqueue_on_commit(index_waiting)


def naming_person(person):
    """{model: [pk]} of the items whose text names `person`."""
    return {
        model: list(
            model.objects.filter(Q.create([(path, person) for path in paths], Q.OR))
            .values_list("pk", flat=True)
            .distinct()
        )
        for model, paths in PEOPLE_NAMED.items()
    }


def item_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def names_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """People quoted or mentioned by a release, its topics, the people attending
    an event are part of its text."""
    model, field = NAMING[sender]
    if reverse and action == "pre_clear":
        # A person's (a topic's) releases or events are cleared: note which,
        # while known.
        instance._search_cleared = set(
            model.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            index_object(instance)
        else:
            pks = pk_set or getattr(instance, "_search_cleared", None)
            if pks:
                # A topic's or person's links added or cleared from their side
                # can name thousands of items.
                index_many(model, list(pks))


def remember_name(sender, instance, raw=False, **kwargs):
    """Note whether a person's name changes: the text of the releases quoting or
    mentioning them and of the events they attend changes with it."""
    old = None
    if instance.pk and not raw:
        names = Person.objects.filter(pk=instance.pk).values_list("name", flat=True)
        old = names.first()
    instance._search_renamed = old is not None and old != instance.name


def person_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_object(instance)
    if getattr(instance, "_search_renamed", False):
        for model, pks in naming_person(instance).items():
            index_many(model, pks)


def remember_naming(sender, instance, **kwargs):
    """Before a person is deleted: the items naming them, whose text loses
    their name (their links go without a signal)."""
    instance._search_naming = naming_person(instance)


def person_deleted(sender, instance, **kwargs):
    for model, pks in getattr(instance, "_search_naming", {}).items():
        index_many(model, pks)


def quote_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A quote's words and speaker are part of its release's text. (Not when the
    release is being deleted: its rows go with it.)"""
    if raw or getattr(origin, "model", type(origin)) is PressRelease:
        return
    index_pks(PressRelease, [instance.release_id])


# What a release's page shows of a topic: its name in each language, and its
# slugs (a topic without one is not shown).
TOPIC_TEXTS = in_every_language("name", "slug")


def remember_topic(sender, instance, raw=False, **kwargs):
    """Note whether a topic's names change: the text of its releases changes
    with them."""
    old = None
    if instance.pk and not raw:
        rows = Topic.objects.filter(pk=instance.pk).values_list(*TOPIC_TEXTS)
        old = rows.first()
    new = tuple(getattr(instance, name) for name in TOPIC_TEXTS)
    instance._search_renamed = old is not None and old != new


def topic_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "_search_renamed", False):
        pks = list(instance.press_releases.values_list("pk", flat=True))
        index_many(PressRelease, pks)


def remember_releases(sender, instance, **kwargs):
    """Before a topic is deleted: its releases, whose text loses its name."""
    instance._search_releases = list(
        instance.press_releases.values_list("pk", flat=True)
    )


def topic_deleted(sender, instance, **kwargs):
    index_many(PressRelease, getattr(instance, "_search_releases", []))


def appointment_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A person's positions are part of their text, and make them public. (Not
    when the person is being deleted: their rows go with them.)"""
    if raw or getattr(origin, "model", type(origin)) is Person:
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        index_object(person)


def position_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        holders = Person.objects.filter(appointments__position=instance).distinct()
        index_queryset(BY_MODEL[Person], holders)


def index_existing_content(sender, using="default", **kwargs):
    """After `migrate`: a database whose content predates the index (the first
    migration of this app on a running site) gets it built, with no command to
    remember. An index already there is kept: saves keep it current. (After
    migrating backwards, the tables may be gone: then there is nothing to do.)"""
    tables = set(connections[using].introspection.table_names())
    models = [Entry, *BY_MODEL]
    if any(model._meta.db_table not in tables for model in models):
        return
    if Entry.objects.using(using).exists():
        return
    if any(model.objects.using(using).exists() for model in BY_MODEL):
        rebuild()


def connect():
    """Connected by SearchConfig.ready()."""
    for model in BY_MODEL:
        if model is not Person:
            post_save.connect(item_saved, sender=model, dispatch_uid=f"search-{model}")
    pre_save.connect(remember_name, sender=Person, dispatch_uid="search-rename")
    post_save.connect(person_saved, sender=Person, dispatch_uid="search-person")
    for through in NAMING:
        m2m_changed.connect(
            names_changed, sender=through, dispatch_uid=f"search-{through}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            appointment_changed,
            sender=Appointment,
            dispatch_uid=f"search-appointment-{id(signal)}",
        )
    post_save.connect(position_saved, sender=Position, dispatch_uid="search-position")
    pre_delete.connect(remember_naming, sender=Person, dispatch_uid="search-naming")
    post_delete.connect(
        person_deleted, sender=Person, dispatch_uid="search-person-deleted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            quote_changed, sender=Quote, dispatch_uid=f"search-quote-{id(signal)}"
        )
    pre_save.connect(remember_topic, sender=Topic, dispatch_uid="search-topic-names")
    post_save.connect(topic_saved, sender=Topic, dispatch_uid="search-topic")
    pre_delete.connect(
        remember_releases, sender=Topic, dispatch_uid="search-topic-releases"
    )
    post_delete.connect(
        topic_deleted, sender=Topic, dispatch_uid="search-topic-deleted"
    )
