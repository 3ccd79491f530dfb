"""Keeping the index current: every save of an indexed item (from the admin, an
action, a PO import, the demo loader) rewrites its rows in the same transaction;
the changes that alter another item's text rewrite that item's rows too: a
release's quotes, documents, videos, people, topics; a person renamed or
deleted (the releases quoting or mentioning them, the events they attend); a
topic, an office or an event renamed or deleted (the releases naming them); an
appointment or a position (a person's titles, and those of the people a
release names). Deleting an item deletes its rows (the foreign keys
cascade)."""

from django.conf import settings
from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from newsroom.core.languages import in_every_language
from newsroom.models import Document, Event, PressRelease, Quote, Topic, Video
from newsroom.worker import enqueue_on_commit
from organisation.models import Appointment, Office, Person, Position

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
    """Index the items of `model` whose text another row's change altered (`pks`:
    a list, or a query of their pks): in the save's transaction when they are at
    most NEWSROOM_SEARCH_INDEX_AT_ONCE, else by the worker once it commits (a
    topic of 1,143 releases took 4 s inside the admin's save), their rows out of
    date until then and the items kept waiting as rows of their own."""
    if (held := held_back(model, pks)) is not None:
        index_pks(model, held)


def held_back(model, pks):
    """The pks of `pks` (a list or a query) to index in the save, or None when
    they are too many: then they wait for the worker, a query's from a single
    INSERT … SELECT, so that the save reads no more of them than it takes to
    know they are too many (an office of 50,000 releases renamed)."""
    from .tasks import index_waiting

    at_once = settings.NEWSROOM_SEARCH_INDEX_AT_ONCE
    if isinstance(pks, QuerySet):
        first = list(pks[: at_once + 1])
        if len(first) <= at_once:
            return first
        wait_for_worker(BY_MODEL[model].kind, pks)
    elif len(pks) <= at_once:
        return pks
    else:
        Waiting.objects.bulk_create(
            [Waiting(kind=BY_MODEL[model].kind, item=pk) for pk in pks],
            batch_size=1000,
            ignore_conflicts=True,
        )
    enqueue_on_commit(index_waiting)
    return None


def wait_for_worker(kind, pks):
    """Keep the items of the query `pks` waiting for the worker, none read here."""
    query = pks.order_by().values(item=F("pk")).query
    sql, params = query.get_compiler(pks.db).as_sql()
    table = connections[pks.db].ops.quote_name(Waiting._meta.db_table)
    with connections[pks.db].cursor() as cursor:
        # "WHERE true": SQLite's parser needs it before ON CONFLICT here.
        cursor.execute(
            f"INSERT INTO {table} (kind, item) SELECT %s, item FROM ({sql}) AS"
            " named WHERE true ON CONFLICT DO NOTHING",
            (kind, *params),
        )


def naming(model, paths, value):
    """The pks of the items of `model` whose `paths` lead to `value`, as a query."""
    return (
        model.objects.filter(Q.create([(path, value) for path in paths], Q.OR))
        .values_list("pk", flat=True)
        .distinct()
    )


def naming_person(person, named=PEOPLE_NAMED):
    """{model: query of the pks} of the items whose text names `person`."""
    return {model: naming(model, paths, person) for model, paths in named.items()}


