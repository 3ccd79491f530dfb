"""The inline rows of an item (a release's quotes, documents, videos and media
contacts) in its revisions and its working copy: kept as snapshots, shown to
staff as if they were the rows, written to the tables in one go when a publisher
publishes the changes. The public tables never hold a row that waits."""

from django.db import models
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from newsroom.core.prefetch import as_prefetched

from .snapshots import apply, snapshot

# The key of a revision's inline rows: {relation: [row snapshot, with its "id"]}.
INLINES = "_inlines"
# The rows that wait with an item's working copy, by reverse relation (accessor).
INLINE_RELATIONS = {
    "newsroom.PressRelease": ("quotes", "documents", "videos", "releasecontact_set")
}


def relations(model):
    """{accessor: reverse relation} of the inline rows of `model`."""
    names = INLINE_RELATIONS.get(model._meta.label, ())
    return {
        rel.get_accessor_name(): rel
        for rel in model._meta.related_objects
        if rel.get_accessor_name() in names
    }


def has_unique_rows(model):
    return any(
        isinstance(constraint, models.UniqueConstraint)
        for constraint in model._meta.constraints
    )


def row_snapshot(row):
    return {"id": row.pk, **snapshot(row)}


def current_rows(obj):
    """The snapshots of the rows `obj` has in its tables now."""
    return {
        name: [row_snapshot(row) for row in rows_in_table(obj, rel)]
        for name, rel in relations(type(obj)).items()
    }


def rows_in_table(obj, rel):
    return rel.related_model._default_manager.filter(**{rel.field.name: obj.pk})


def source_texts(obj, rows):
    """The texts of `rows` (snapshots) in `obj`'s original language, that its
    translations are made from (a quote's words, a document's title)."""
    texts = []
    for name, rel in relations(type(obj)).items():
        lang = obj.original_language
        model = rel.related_model
        if name not in rows or model not in translator.get_registered_models():
            continue
        fields = sorted(translator.get_options_for_model(model).fields)
        for row in rows[name]:
            texts.append([row.get(f"{field}_{lang}") or "" for field in fields])
    return texts


def reserve_ids(obj, rows):
    """`rows` ({relation: [snapshot]}) with an id for each new row of a
    translated model (a quote, a document, a video): the id its row gets at
    publication, so that a translator's msgctxt (`newsroom.quote:<id>:text`)
    names it before and after."""
    rows = {name: [dict(row) for row in values] for name, values in rows.items()}
    registered = translator.get_registered_models()
    for name, rel in relations(type(obj)).items():
        if rel.related_model not in registered:
            continue
        for row in rows.get(name, ()):
            if row.get("id") is None:
                row["id"] = reserved_id(rel, obj.pk)
    return rows


def reserved_id(rel, owner_pk):
    """An id of `rel`'s table that no row will ever take: a row's, written and
    removed at once in the caller's transaction (no signal; no one else sees
    it). PostgreSQL's sequences and SQLite's AUTOINCREMENT never give it again."""
    manager = rel.related_model._base_manager
    (row,) = manager.bulk_create([rel.related_model(**{rel.field.attname: owner_pk})])
    manager.filter(pk=row.pk)._raw_delete(manager.db)
    return row.pk


def build(obj, rel, data):
    """An unsaved row of `obj` from its snapshot (for a form or the preview)."""
    row = rel.related_model(pk=data.get("id"))
    apply(row, data)
    setattr(row, rel.field.name, obj)
    return row


def show(obj, data):
    """Make `obj`'s inline relations read the rows of snapshot `data` (as if
    prefetched), for the staff who read its working copy."""
    for name, rel in relations(type(obj)).items():
        if name not in data.get(INLINES, {}):
            continue
        rows = [build(obj, rel, row) for row in data[INLINES][name]]
        rows.sort(key=lambda row: getattr(row, "order", 0))
        as_prefetched(obj, name, rows_in_table(obj, rel), rows)


