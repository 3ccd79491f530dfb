"""Snapshots of a row's own fields as JSON values, and their application back to
a row: what revisions and working copies store."""

from newsroom.core.languages import LANGUAGE_CODES, localized

# Kept up to date by the row itself, not by editors.
UNTRACKED_FIELDS = {
    "id",
    "revision",
    "public_revision",
    "created_at",
    "updated_at",
    "source_digest",
    # Whether the item was ever public: a fact, not text to restore.
    "public_publish_at",
    # Calendar clients take an update only with a higher one: a restored
    # revision's number would send it back.
    "sequence",
    # A secret: never copied into history.
    "embargo_token",
    # When the rows the API's document prints changed: a fact of those rows.
    "shown_changed_at",
}
# Publication is a decision, never a side effect of restoring text.
WORKFLOW_FIELDS = {
    "state",
    "publish_at",
    "expires_at",
    "withdrawal_note",
    *(localized("withdrawal_note", lang) for lang in LANGUAGE_CODES),
    "corrected_at",
}
# A restored text is a draft: whether a version is ready is decided anew.
VERSION_STATES = {localized("version_state", lang) for lang in LANGUAGE_CODES}
PRIMITIVES = (str, int, float, bool, type(None))


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