def releases_titling(people):
    """The pks of the releases that print the title of one of `people` (people
    or their pks), in one query."""
    paths = [f"{path}__in" for path in PEOPLE_NAMED[PressRelease]]
    return naming(PressRelease, paths, people)


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
        instance._search_cleared = held_back(
            model,
            model.objects.filter(**{field: instance}).values_list("pk", flat=True),
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


def changes(instance, fields):
    """Which of its `fields` the save of `instance` changes (none for a new row:
    no item names it yet)."""
    if not instance.pk:
        return set()
    old = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    return {name for name in old or () if old[name] != getattr(instance, name)}


def remember_name(sender, instance, raw=False, **kwargs):
    """Note whether a person's name changes: the text of the releases quoting or
    mentioning them and of the events they attend changes with it (and their
    gender, the form of the titles those releases print)."""
    changed = set() if raw else changes(instance, ["name", "gender"])
    instance._search_renamed = "name" in changed
    instance._search_retitled = "gender" in changed


def person_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_object(instance)
    if getattr(instance, "_search_renamed", False):
        for model, pks in naming_person(instance).items():
            index_many(model, pks)
    elif getattr(instance, "_search_retitled", False):
        index_many(PressRelease, releases_titling([instance]))


def remember_naming(sender, instance, **kwargs):
    """Before a person is deleted: the items naming them, whose text loses
    their name (their links go without a signal)."""
    instance._search_naming = {
        model: held_back(model, pks) for model, pks in naming_person(instance).items()
    }


def person_deleted(sender, instance, **kwargs):
    for model, pks in getattr(instance, "_search_naming", {}).items():
        index_many(model, pks or [])


def part_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A quote's words and speaker, a document's title, a video's title and
    transcript are part of its release's text. (Not when the release is being
    deleted: its rows go with it.)"""
    if raw or getattr(origin, "model", type(origin)) is PressRelease:
        return
    index_pks(PressRelease, [instance.release_id])


# What a release's page shows of a topic (its name in each language, and its
# slugs: a topic without one is not shown), of its issuing office (its name)
# and of its related event (its title, while live): {model: fields}.
RELEASE_LABELS = {
    Topic: in_every_language("name", "slug"),
    Office: in_every_language("name"),
    Event: (
        *in_every_language("title", "version_state"),
        "original_language",
        "state",
        "publish_at",
        "expires_at",
    ),
}


def remember_labels(sender, instance, raw=False, **kwargs):
    """Note whether what the releases naming a topic, an office or an event
    print of it changes: their text changes with it."""
    instance._search_renamed = not raw and bool(
        changes(instance, RELEASE_LABELS[sender])
    )


def labels_saved(sender, instance, raw=False, **kwargs):
    # A save announced without pre_save (the admin's update of a live item's
    # times) is taken as a change.
    if not raw and getattr(instance, "_search_renamed", True):
        index_many(PressRelease, naming_releases(instance))


def naming_releases(instance):
    return instance.press_releases.values_list("pk", flat=True)


def remember_releases(sender, instance, **kwargs):
    """Before a topic, an office or an event is deleted: its releases, whose
    text loses its name (the links go without a signal), to index once it is
    gone; too many wait for the worker from now."""
    instance._search_releases = held_back(PressRelease, naming_releases(instance))


def releases_lost_a_label(sender, instance, **kwargs):
    index_many(PressRelease, getattr(instance, "_search_releases", None) or [])


# What gives a person's post its title on a page: its titles and its rank
# (the highest-ranked post titles its holder).
POSITION_TITLES = (*in_every_language("title", "title_feminine"), "rank")


def appointment_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A person's positions are part of their text, and make them public. (Not
    when the person is being deleted: their rows go with them.)"""
    if raw or getattr(origin, "model", type(origin)) is Person:
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        index_object(person)
        index_many(PressRelease, releases_titling([person]))


def remember_titles(sender, instance, raw=False, **kwargs):
    instance._search_retitled = not raw and bool(changes(instance, POSITION_TITLES))


def position_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        holders = Person.objects.filter(appointments__position=instance).distinct()
        index_queryset(BY_MODEL[Person], holders)
    if getattr(instance, "_search_retitled", False):
        paths = [
            f"{path}__appointments__position" for path in PEOPLE_NAMED[PressRelease]
        ]
        index_many(PressRelease, naming(PressRelease, paths, instance))


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
    pre_save.connect(remember_titles, sender=Position, dispatch_uid="search-titles")
    post_save.connect(position_saved, sender=Position, dispatch_uid="search-position")
    pre_delete.connect(remember_naming, sender=Person, dispatch_uid="search-naming")
    post_delete.connect(
        person_deleted, sender=Person, dispatch_uid="search-person-deleted"
    )
    for part in (Quote, Document, Video):
        for signal in (post_save, post_delete):
            signal.connect(
                part_changed, sender=part, dispatch_uid=f"search-{part}-{id(signal)}"
            )
    for model in RELEASE_LABELS:
        uid = f"search-labels-{model}"
        pre_save.connect(remember_labels, sender=model, dispatch_uid=f"{uid}-old")
        post_save.connect(labels_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(remember_releases, sender=model, dispatch_uid=f"{uid}-rm")
        post_delete.connect(
            releases_lost_a_label, sender=model, dispatch_uid=f"{uid}-gone"
        )
