"""Revisions of items: a snapshot of the fields at every save, the working copy of
a live item, restore, and word-level differences per language."""

import difflib
import re
from html import unescape

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.html import format_html, format_html_join, strip_tags
from modeltranslation.translator import translator

from newsroom.core.languages import LANGUAGE_CODES, localized
from newsroom.core.publication import PublicationState
from newsroom.core.richtext import sanitise_fields

from . import inlines
from .inlines import INLINES
from .models import Revision
from .snapshots import UNTRACKED_FIELDS, VERSION_STATES, apply, snapshot

# The models whose every save keeps a revision.
TRACKED_MODELS = (
    "newsroom.PressRelease",
    "newsroom.Event",
    "newsroom.Page",
    "newsroom.MediaContact",
    "organisation.Person",
)
# The key of a working copy's many-to-many relations (topics, people...).
RELATIONS = "_relations"
MAX_SHOWN = 50


def tracked_models():
    return [apps.get_model(label) for label in TRACKED_MODELS]


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
        inlines.show(obj, copy.data)
    return obj


@transaction.atomic
def save_working_copy(obj, author, comment="", relations=None, rows=None):
    """Keep the edited `obj` as its working copy; the row (the public page) stays as
    it is. `relations` ({many-to-many field: [pk]}, from the form) and `rows`
    ({inline relation: [row snapshot]}) wait there too; without them, the
    working copy's earlier ones are kept. The row's revision moves on, so that
    the optimistic lock still sees another editor's working copy."""
    # Stored as a save would store it: the preview shows it.
    sanitise_fields(obj)
    previous = pending_copy(obj)
    if previous is None:
        # The rows the public page has: what the history compares the copy's to.
        keep_rows(obj)
    if relations is None and previous is not None:
        relations = previous.data.get(RELATIONS)
    earlier = previous.data.get(INLINES, {}) if previous is not None else {}
    rows = inlines.reserve_ids(obj, {**earlier, **(rows or {})})
    revisions_of(obj).filter(pending=True).update(pending=False)
    copy = keep(obj, author, Revision.Kind.WORKING, comment)
    if relations or rows:
        if relations:
            copy.data[RELATIONS] = relations
        if rows:
            copy.data[INLINES] = rows
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
    return with_working_copy_rows(objects)


def waits(item):
    """Whether an edit of `item` waits in its working copy for a publisher to
    publish the changes: it is live."""
    return getattr(item, "is_live", False)


def save_edit(obj, author, comment=""):
    """Save an edit outside the admin's form (an import): a live item's waits in
    its working copy, as an admin edit does, and so does one of its inline rows
    (a quote); another item is saved."""
    if waits(obj):
        return save_working_copy(obj, author, comment)
    item, name = inlines.owner(obj)
    if waits(item):
        item = with_pending_copy(type(item).objects.get(pk=item.pk))
        copy = getattr(item, "working_copy", None)
        rows = (copy.data if copy else {}).get(INLINES, {}).get(name)
        if rows is None:
            rows = inlines.current_rows(item)[name]
        rows = inlines.replaced(rows, obj)
        return save_working_copy(item, author, comment, rows={name: rows})
    obj.save()
    return None


def with_working_copy_rows(objects):
    """Inline rows (quotes...) of live items as their items' working copies have
    them; a row the working copy deleted is as it is."""
    for obj in objects:
        if getattr(obj, "is_live", None) is not None:
            continue
        item, name = inlines.owner(obj)
        copy = pending_copy(item) if getattr(item, "is_live", False) else None
        for data in (copy.data if copy else {}).get(INLINES, {}).get(name, []):
            if data.get("id") == obj.pk:
                apply(obj, data)
    return objects


def new_rows(model, pks=None):
    """The rows of `model` (quotes...) new in the working copies of live items,
    not in the table yet, or those of them whose reserved id is in `pks`: each
    built with its item, by id."""
    owner = inlines.owner_model(model)
    if owner is None:
        return []
    rel = next(r for r in inlines.relations(owner).values() if r.related_model is model)
    waiting = {}
    copies = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), pending=True
    )
    for copy in copies:
        for data in copy.data.get(INLINES, {}).get(rel.get_accessor_name(), []):
            if data.get("id") is not None and (pks is None or data["id"] in pks):
                waiting[data["id"]] = (owner._meta.pk.to_python(copy.object_id), data)
    for pk in model._default_manager.filter(pk__in=waiting).values_list(
        "pk", flat=True
    ):
        del waiting[pk]
    items = owner._default_manager.in_bulk({item for item, _data in waiting.values()})
    return [
        inlines.build(items[item], rel, data)
        for _pk, (item, data) in sorted(waiting.items())
        if item in items
    ]


