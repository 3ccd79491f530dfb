"""Typography per language, applied when text is rendered (and by the translators'
PO import): French no-break spaces, never inside tags, attributes, entities, URLs,
e-mail addresses or code.

French (Imprimerie nationale, as French newsrooms set it): a narrow no-break space
(U+202F) before ; ! ? and inside « », a no-break space (U+00A0) before :. A space
already there becomes the no-break one; a missing one is added only where the sign
ends a word (so "10:30", "?page=2" and "https://" stay as they are).
"""

import re

from babel.core import UnknownLocaleError
from babel.numbers import format_decimal
from django.utils.translation import to_locale

NBSP = "\u00a0"
NNBSP = "\u202f"

# Markup, entities, URLs and addresses: copied as they are.
_PROTECTED = re.compile(
    r"<(script|style|pre|code|kbd|samp|textarea)\b.*?</\1\s*>"  # code and scripts
    r"|<!--.*?-->"
    r"|<[^>]*>"  # a tag and its attributes
    r"|&(?:#\d+|#x[0-9a-fA-F]+|\w+);"  # an entity
    r"|\b(?:https?|ftp|mailto|tel):[^\s<>\"']+"  # a URL
    r"|\bwww\.[^\s<>\"']+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # an e-mail address
    re.IGNORECASE | re.DOTALL,
)
_SPACES = f"[ {NBSP}{NNBSP}\t]"

_FRENCH_RULES = (
    # A space before ; ! ? (or a run of them: "?!") becomes narrow and unbreakable;
    # after a word or a closing sign with none, one is added.
    (re.compile(rf"{_SPACES}+([;!?]+)"), NNBSP + r"\1"),
    (re.compile(r"(?<=[\w»)\]])([;!?]+)(?=\s|$|[»)\]\"'’.,])"), NNBSP + r"\1"),
    # The same before a colon, with a normal-width no-break space.
    (re.compile(rf"{_SPACES}+:"), NBSP + ":"),
    (re.compile(r"(?<=[\w»)\]]):(?=\s|$)"), NBSP + ":"),
    # Inside « and ».
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
)

_RULES = {"fr": _FRENCH_RULES}


def _rules(lang):
    return _RULES.get((lang or "").split("-")[0].lower(), ())


def _apply(text, rules):
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def typeset(html_or_text, lang):
    """`html_or_text` set in the typography of `lang` (a language code).

    HTML and plain text alike: markup, entities, URLs, addresses and code are left
    untouched, and so is text in a language without rules. Running it twice gives
    the same result as running it once."""
    rules = _rules(lang)
    if not rules or not html_or_text:
        return html_or_text
    text = str(html_or_text)
    parts = []
    position = 0
    # Each run of text between two protected ones is typeset on its own.
    for match in _PROTECTED.finditer(text):
        parts.append(_apply(text[position : match.start()], rules))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_apply(text[position:], rules))
    return "".join(parts)


def number(value, lang):
    """`value` (a number) with the digit grouping of `lang`: "1,234" in English,
    "1 234" (a narrow no-break space) in French, "1.234" in Spanish."""
    try:
        return format_decimal(value, locale=to_locale(lang or "en"))
    except (TypeError, ValueError, UnknownLocaleError):
        return value
