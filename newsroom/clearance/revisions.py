"""Revisions of items: a snapshot of the fields at every save, the working copy of
a live item, restore, and word-level differences per language."""

import difflib
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.html import format_html, format_html_join, strip_tags
from modeltranslation.translator import translator

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized
from newsroom.core.publication import PublicationState
from newsroom.core.richtext import sanitise_fields

from .models import Revision

# The models whose every save keeps a revision.
TRACKED_MODELS = (
    "newsroom.PressRelease",
    "newsroom.Event",
    "newsroom.Page",
    "newsroom.MediaContact",
    "organisation.Person",
)
# Kept up to date by the row itself, not by editors.
UNTRACKED_FIELDS = {
    "id",
    "revision",
    "created_at",
    "updated_at",
    "source_digest",
    # A secret: never copied into history.
    "embargo_token",
}
# Publication is a decision, never a side effect of restoring text.
WORKFLOW_FIELDS = {
    "state",
    "publish_at",
    "expires_at",
    "withdrawal_note",
    "corrected_at",
}
# A restored text is a draft: whether a version is ready is decided anew.
VERSION_STATES = {localized("version_state", lang) for lang in LANGUAGE_CODES}
PRIMITIVES = (str, int, float, bool, type(None))
# The key of a working copy's many-to-many relations (topics, people...).
RELATIONS = "_relations"
MAX_SHOWN = 50


def tracked_models():
    return [apps.get_model(label) for label in TRACKED_MODELS]


def _fields(obj):
    return [f for f in obj._meta.concrete_fields if f.attname not in UNTRACKED_FIELDS]


def snapshot(obj):
    """The item's own fields as JSON values (relations by id)."""
    data = {}
    for field in _fields(obj):
        value = field.value_from_object(obj)
        data[field.attname] = (
            value if isinstance(value, PRIMITIVES) else field.value_to_string(obj)
        )
    return data


def apply(obj, data, skip=()):
    """Set the content fields of `obj` from a snapshot (publication untouched)."""
    skipped = WORKFLOW_FIELDS.union(skip)
    for field in _fields(obj):
        if field.attname in data and field.attname not in skipped:
            value = data[field.attname]
            setattr(
                obj, field.attname, None if value is None else field.to_python(value)
            )


def revisions_of(obj):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("author")


def keep(obj, author, kind=Revision.Kind.SAVED, comment=""):
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        author=author,
        kind=kind,
        pending=kind == Revision.Kind.WORKING,
        comment=comment,
        data=snapshot(obj),
    )


def pending_copy(obj):
    """The working copy of a live item waiting to be published, if any."""
    if obj.pk is None:
        return None
    return revisions_of(obj).filter(pending=True).first()


def with_pending_copy(obj):
    """`obj` as its working copy has it (for the form and the preview): its
    fields, and its relations as if prefetched."""
    copy = pending_copy(obj)
    if copy is not None:
        apply(obj, copy.data)
        obj.working_copy = copy
        cache = getattr(obj, "_prefetched_objects_cache", {})
        for name, pks in copy.data.get(RELATIONS, {}).items():
            related = obj._meta.get_field(name).related_model
            cache[name] = related._default_manager.filter(pk__in=pks)
        obj._prefetched_objects_cache = cache
    return obj


@transaction.atomic
def save_working_copy(obj, author, comment="", relations=None):
    """Keep the edited `obj` as its working copy; the row (the public page) stays as
    it is. `relations` ({many-to-many field: [pk]}, from the form) wait there too;
    without them, the working copy's earlier ones are kept. The row's revision
    moves on, so that the optimistic lock still sees another editor's working
    copy."""
    # Stored as a save would store it: the preview shows it.
    sanitise_fields(obj)
    previous = pending_copy(obj)
    if relations is None and previous is not None:
        relations = previous.data.get(RELATIONS)
    revisions_of(obj).filter(pending=True).update(pending=False)
    copy = keep(obj, author, Revision.Kind.WORKING, comment)
    if relations:
        copy.data[RELATIONS] = relations
        copy.save(update_fields=["data"])
    type(obj).objects.filter(pk=obj.pk).update(revision=models.F("revision") + 1)
    obj.revision += 1
    return copy


