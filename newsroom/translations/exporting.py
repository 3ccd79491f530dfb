"""The export: a PO catalogue of the content in one language."""

import polib
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import VersionState

from .registry import (
    ONLY_MISSING,
    ONLY_OUTDATED,
    ExchangeError,
    admin_url,
    context_for,
    field_value,
    is_rich_text,
    original_language,
    text_fields,
    translatable_models,
    version_state,
)
from .segments import segments

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


def export_catalogue(lang, querysets=None, only=None, site=None):
    """A PO file (polib.POFile) of the translatable fields in `lang` of the objects
    of `querysets` (by default, every translatable object). `only` keeps the fields
    whose version is missing (ONLY_MISSING) or outdated (ONLY_OUTDATED); the admin
    links are on the address `site` (by default, public_address())."""
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
                                obj, name, index, len(units), lang, source, site
                            ),
                            flags=["fuzzy"] if outdated and translation else [],
                        )
                    )
    return po
