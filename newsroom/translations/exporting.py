"""The export: a PO catalogue of the content in one language."""

from dataclasses import dataclass
from difflib import SequenceMatcher

import polib
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from newsroom.clearance import revisions
from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import VersionState

from . import memory
from .registry import (
    ONLY_MISSING,
    ONLY_OUTDATED,
    ExchangeError,
    admin_url,
    companion_fields,
    context_for,
    field_value,
    is_rich_text,
    original_language,
    text_fields,
    translatable_models,
    version_state,
)

# Export


@dataclass
class Unit:
    """One entry to export: a field, or one block of a rich-text field."""

    index: int | None
    source: str
    translation: str
    # The source this unit's translation was made from, when it changed since.
    previous: str | None = None
    fuzzy: bool = False


def _aligned(old_sources, sources):
    """(index in the old source or None, index in today's) of each of today's
    units: unchanged units and changed ones are paired, inserted ones are not."""
    matcher = SequenceMatcher(None, old_sources, sources, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset, j in enumerate(range(j1, j2)):
            paired = tag in ("equal", "replace") and i1 + offset < i2
            yield (i1 + offset if paired else None), j


def field_units(obj, name, lang, basis=None, outdated=False):
    """The units of a field to export. With `basis` (the TranslatedSource of
    its last translation), the units whose source changed since are fuzzy with
    their previous source, and the others keep their translation; without, every
    translated unit of an `outdated` version is fuzzy."""
    rich = is_rich_text(type(obj), name)
    sources = memory.field_units(obj, name, original_language(obj))
    translated = memory.field_units(obj, name, lang) or [""]
    index = (lambda j: j) if rich else (lambda j: None)
    if basis is None:
        if len(translated) != len(sources):
            translated = [""] * len(sources)
        return [
            Unit(index(j), text, translated[j], fuzzy=outdated and bool(translated[j]))
            for j, text in enumerate(sources)
        ]
    old_sources = basis.source
    if len(translated) != len(old_sources):
        translated = basis.translation
    if len(translated) != len(old_sources):
        translated = [""] * len(old_sources)
    units = []
    for i, j in _aligned(old_sources, sources):
        unit = Unit(index(j), sources[j], "" if i is None else translated[i])
        if unit.translation and old_sources[i] != sources[j]:
            unit.previous, unit.fuzzy = old_sources[i], True
        units.append(unit)
    return units


def changed_units(units):
    """How many units still lack a translation of today's source."""
    return sum(1 for unit in units if unit.fuzzy or not unit.translation.strip())


def _comment(obj, name, index, total, lang, source, site=None):
    model = type(obj)
    lines = [
        # Translators: in a PO file of content, e.g. "Press release: <its title>".
        _("%(model)s: %(object)s")
        % {"model": capfirst(model._meta.verbose_name), "object": obj},
        _("Field: %(field)s") % {"field": model._meta.get_field(name).verbose_name},
    ]
    if index is not None:
        lines.append(
            # Translators: a block is a paragraph, heading or list item of a text.
            _("Block %(number)d of %(total)d") % {"number": index + 1, "total": total}
        )
        if "<" in source:
            lines.append(_("Keep the inline tags, such as <strong> or <a href>."))
    state = version_state(obj, lang)
    if state is not None:
        lines.append(
            _("Translation state: %(state)s") % {"state": VersionState(state).label}
        )
    url = admin_url(obj, site=site)
    if url:
        lines.append(_("Admin: %(url)s") % {"url": url})
    return "\n".join(lines)


def _wanted(obj, name, lang, only, units):
    state = version_state(obj, lang)
    if only == ONLY_MISSING:
        return state == VersionState.MISSING or not field_value(obj, name, lang)
    if only == ONLY_OUTDATED:
        # Content without states is outdated where its source changed.
        changed = state is None and any(unit.previous for unit in units)
        return state == VersionState.OUTDATED or changed
    return True


def new_catalogue(lang):
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    po = polib.POFile()
    po.header = _(
        "Content of the newsroom for translation into %(language)s. Translate each "
        "msgstr; entries marked fuzzy need a review, and are not imported as such."
    ) % {"language": get_language_info(lang)["name_translated"]}
    po.metadata = {
        "Project-Id-Version": "Newsroom content",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def with_companions(queryset):
    """`queryset` followed by the content its items show without a state of
    their own (photos, offices: `companion_fields`), for an export of a
    selection."""
    names = companion_fields(queryset.model)
    if not names:
        return [queryset]
    related = {}
    for row in queryset.values_list(*names):
        for name, pk in zip(names, row, strict=True):
            if pk is not None:
                field = queryset.model._meta.get_field(name)
                related.setdefault(field.related_model, set()).add(pk)
    return [queryset] + [
        model._default_manager.filter(pk__in=pks) for model, pks in related.items()
    ]


def export_catalogue(lang, querysets=None, only=None, site=None):
    """A PO file (polib.POFile) of the translatable fields in `lang` of the objects
    of `querysets` (by default, every translatable object). `only` keeps the fields
    whose version is missing (ONLY_MISSING) or outdated (ONLY_OUTDATED); the admin
    links are on the address `site` (by default, public_address()).

    A unit whose source changed since its translation comes fuzzy, with the
    source it was translated from as its previous msgid; an untranslated or
    changed unit whose source the memory knows comes fuzzy with the memory's
    translation. A live item's text is its working copy's, if it has one; a
    whole table's export has the rows new in working copies too (a quote), under
    the id their row will have."""
    if lang not in LANGUAGE_CODES:
        raise ExchangeError(_("Unknown language: %(lang)s.") % {"lang": lang})
    if querysets is None:
        querysets = [model._default_manager.all() for model in translatable_models()]
    po = new_catalogue(lang)
    to_suggest = []
    for queryset in querysets:
        names = text_fields(queryset.model)
        # A live item's working copy is what translators translate: its
        # import goes there too.
        editing = revisions.with_working_copies(list(queryset.order_by("pk")))
        if not queryset.query.where:
            editing = sorted(
                editing + revisions.new_rows(queryset.model), key=lambda obj: obj.pk
            )
        objects = [obj for obj in editing if original_language(obj) != lang]
        bases = memory.translated_sources(objects, lang)
        for obj in objects:
            outdated = version_state(obj, lang) == VersionState.OUTDATED
            for name in names:
                basis = bases.get(context_for(obj, name))
                units = field_units(obj, name, lang, basis, outdated)
                if not _wanted(obj, name, lang, only, units):
                    continue
                for unit in units:
                    entry = polib.POEntry(
                        msgctxt=context_for(obj, name, unit.index),
                        msgid=unit.source,
                        msgstr=unit.translation,
                        comment=_comment(
                            obj,
                            name,
                            unit.index,
                            len(units),
                            lang,
                            unit.source,
                            site,
                        ),
                        flags=["fuzzy"] if unit.fuzzy else [],
                        previous_msgid=unit.previous,
                    )
                    po.append(entry)
                    if unit.previous or not unit.translation.strip():
                        to_suggest.append((original_language(obj), entry))
    _suggest(po, lang, to_suggest)
    return po


def _suggest(po, lang, entries):
    """Fill the `entries` (untranslated, or changed since their translation)
    whose source the memory knows with its translation, fuzzy, naming where it
    comes from; a changed entry keeps its previous msgid."""
    found = memory.suggestions(
        lang, [(source_lang, entry.msgid) for source_lang, entry in entries]
    )
    for source_lang, entry in entries:
        suggestion = found.get((source_lang, memory.source_key(entry.msgid)))
        if suggestion is None:
            continue
        entry.msgstr = suggestion.target
        entry.flags = ["fuzzy"]
        entry.comment += "\n" + _(
            "Suggestion from the translation memory: %(origin)s"
        ) % {"origin": suggestion.origin}