def outdating(obj, write):
    """Run `write`, which writes the inline rows of `obj`; when their source
    texts changed (a quote's words), the ready translations of `obj` become
    outdated, as when its own text changes. Whether they changed, and the
    fields set (not saved)."""
    before = inlines.source_texts(obj, inlines.current_rows(obj))
    write()
    if inlines.source_texts(obj, inlines.current_rows(obj)) != before:
        return True, obj.outdate_translations()
    return False, []


def keep_rows(obj):
    """Add the inline rows `obj` has now to its latest revision (a save keeps the
    revision before the admin saves the rows)."""
    rows = inlines.current_rows(obj)
    latest = revisions_of(obj).filter(pending=False).first() if rows else None
    if latest is not None:
        latest.data[INLINES] = rows
        latest.save(update_fields=["data"])


@transaction.atomic
def publish_changes(obj):
    """Apply the working copy to the row: the public page changes now."""
    copy = pending_copy(obj)
    if copy is None:
        return False
    apply(obj, copy.data)
    outdating(obj, lambda: inlines.write(obj, copy.data))
    obj.save()
    for name, pks in copy.data.get(RELATIONS, {}).items():
        getattr(obj, name).set(pks)
    revisions_of(obj).filter(pending=True).update(pending=False)
    keep_rows(obj)
    return True


def copy_revisions(obj):
    """The revisions of the working copy waiting: every save of it since the
    row was last saved (published, or saved as a draft)."""
    copies = revisions_of(obj).filter(kind=Revision.Kind.WORKING)
    last_saved = revisions_of(obj).filter(kind=Revision.Kind.SAVED).first()
    return copies.filter(pk__gt=last_saved.pk) if last_saved else copies


@transaction.atomic
def discard_changes(obj, author):
    """Drop the working copy of `obj` (the row as the public page has it): the
    row and its rows stay as they are. The copy's revisions are kept, marked
    discarded (a restore brings them back), and a revision of the row follows
    them, so the history's newest is the public text again. The row's revision
    moves on: a form still showing the copy cannot save it back."""
    if pending_copy(obj) is None:
        return False
    copy_revisions(obj).update(kind=Revision.Kind.DISCARDED, pending=False)
    keep(obj, author)
    keep_rows(obj)
    type(obj).objects.filter(pk=obj.pk).update(revision=models.F("revision") + 1)
    obj.revision += 1
    return True


@transaction.atomic
def restore(obj, revision, author):
    """Bring back the text of `revision` (and its inline rows, if it recorded
    them) as a new draft: the working copy of a published item, or the item
    itself, back to draft, otherwise."""
    apply(obj, revision.data, skip=VERSION_STATES)
    comment = f"#{revision.pk}"
    state = getattr(obj, "state", None)
    if state == PublicationState.PUBLISHED:
        return save_working_copy(obj, author, comment, rows=revision.data.get(INLINES))
    if state is not None:
        obj.state = PublicationState.DRAFT
    outdating(obj, lambda: inlines.write(obj, revision.data))
    obj.save()
    keep_rows(obj)
    return revisions_of(obj).first()


# Differences

WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old, new):
    """HTML of the words of `old` and `new` (tags dropped, entities read: a
    French no-break space is one), with deletions in <del> and insertions in
    <ins>."""
    before, after = (
        WORDS.findall(unescape(strip_tags(old or ""))),
        WORDS.findall(unescape(strip_tags(new or ""))),
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
    language, a word-level diff, named by the language's field ("title
    (French)") and marked with its language; the other fields, by name."""
    registered = model in translator.get_registered_models()
    translated = translator.get_options_for_model(model).fields if registered else {}
    seen, rows = set(), []
    for name in translated:
        if name == "version_state":
            continue
        for lang in LANGUAGE_CODES:
            column = localized(name, lang)
            seen.add(column)
            if (old.get(column) or "") != (new.get(column) or ""):
                rows.append(
                    {
                        "field": model._meta.get_field(column).verbose_name,
                        "language": lang,
                        "diff": word_diff(old.get(column), new.get(column)),
                    }
                )
    for field in model._meta.concrete_fields:
        if (
            field.attname in seen
            or field.name in translated
            or field.attname in UNTRACKED_FIELDS
        ):
            continue
        if field.attname in new and not same_value(
            field, old.get(field.attname), new.get(field.attname)
        ):
            rows.append({"field": field.verbose_name, "language": "", "diff": None})
    return rows + inlines.changes(model, old, new, changes)


def same_value(field, old, new):
    """Whether two snapshot values of `field` are the same: a time written with
    another offset ("09:00+02:00", "07:00+00:00") is the same time."""
    if old == new:
        return True
    try:
        return field.to_python(old) == field.to_python(new)
    except ValidationError:
        return False


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