def write(obj, data):
    """Make the tables hold the rows of snapshot `data` (the caller's
    transaction): rows it lost are deleted, the others updated or created."""
    for name, rel in relations(type(obj)).items():
        if name not in data.get(INLINES, {}):
            continue
        rows = data[INLINES][name]
        existing = {row.pk: row for row in rows_in_table(obj, rel)}
        if has_unique_rows(rel.related_model):
            # A changed row is written anew after the others are gone, so that
            # two rows that swap their contacts never meet the unique constraint.
            rows = [
                values
                if values.get("id") in existing
                and row_snapshot(existing[values["id"]]) == values
                else {**values, "id": None}
                for values in rows
            ]
        kept = {row["id"] for row in rows if row.get("id")}
        for pk, row in existing.items():
            if pk not in kept:
                row.delete()
        # A new row is created with the id its working copy reserved.
        for values in rows:
            pk = values.get("id")
            row = existing.get(pk) or rel.related_model(pk=pk)
            apply(row, values)
            setattr(row, rel.field.attname, obj.pk)
            row.save(force_insert=row._state.adding)
    getattr(obj, "_prefetched_objects_cache", {}).clear()


def from_formset(formset):
    """The snapshots of the rows a valid inline formset holds, without saving
    them, but with what a save derives (a document's size); a new upload is
    stored under its random name (linked nowhere yet). A new row of the working
    copy keeps its reserved id (`formset.new_ids`, in the order of its forms)."""
    rows = []
    new_ids = getattr(formset, "new_ids", [])
    for index, form in enumerate(formset.forms):
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.instance.pk is None and form.empty_permitted and not form.has_changed():
            continue
        row = form.instance
        if hasattr(row, "prepare_save"):
            row.prepare_save()
        for field in row._meta.concrete_fields:
            if isinstance(field, models.FileField):
                field.pre_save(row, add=True)
        data = row_snapshot(row)
        new = index - formset.initial_form_count()
        if data["id"] is None and 0 <= new < len(new_ids):
            data["id"] = new_ids[new]
        rows.append(data)
    return rows


def owner(row):
    """The item an inline row belongs to, with the relation's name, or (None,
    None) for another object."""
    model = owner_model(type(row))
    if model is None:
        return None, None
    rel = next(
        rel for rel in relations(model).values() if rel.related_model is type(row)
    )
    return getattr(row, rel.field.name), rel.get_accessor_name()


def owner_model(model):
    """The model whose inline rows `model`'s are (a quote's: the press release),
    or None."""
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.remote_field.get_accessor_name() in relations(
            field.related_model
        ):
            return field.related_model
    return None


def replaced(rows, row):
    """`rows` with the snapshot of `row` instead of its earlier one (a row the
    working copy deleted stays deleted)."""
    return [row_snapshot(row) if data.get("id") == row.pk else data for data in rows]


def changes(model, old, new, field_changes):
    """What changed in the inline rows from snapshot `old` to `new`, row by row,
    each change labelled with the row ("Quote 2: quote"); `field_changes(model,
    old, new)` gives a row's changes. Relations that `old` did not record are
    left out."""
    rows = []
    for name, rel in relations(model).items():
        before = old.get(INLINES, {}).get(name)
        after = new.get(INLINES, {}).get(name)
        if before is None or after is None:
            continue
        label = rel.related_model._meta.verbose_name
        for number, (then, now) in enumerate(_pairs(before, after, rel), 1):
            for change in field_changes(rel.related_model, then, now):
                change["field"] = _("%(row)s %(number)s: %(field)s") % {
                    "row": str(label).capitalize(),
                    "number": number,
                    "field": change["field"],
                }
                rows.append(change)
    return rows


def _pairs(before, after, rel):
    """(earlier, later) snapshots of each row: the same row if both have it, else
    in the order given (a new row published: the row of its working copy)."""
    earlier = {row["id"]: row for row in before if row.get("id")}
    matched = set(earlier).intersection(row.get("id") for row in after)
    left = [row for row in before if row.get("id") not in matched]
    fk = rel.field.attname
    pairs = []
    for row in after:
        if row.get("id") in matched:
            pairs.append((earlier[row["id"]], row))
        else:
            pairs.append((left.pop(0) if left else {fk: row.get(fk)}, row))
    return pairs + [(row, {fk: row.get(fk)}) for row in left]