def with_working_copies(objects):
    """`objects` as editors work on them: each live item as its working copy has
    it (one query per model), the others as they are."""
    live = {}
    for obj in objects:
        if getattr(obj, "is_live", False):
            live.setdefault(type(obj), {})[str(obj.pk)] = obj
    for model, items in live.items():
        copies = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=items,
            pending=True,
        )
        for copy in copies:
            obj = items[copy.object_id]
            apply(obj, copy.data)
            obj.working_copy = copy
    return objects


def save_edit(obj, author, comment=""):
    """Save an edit outside the admin's form (an import): a live item's waits in
    its working copy, as an admin edit does; another item is saved."""
    if getattr(obj, "is_live", False):
        return save_working_copy(obj, author, comment)
    obj.save()
    return None


@transaction.atomic
def publish_changes(obj):
    """Apply the working copy to the row: the public page changes now."""
    copy = pending_copy(obj)
    if copy is None:
        return False
    apply(obj, copy.data)
    obj.save()
    for name, pks in copy.data.get(RELATIONS, {}).items():
        getattr(obj, name).set(pks)
    revisions_of(obj).filter(pending=True).update(pending=False)
    return True


@transaction.atomic
def restore(obj, revision, author):
    """Bring back the text of `revision` as a new draft: the working copy of a
    published item, or the item itself, back to draft, otherwise."""
    apply(obj, revision.data, skip=VERSION_STATES)
    comment = f"#{revision.pk}"
    state = getattr(obj, "state", None)
    if state == PublicationState.PUBLISHED:
        return save_working_copy(obj, author, comment)
    if state is not None:
        obj.state = PublicationState.DRAFT
    obj.save()
    return revisions_of(obj).first()


# Differences

WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old, new):
    """HTML of the words of `old` and `new` (tags dropped), with deletions in
    <del> and insertions in <ins>."""
    before, after = (
        WORDS.findall(strip_tags(old or "")),
        WORDS.findall(strip_tags(new or "")),
    )
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("{}", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("<del>{}</del>", "".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("<ins>{}</ins>", "".join(after[j1:j2])))
    return format_html_join("", "{}", ((format_html(*part),) for part in parts))


def changes(model, old, new):
    """What changed from snapshot `old` to `new`: per translated text field and
    language, a word-level diff; the other fields, by name."""
    translated = translator.get_options_for_model(model).fields
    seen, rows = set(), []
    for name in translated:
        if name == "version_state":
            continue
        field = model._meta.get_field(name)
        for lang in LANGUAGE_CODES:
            column = localized(name, lang)
            seen.add(column)
            if (old.get(column) or "") != (new.get(column) or ""):
                rows.append(
                    {
                        "field": field.verbose_name,
                        "language": LANGUAGE_NAMES[lang],
                        "diff": word_diff(old.get(column), new.get(column)),
                    }
                )
    for field in model._meta.concrete_fields:
        if field.attname in seen or field.name in translated:
            continue
        if field.attname in new and old.get(field.attname) != new.get(field.attname):
            rows.append({"field": field.verbose_name, "language": "", "diff": None})
    return rows


def history(obj):
    """The item's latest revisions, newest first, each with its changes from the
    one before."""
    revisions = list(revisions_of(obj)[: MAX_SHOWN + 1])
    model = type(obj)
    shown = []
    for index, revision in enumerate(revisions[:MAX_SHOWN]):
        if index + 1 < len(revisions):
            before = revisions[index + 1].data
            row = {"changes": changes(model, before, revision.data)}
        else:
            row = {"first": True}
        shown.append({"revision": revision, **row})
    return shown
