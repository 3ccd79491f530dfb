"""PO exchange of content: every translated text field of every translatable object,
exported to a gettext catalogue for translators and imported back.

The models and fields come from modeltranslation's registry, so this module imports
no app's models. One entry per field and language:

- `msgctxt` names the object and field stably: "<app_label>.<model>:<pk>:<field>",
  plus ":<n>" for the n-th segment of a rich-text field;
- `msgid` is the text in the object's original language (the default language for
  models without one), `msgstr` the current translation;
- `#.` comments give the editor's context (model, object, field, admin URL);
- `fuzzy` marks the entries of an outdated version.

Rich-text fields are cut into segments, one per block (paragraph, heading, list
item, quotation): translators see inline markup only, and the import rebuilds the
blocks around their text and sanitises the result.

The msgid is the source as it was at export time: an entry whose msgid no longer
matches the object's source was translated from an older text and is refused.
"""

import functools
import html
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
import polib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import translator

from newsroom.publication import VersionState
from newsroom.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    RichTextField,
    sanitise,
)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

ONLY_MISSING = "missing"
ONLY_OUTDATED = "outdated"

# Translation options that are states, not text for translators.
STATE_FIELDS = frozenset({"version_state"})


class ExchangeError(Exception):
    """The file cannot be applied at all; nothing was changed."""


# The registry


@functools.cache
def translatable_models():
    """Concrete models registered with modeltranslation that have text to
    translate, sorted by label."""
    return tuple(
        sorted(
            (
                model
                for model in translator.get_registered_models(abstract=False)
                if text_fields(model)
            ),
            key=lambda model: model._meta.label_lower,
        )
    )


def model_by_label(label):
    """The translatable model called `label` ("app_label.model"), or None."""
    for model in translatable_models():
        if model._meta.label_lower == label.lower():
            return model
    return None


@functools.cache
def text_fields(model):
    """The names of the model's translated text fields, in the model's order.
    Slugs are left out: the import derives them from the translated title."""
    registered = translator.get_options_for_model(model).all_fields
    return tuple(
        model_field.name
        for model_field in model._meta.fields
        if model_field.name in registered
        and model_field.name not in STATE_FIELDS
        and isinstance(model_field, models.CharField | models.TextField)
        and not isinstance(model_field, models.SlugField)
    )


def has_version_states(model):
    return "version_state" in translator.get_options_for_model(model).all_fields


def is_rich_text(model, name):
    return isinstance(model._meta.get_field(name), RichTextField)


def original_language(obj):
    return getattr(obj, "original_language", "") or mt_settings.DEFAULT_LANGUAGE


def field_value(obj, name, lang):
    return getattr(obj, f"{name}_{lang}", None) or ""


def version_state(obj, lang):
    if not has_version_states(type(obj)):
        return None
    return getattr(obj, f"version_state_{lang}", None) or VersionState.MISSING


def admin_url(obj, absolute=True):
    """The object's change page in the admin, or "" if it has none."""
    meta = obj._meta
    try:
        path = reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path if absolute else path


def context_for(obj, name, index=None):
    ctxt = f"{obj._meta.label_lower}:{obj.pk}:{name}"
    return ctxt if index is None else f"{ctxt}:{index}"


# Rich text segments

BLOCK_TAGS = frozenset({"p", "h2", "h3", "li", "blockquote", "ul", "ol"})
INLINE_TAGS = ALLOWED_TAGS - BLOCK_TAGS
VOID_TAGS = frozenset({"br"})
MARKUP, SEGMENT = "markup", "segment"


class _Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = attrs
        self.children = []

    def start_tag(self):
        attrs = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"'
            for name, value in self.attrs
        )
        return f"<{self.tag}{attrs}>"

    def html(self):
        if self.tag in VOID_TAGS:
            return self.start_tag()
        inner = "".join(_node_html(child) for child in self.children)
        return f"{self.start_tag()}{inner}</{self.tag}>"


