"""Keeping the index current: every save of an indexed item (from the admin, an
action, a PO import, the demo loader) rewrites its rows in the same transaction;
the changes that alter another item's text (a person quoted is renamed, an
appointment changes a person's titles) rewrite that item's rows too. Deleting an
item deletes its rows (the foreign keys cascade)."""

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from newsroom.models import Event, PressRelease
from organisation.models import Appointment, Person, Position

from .documents import BY_MODEL
from .indexing import index_object, index_queryset, rebuild
from .models import Entry

# The items whose text names people: {through model: (model, field)}.
NAMING = {
    PressRelease.people_quoted.through: (PressRelease, "people_quoted"),
    Event.officials.through: (Event, "officials"),
}


def index_naming(person, model, field, pks=None):
    """Index the items of `model` naming `person` (or those of `pks`)."""
    items = model.objects.filter(pk__in=pks) if pks else None
    if items is None:
        items = model.objects.filter(**{field: person})
    index_queryset(BY_MODEL[model], items)


def item_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def names_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """People quoted by a release, or attending an event, are part of its text."""
    model, field = NAMING[sender]
    if reverse and action == "pre_clear":
        # A person's releases or events are cleared: note which, while known.
        instance._search_cleared = set(
            model.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            index_object(instance)
        else:
            pks = pk_set or getattr(instance, "_search_cleared", None)
            if pks:
                index_naming(instance, model, field, pks)


def remember_name(sender, instance, raw=False, **kwargs):
    """Note whether a person's name changes: the text of the releases quoting them
    and of the events they attend changes with it."""
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
        for model, field in NAMING.values():
            index_naming(instance, model, field)


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
