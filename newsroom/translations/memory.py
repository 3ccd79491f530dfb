"""What each translation was made from, and the translation memory.

When a field's translation is imported, or its version saved as ready, the source
text of each of its units (the field, or each block of rich text) is recorded
with the unit's translation (`TranslatedSource`): the next export compares it with
today's source. Each pair also goes into the memory (`MemoryEntry`), found again
by its source text after normalising whitespace, whatever item it came from."""

import hashlib

from django.utils import timezone
from django.utils.text import capfirst

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import VersionState

from .models import MemoryEntry, TranslatedSource
from .registry import (
    context_for,
    field_value,
    is_rich_text,
    original_language,
    text_fields,
    version_state,
)
from .segments import segments

# Units


def normalise(text):
    return " ".join(text.split())


def source_key(text):
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def field_units(obj, name, lang):
    """The units of a field's text in `lang`: each block of rich text, or the
    field itself (none when empty)."""
    value = field_value(obj, name, lang)
    if is_rich_text(type(obj), name):
        return segments(value)
    return [value] if value.strip() else []


def origin_of(obj, name, index=None):
    context = context_for(obj, name, index)
    return f"{capfirst(obj._meta.verbose_name)} “{obj}” ({context})"[-300:]


# Recording


def record_translations(obj, lang, names):
    """Record the source and translation in `lang` of the fields `names` of
    `obj`, as translated now, and put their units into the memory."""
    source_lang = original_language(obj)
    if source_lang == lang:
        return
    now = timezone.now()
    sources, pairs = [], []
    for name in names:
        source = field_units(obj, name, source_lang)
        translation = field_units(obj, name, lang)
        sources.append(
            TranslatedSource(
                context=context_for(obj, name),
                language=lang,
                source=source,
                translation=translation,
            )
        )
        if len(translation) == len(source):
            rich = is_rich_text(type(obj), name)
            pairs += [
                (text, translated, origin_of(obj, name, index if rich else None))
                for index, (text, translated) in enumerate(
                    zip(source, translation, strict=True)
                )
            ]
    TranslatedSource.objects.bulk_create(
        sources,
        update_conflicts=True,
        unique_fields=["context", "language"],
        update_fields=["source", "translation", "recorded_at"],
    )
    remember(source_lang, lang, pairs, now)


def remember(source_lang, target_lang, pairs, changed_at=None):
    """Put (source, translation, origin) pairs into the memory; the newest
    translation of a source wins. Returns how many entries were written."""
    changed_at = changed_at or timezone.now()
    entries = {}
    for source, target, origin in pairs:
        if normalise(source) and normalise(target):
            key = source_key(source)
            entries[key] = MemoryEntry(
                source_language=source_lang,
                target_language=target_lang,
                source_key=key,
                source=source,
                target=target,
                origin=origin[:300],
                changed_at=changed_at,
            )
    MemoryEntry.objects.bulk_create(
        entries.values(),
        batch_size=500,
        update_conflicts=True,
        unique_fields=["source_language", "target_language", "source_key"],
        update_fields=["source", "target", "origin", "changed_at"],
    )
    return len(entries)


def record_ready_versions(sender, instance, raw=False, **kwargs):
    """post_save (and `build_translation_memory`): a version saved as ready was
    translated from today's source."""
    if raw:
        return
    for lang in LANGUAGE_CODES:
        if version_state(instance, lang) == VersionState.READY:
            record_translations(instance, lang, text_fields(sender))


# Reading


def translated_sources(objects, lang):
    """{context: TranslatedSource} of the fields of `objects` in `lang`."""
    contexts = [
        context_for(obj, name) for obj in objects for name in text_fields(type(obj))
    ]
    found = {}
    for start in range(0, len(contexts), 500):
        for row in TranslatedSource.objects.filter(
            language=lang, context__in=contexts[start : start + 500]
        ):
            found[row.context] = row
    return found


def suggestions(target_lang, sources):
    """{(source language, key): MemoryEntry} for `sources`, an iterable of
    (source language, text)."""
    wanted = {(lang, source_key(text)) for lang, text in sources}
    keys = sorted({key for _lang, key in wanted})
    found = {}
    for start in range(0, len(keys), 500):
        for entry in MemoryEntry.objects.filter(
            target_language=target_lang, source_key__in=keys[start : start + 500]
        ):
            pair = (entry.source_language, entry.source_key)
            if pair in wanted:
                found[pair] = entry
    return found
