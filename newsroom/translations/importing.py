"""The import: applying a translated PO file, all or nothing per field, with a
report of what changed, what was refused and what is ready."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from newsroom.clearance import inlines, revisions
from newsroom.core.batches import batch
from newsroom.core.languages import LANGUAGE_NAMES
from newsroom.core.publication import VersionState
from newsroom.core.richtext import sanitise
from newsroom.core.typography import typeset

from .memory import record_translations
from .parsing import fetch_objects, group_entries, header_language, parse_catalogue
from .registry import (
    ExchangeError,
    context_for,
    field_labels,
    field_value,
    has_version_states,
    is_rich_text,
    original_language,
    untranslated_fields,
    version_state,
)
from .segments import rebuild, segments

# Import


@dataclass
class Change:
    obj: models.Model
    field: str
    old: str
    new: str

    @property
    def context(self):
        return context_for(self.obj, self.field)


@dataclass
class Refusal:
    context: str
    reason: str


@dataclass
class NotReady:
    """A version that "mark ready" leaves in `state` (draft or outdated)."""

    obj: models.Model
    state: str
    reason: str

    @property
    def context(self):
        return f"{self.obj._meta.label_lower}:{self.obj.pk}"

    @property
    def state_label(self):
        return VersionState(self.state).label


@dataclass
class ImportReport:
    language: str
    dry_run: bool
    changes: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    skipped: int = 0
    unchanged: int = 0
    # With "mark ready": the objects whose version becomes ready, and the others.
    ready: list = field(default_factory=list)
    not_ready: list = field(default_factory=list)
    # {item: [field]}: the items changed or marked ready, each with the names of
    # its fields changed (an inline row's, a quote's, its item's, under the
    # relation's name); and those of them that are live, whose changes wait for
    # a publisher to publish them.
    items: dict = field(default_factory=dict)
    waiting: list = field(default_factory=list)

    @property
    def objects(self):
        """The objects changed (or that would be), in file order."""
        return list({id(change.obj): change.obj for change in self.changes}.values())

    @property
    def marked_ready(self):
        """The versions ready at once: not a live item's, which is ready when a
        publisher publishes its changes."""
        return [obj for obj in self.ready if obj not in self.waiting]


def _translated_value(obj, name, lang, entries, report):
    """The new value of a field from its entries, or None when it is refused or
    left as it is."""
    ctxt = context_for(obj, name)
    usable = [e for e in entries.values() if e.msgstr.strip() and not e.fuzzy]
    if not usable:
        report.skipped += 1
        return None
    source_language = original_language(obj)
    source = field_value(obj, name, source_language)
    if source_language == lang:
        report.refused.append(
            Refusal(
                ctxt,
                _("The original language is now %(language)s.")
                % {"language": LANGUAGE_NAMES[lang]},
            )
        )
        return None
    if not is_rich_text(type(obj), name):
        (entry,) = entries.values()
        if entry.msgid != source:
            report.refused.append(Refusal(ctxt, _("The source changed since export.")))
            return None
        max_length = type(obj)._meta.get_field(name).max_length
        if max_length and len(entry.msgstr) > max_length:
            report.refused.append(
                Refusal(
                    ctxt,
                    _("Longer than %(max)d characters.") % {"max": max_length},
                )
            )
            return None
        # Set as the public site sets typed text (French no-break spaces).
        return typeset(entry.msgstr, lang)
    current = segments(source)
    if any(i >= len(current) or e.msgid != current[i] for i, e in entries.items()):
        report.refused.append(Refusal(ctxt, _("The source changed since export.")))
        return None
    total = len(current)
    if len(entries) < total:
        missing = total - len(entries)
        report.refused.append(
            Refusal(
                ctxt,
                ngettext(
                    "%(missing)d of its %(total)d blocks is missing from the file.",
                    "%(missing)d of its %(total)d blocks are missing from the file.",
                    missing,
                )
                % {"missing": missing, "total": total},
            )
        )
        return None
    if len(usable) < total:
        missing = total - len(usable)
        report.refused.append(
            Refusal(
                ctxt,
                ngettext(
                    "%(missing)d of its %(total)d blocks is untranslated or fuzzy.",
                    "%(missing)d of its %(total)d blocks are untranslated or fuzzy.",
                    missing,
                )
                % {"missing": missing, "total": total},
            )
        )
        return None
    return rebuild(source, [typeset(entries[i].msgstr, lang) for i in range(total)])


def _as_imported(obj, name, text, lang):
    """`text` of `obj`'s field `name` as an import would store it: typed text
    with plain spaces where the language sets no-break ones reads the same on
    the public site, which sets them when it renders, so an untouched export
    imports as unchanged rather than as a draft."""
    text = typeset(text, lang)
    return sanitise(text) if is_rich_text(type(obj), name) else text


def _unique_slug(obj, lang, text, taken):
    model = type(obj)
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 4].strip("-") or "item"
    candidate, number = base, 1
    while candidate in taken or (
        model._default_manager.filter(**{f"slug_{lang}": candidate})
        .exclude(pk=obj.pk)
        .exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _slug_changes(changes, lang):
    """A slug for each object given a translated title (or name) and no slug."""
    slugs, taken = [], set()
    for change in changes:
        obj = change.obj
        if (
            change.field in ("title", "name")
            and "slug" in translator.get_options_for_model(type(obj)).all_fields
            and not field_value(obj, "slug", lang)
        ):
            slug = _unique_slug(obj, lang, change.new, taken)
            slugs.append(Change(obj, "slug", "", slug))
    return slugs


def import_catalogue(
    content,
    *,
    language=None,
    dry_run=False,
    mark_ready=False,
    can_change=None,
    can_translate=None,
    author=None,
):
    """Apply the translations of a PO file (text or bytes) and return an
    ImportReport.

    Only non-empty, non-fuzzy entries are applied; a field whose source changed
    since export is refused and reported. A malformed file, a Language header
    other than `language` (when given) or not configured, a context naming no
    translatable field (or twice), or a translation with a null character raise
    ExchangeError and change nothing. Changed versions become draft; with
    `mark_ready`, ready if every field with source text is translated and none
    of their entries was empty, fuzzy or refused, else draft (an outdated
    version stays outdated), listed in `not_ready`.
    `can_change(model)`, when given, must allow every model the file changes,
    and `can_translate(lang)` the file's language, else ExchangeError. With
    `dry_run`, the report says what would change and nothing is saved. A live
    item's translations go to its working copy (kept by `author`), as an edit in
    the admin does: its public page changes when a publisher publishes them."""
    po = parse_catalogue(content)
    lang = header_language(po, language)
    if can_translate and not can_translate(lang):
        raise ExchangeError(
            _(
                "You may not translate into %(language)s: nothing was imported. "
                "Only a translator of that language may import this file."
            )
            % {"language": get_language_info(lang)["name_translated"]}
        )
    report = ImportReport(language=lang, dry_run=dry_run)
    # One batch: the search writes each item's rows once, at its end, not after
    # each of its quotes.
    with batch():
        groups = group_entries(po)
        objects = fetch_objects(groups, lock=not dry_run)
        revisions.with_working_copies(objects.values())
        # Per object, the fields the file translates in full, and whether one of
        # its entries was empty, fuzzy or refused: what "mark ready" needs.
        accepted, incomplete = {}, set()
        for (model, pk, name), entries in groups.items():
            obj = objects[model, pk]
            new = _translated_value(obj, name, lang, entries, report)
            if new is None:
                incomplete.add(obj)
                continue
            accepted.setdefault(obj, set()).add(name)
            old = field_value(obj, name, lang)
            if new in (old, _as_imported(obj, name, old, lang)):
                report.unchanged += 1
                continue
            report.changes.append(Change(obj, name, old, new))
        report.changes += _slug_changes(report.changes, lang)
        forbidden = sorted(
            {
                str(type(obj)._meta.verbose_name_plural)
                for obj in report.objects
                if can_change and not can_change(type(obj))
            }
        )
        if forbidden:
            raise ExchangeError(
                _("You may not change %(models)s: nothing was imported.")
                % {"models": ", ".join(forbidden)}
            )
        if mark_ready:
            _sort_ready(report, lang, accepted, incomplete)
        report.items = _items(report)
        report.waiting = [item for item in report.items if revisions.waits(item)]
        if not dry_run:
            _apply(report, lang, mark_ready, accepted, author)
    return report


def _not_ready_reason(obj, lang, accepted, incomplete):
    """Why the version of `obj` in `lang` cannot be marked ready, or "". Each field
    with source text must be translated, by the file in full or already (not for
    an outdated version, whose translations are stale)."""
    reasons = []
    if obj in incomplete:
        reasons.append(_("Some of its entries are empty, fuzzy or refused."))
    outdated = version_state(obj, lang) == VersionState.OUTDATED
    missing = untranslated_fields(obj, lang, stale=outdated)
    untranslated = field_labels(
        type(obj), [name for name in missing if name not in accepted.get(obj, ())]
    )
    if untranslated:
        reasons.append(
            ngettext(
                "The file has no translation of its field %(fields)s.",
                "The file has no translation of its fields %(fields)s.",
                len(untranslated),
            )
            % {"fields": ", ".join(untranslated)}
        )
    return " ".join(reasons)


def _sort_ready(report, lang, accepted, incomplete):
    """Split the changed versions into those "mark ready" makes ready and those
    it leaves draft (or outdated, still public). A version the file translates
    in full without changing it (a reviewed outdated one) becomes ready too."""
    changed = report.objects
    for obj in dict.fromkeys([*changed, *accepted]):
        if not has_version_states(type(obj)):
            continue
        reason = _not_ready_reason(obj, lang, accepted, incomplete)
        if not reason:
            if obj in changed or version_state(obj, lang) != VersionState.READY:
                report.ready.append(obj)
            continue
        if obj not in changed:
            continue
        state = (
            VersionState.OUTDATED
            if version_state(obj, lang) == VersionState.OUTDATED
            else VersionState.DRAFT
        )
        report.not_ready.append(NotReady(obj, state, reason))


def _items(report):
    """{item: [field]}: the items the import changes or marks ready, each with
    the names of the fields it changes; an inline row's (a quote's) are its
    item's, under the relation's name, as the item's history shows them."""
    items = {}
    for change in report.changes:
        item, relation = inlines.owner(change.obj)
        names = items.setdefault(item or change.obj, [])
        if (relation or change.field) not in names:
            names.append(relation or change.field)
    for obj in report.ready:
        items.setdefault(obj, [])
    return items


def _apply(report, lang, mark_ready, accepted, author):
    for change in report.changes:
        setattr(change.obj, f"{change.field}_{lang}", change.new)
    left = {item.obj: item.state for item in report.not_ready}
    for obj in dict.fromkeys([*report.objects, *report.ready]):
        if has_version_states(type(obj)):
            state = (
                left.get(obj, VersionState.READY) if mark_ready else VersionState.DRAFT
            )
            setattr(obj, f"version_state_{lang}", state)
        revisions.save_edit(obj, author)
    # What each field translated by the file was translated from, for the next
    # export and the memory.
    for obj, names in accepted.items():
        record_translations(obj, lang, names)
