"""Reading a translated PO file, checking it as a whole before anything changes."""

import os
import shutil
import subprocess

import polib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from newsroom.clearance import revisions
from newsroom.core.languages import LANGUAGE_CODES

from .registry import (
    ExchangeError,
    is_rich_text,
    model_by_label,
    text_fields,
)


def header_language(po, expected):
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


def group_entries(po):
    """{(model, pk text, field): {index: entry}}; ExchangeError on an entry that
    names no translatable field, or the same one as another entry, or whose
    translation has a null character."""
    groups, unknown, repeated, nul = {}, [], [], []
    for entry in po:
        if entry.obsolete:
            continue
        # The admin's fields refuse it, and PostgreSQL cannot store it.
        if "\x00" in entry.msgstr:
            nul.append(entry.msgctxt or entry.msgid[:40])
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
    if nul:
        raise ExchangeError(
            _(
                "Null characters are not allowed in a translation, nothing was "
                "imported: %(contexts)s"
            )
            % {"contexts": ", ".join(nul[:10])}
        )
    return groups


def fetch_objects(groups, lock):
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
        # A row new in a live item's working copy, under its reserved id.
        if len(found) < len(values):
            found.update(
                (row.pk, row)
                for row in revisions.new_rows(model, set(values) - set(found))
            )
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
