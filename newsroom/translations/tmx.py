"""The translation memory as a TMX 1.4b file, the exchange format of CAT tools
(OmegaT, memoQ, Trados…): written from the memory, read back into it.

Each entry is a translation unit (`tu`) with its source language, its two
variants (`tuv`, `xml:lang`) and where it was made (`prop type="x-origin"`). The
segments' inline tags (`<strong>`, `<a href>`) are text in `seg`; on reading, a
tool's inline codes (`bpt`, `ept`, `ph`, `it`) give back the tags they hold."""

import datetime
from xml.etree import ElementTree

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.languages import LANGUAGE_CODES

from .registry import ExchangeError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGIN = "x-origin"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


def _date(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def write_tmx(entries):
    """The bytes of a TMX 1.4b file of `entries` (MemoryEntry rows)."""
    root = ElementTree.Element("tmx", version="1.4")
    ElementTree.SubElement(
        root,
        "header",
        {
            "creationtool": "Newsroom",
            "creationtoolversion": "1",
            "segtype": "block",
            "o-tmf": "Newsroom",
            "adminlang": "en",
            "srclang": "*all*",
            "datatype": "html",
            "creationdate": _date(timezone.now()),
        },
    )
    body = ElementTree.SubElement(root, "body")
    for entry in entries:
        unit = ElementTree.SubElement(
            body,
            "tu",
            srclang=entry.source_language,
            changedate=_date(entry.changed_at),
        )
        ElementTree.SubElement(unit, "prop", type=ORIGIN).text = entry.origin
        for lang, text in (
            (entry.source_language, entry.source),
            (entry.target_language, entry.target),
        ):
            variant = ElementTree.SubElement(unit, "tuv", {XML_LANG: lang})
            ElementTree.SubElement(variant, "seg").text = text
    ElementTree.indent(root)
    document = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}{document}\n'.encode()


def _site_language(code):
    code = (code or "").strip().replace("_", "-").lower()
    lang = code if code in LANGUAGE_CODES else code.split("-")[0]
    return lang if lang in LANGUAGE_CODES else None


def read_tmx(content, default_origin):
    """(source language, target language, source, translation, origin) of each
    pair of variants in the languages of the site in a TMX file (bytes).
    ExchangeError if it is not a TMX file."""
    try:
        # The DOCTYPE names an external DTD, which is never fetched.
        root = defusedxml.ElementTree.fromstring(content, forbid_dtd=False)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise ExchangeError(
            _("The file is not a valid TMX file: %(error)s") % {"error": exc}
        ) from exc
    if root.tag != "tmx" or root.find("body") is None:
        raise ExchangeError(_("The file is not a TMX file: no <tmx> and <body>."))
    header = root.find("header")
    header_source = header.get("srclang") if header is not None else None
    pairs = []
    for unit in root.iterfind("body/tu"):
        variants = {}
        for variant in unit.iterfind("tuv"):
            lang = _site_language(variant.get(XML_LANG) or variant.get("lang"))
            segment = variant.find("seg")
            if lang and segment is not None:
                variants.setdefault(lang, "".join(segment.itertext()).strip())
        source_lang = _site_language(unit.get("srclang") or header_source)
        if source_lang not in variants:
            continue
        origin = unit.findtext(f"prop[@type='{ORIGIN}']") or default_origin
        pairs += [
            (source_lang, lang, variants[source_lang], text, origin)
            for lang, text in variants.items()
            if lang != source_lang
        ]
    return pairs