def _node_html(node):
    return html.escape(node, quote=False) if isinstance(node, str) else node.html()


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element(None, [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _flush(run, parts):
    text = "".join(_node_html(node) for node in run)
    core = text.strip()
    if not core:
        parts.append((MARKUP, text))
        return
    start = text.index(core)
    parts += [
        (MARKUP, text[:start]),
        (SEGMENT, core),
        (MARKUP, text[start + len(core) :]),
    ]


def _split(container, parts):
    run = []
    for child in container.children:
        if isinstance(child, _Element) and child.tag in BLOCK_TAGS:
            _flush(run, parts)
            run = []
            parts.append((MARKUP, child.start_tag()))
            _split(child, parts)
            parts.append((MARKUP, f"</{child.tag}>"))
        else:
            run.append(child)
    _flush(run, parts)


def _parts(rich_text):
    builder = _TreeBuilder()
    builder.feed(rich_text or "")
    builder.close()
    parts = []
    _split(builder.root, parts)
    return parts


def segments(rich_text):
    """The translatable segments of sanitised HTML: the content of each block,
    inline markup included."""
    return [text for kind, text in _parts(rich_text) if kind == SEGMENT]


def clean_segment(text):
    """A translated segment reduced to inline markup, with its tags closed, so that
    it cannot open or close the blocks around it."""
    return nh3.clean(
        text,
        tags=set(INLINE_TAGS),
        attributes={
            tag: set(attrs)
            for tag, attrs in ALLOWED_ATTRIBUTES.items()
            if tag in INLINE_TAGS
        },
        url_schemes=set(ALLOWED_URL_SCHEMES),
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


def _has_text(node):
    if isinstance(node, str):
        return bool(node.strip())
    return any(_has_text(child) for child in node.children)


def _drop_empty_blocks(element):
    element.children = [
        child
        for child in element.children
        if not (
            isinstance(child, _Element)
            and child.tag in BLOCK_TAGS
            and not _has_text(child)
        )
    ]
    for child in element.children:
        if isinstance(child, _Element):
            _drop_empty_blocks(child)


def rebuild(source_html, translations):
    """The blocks of `source_html` around the translated segments, sanitised. A
    block left without text (a segment that was only forbidden markup) is
    dropped, with any list or quotation it empties."""
    texts = iter(translations)
    builder = _TreeBuilder()
    builder.feed(
        "".join(
            text if kind == MARKUP else clean_segment(next(texts))
            for kind, text in _parts(source_html)
        )
    )
    builder.close()
    _drop_empty_blocks(builder.root)
    return sanitise("".join(_node_html(child) for child in builder.root.children))


# Export


def _units(obj, name, lang):
    """(index, source text, current translation) of each unit of a field: the
    field itself, or each segment of a rich-text field."""
    source = field_value(obj, name, original_language(obj))
    translation = field_value(obj, name, lang)
    if not is_rich_text(type(obj), name):
        return [(None, source, translation)] if source.strip() else []
    sources = segments(source)
    translated = segments(translation)
    if len(translated) != len(sources):
        translated = [""] * len(sources)
    return [(index, text, translated[index]) for index, text in enumerate(sources)]


def _comment(obj, name, index, total, lang, source):
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
    url = admin_url(obj)
    if url:
        lines.append(_("Admin: %(url)s") % {"url": url})
    return "\n".join(lines)


def _wanted(obj, name, lang, only):
    state = version_state(obj, lang)
    if only == ONLY_MISSING:
        return state == VersionState.MISSING or not field_value(obj, name, lang)
    if only == ONLY_OUTDATED:
        return state == VersionState.OUTDATED
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


def export_catalogue(lang, querysets=None, only=None):
    """A PO file (polib.POFile) of the translatable fields in `lang` of the objects
    of `querysets` (by default, every translatable object). `only` keeps the fields
    whose version is missing (ONLY_MISSING) or outdated (ONLY_OUTDATED)."""
    if lang not in LANGUAGE_CODES:
        raise ExchangeError(_("Unknown language: %(lang)s.") % {"lang": lang})
    if querysets is None:
        querysets = [model._default_manager.all() for model in translatable_models()]
    po = new_catalogue(lang)
    for queryset in querysets:
        names = text_fields(queryset.model)
        for obj in queryset.order_by("pk"):
            if original_language(obj) == lang:
                continue
            outdated = version_state(obj, lang) == VersionState.OUTDATED
            for name in names:
                if not _wanted(obj, name, lang, only):
                    continue
                units = _units(obj, name, lang)
                for index, source, translation in units:
                    po.append(
                        polib.POEntry(
                            msgctxt=context_for(obj, name, index),
                            msgid=source,
                            msgstr=translation,
                            comment=_comment(
                                obj, name, index, len(units), lang, source
                            ),
                            flags=["fuzzy"] if outdated and translation else [],
                        )
                    )
    return po


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

    @property
    def objects(self):
        """The objects changed (or that would be), in file order."""
        return list({id(change.obj): change.obj for change in self.changes}.values())


def _header_language(po, expected):
    value = (po.metadata.get("Language") or "").strip().replace("_", "-").lower()
    lang = value if value in LANGUAGE_CODES else value.split("-")[0]
    if lang not in LANGUAGE_CODES:
        raise ExchangeError(
            _(
                'The file\'s Language header is "%(value)s": expected one of '
                "%(languages)s."
            )
            % {"value": value, "languages": ", ".join(LANGUAGE_CODES)}
        )
    if expected and lang != expected:
        raise ExchangeError(
            _(
                "The file is a translation into %(found)s, not %(expected)s: "
                "check its Language header."
            )
            % {"found": lang, "expected": expected}
        )
    return lang


def _check_syntax(content):
    """Let GNU msgfmt, when installed, judge the syntax: polib reads some broken
    files (an unterminated string) without a complaint."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    result = subprocess.run(
        [msgfmt, f"--output-file={os.devnull}", "-"],
        input=content.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        errors = result.stderr.decode("utf-8", "replace").replace("<stdin>:", "line ")
        raise ExchangeError(
            _("The file is not a valid PO file: %(error)s")
            % {"error": "; ".join(errors.strip().splitlines()[:5])}
        )


def parse_catalogue(content):
    """A polib.POFile from the text or bytes of a PO file (in UTF-8, with or
    without the byte-order mark some editors write)."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExchangeError(
                _("The file is not a PO file in UTF-8 (%(error)s).") % {"error": exc}
            ) from exc
    content = content.removeprefix("\ufeff")
    if not content.strip():
        raise ExchangeError(_("The file is empty."))
    _check_syntax(content)
    try:
        return polib.pofile(content, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        raise ExchangeError(
            _("The file is not a valid PO file: %(error)s") % {"error": exc}
        ) from exc


def _group_entries(po):
    """{(model, pk text, field): {index: entry}}; ExchangeError on an entry that
    names no translatable field, or the same one as another entry."""
    groups, unknown, repeated = {}, [], []
    for entry in po:
        if entry.obsolete:
            continue
        parts = (entry.msgctxt or "").split(":")
        model = model_by_label(parts[0]) if len(parts) in (3, 4) else None
        name = parts[2] if model else None
        if model is None or name not in text_fields(model):
            unknown.append(entry.msgctxt or entry.msgid[:40])
            continue
        rich = is_rich_text(model, name)
        index = parts[3] if len(parts) == 4 else None
        if rich != (index is not None) or (rich and not index.isdigit()):
            unknown.append(entry.msgctxt)
            continue
        group = groups.setdefault((model, parts[1], name), {})
        key = int(index) if rich else None
        if key in group:
            repeated.append(entry.msgctxt)
        group[key] = entry
    if unknown:
        raise ExchangeError(
            _("Unknown context in the file, nothing was imported: %(contexts)s")
            % {"contexts": ", ".join(unknown[:10])}
        )
    if repeated:
        raise ExchangeError(
            _(
                "The file has several entries for the same context, nothing was "
                "imported: %(contexts)s"
            )
            % {"contexts": ", ".join(dict.fromkeys(repeated[:10]))}
        )
    return groups


def _fetch_objects(groups, lock):
    """{(model, pk text): object}; ExchangeError if one does not exist."""
    wanted = {}
    for model, pk, _name in groups:
        wanted.setdefault(model, set()).add(pk)
    objects, unknown = {}, []
    for model, pks in wanted.items():
        values = {}
        for pk in pks:
            try:
                values[model._meta.pk.to_python(pk)] = pk
            except (ValidationError, ValueError, TypeError):
                unknown.append(f"{model._meta.label_lower}:{pk}")
        queryset = model._default_manager.filter(pk__in=values)
        if lock:
            queryset = queryset.select_for_update()
        found = {obj.pk: obj for obj in queryset}
        for value, pk in values.items():
            if value in found:
                objects[model, pk] = found[value]
            else:
                unknown.append(f"{model._meta.label_lower}:{pk}")
    if unknown:
        raise ExchangeError(
            _("Unknown objects in the file, nothing was imported: %(objects)s")
            % {"objects": ", ".join(sorted(unknown)[:10])}
        )
    return objects


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
            Refusal(ctxt, _("%(lang)s is now the original language.") % {"lang": lang})
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
        return entry.msgstr
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
    return rebuild(source, [entries[i].msgstr for i in range(total)])


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
    content, *, language=None, dry_run=False, mark_ready=False, can_change=None
):
    """Apply the translations of a PO file (text or bytes) and return an
    ImportReport.

    Only non-empty, non-fuzzy entries are applied; a field whose source changed
    since export is refused and reported. A malformed file, a Language header
    other than `language` (when given) or not configured, or a context naming no
    translatable field (or twice) raise ExchangeError and change nothing. Changed
    versions become draft; with `mark_ready`, ready if every field with source
    text is translated and none of their entries was empty, fuzzy or refused,
    else draft (an outdated version stays outdated), listed in `not_ready`.
    `can_change(model)`, when given, must allow every model the file changes,
    else ExchangeError. With `dry_run`, the report says what would change and
    nothing is saved."""
    po = parse_catalogue(content)
    lang = _header_language(po, language)
    report = ImportReport(language=lang, dry_run=dry_run)
    with transaction.atomic():
        groups = _group_entries(po)
        objects = _fetch_objects(groups, lock=not dry_run)
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
            if new == old:
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
        if not dry_run:
            _apply(report, lang, mark_ready)
    return report


def _has_source_text(obj, name):
    source = field_value(obj, name, original_language(obj))
    return bool(segments(source) if is_rich_text(type(obj), name) else source.strip())


def _not_ready_reason(obj, lang, accepted, incomplete):
    """Why the version of `obj` in `lang` cannot be marked ready, or "". Each field
    with source text must be translated, by the file in full or already (not for
    an outdated version, whose translations are stale)."""
    reasons = []
    if obj in incomplete:
        reasons.append(_("Some of its entries are empty, fuzzy or refused."))
    outdated = version_state(obj, lang) == VersionState.OUTDATED
    untranslated = [
        str(type(obj)._meta.get_field(name).verbose_name)
        for name in text_fields(type(obj))
        if _has_source_text(obj, name)
        and name not in accepted.get(obj, ())
        and (outdated or not field_value(obj, name, lang))
    ]
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


def _apply(report, lang, mark_ready):
    for change in report.changes:
        setattr(change.obj, f"{change.field}_{lang}", change.new)
    left = {item.obj: item.state for item in report.not_ready}
    for obj in dict.fromkeys([*report.objects, *report.ready]):
        if has_version_states(type(obj)):
            state = (
                left.get(obj, VersionState.READY) if mark_ready else VersionState.DRAFT
            )
            setattr(obj, f"version_state_{lang}", state)
        obj.save()
