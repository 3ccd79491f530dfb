"""Snippets: a passage of the text found, its matching words in <mark>, escaped.

PostgreSQL writes them with `ts_headline` in the row's configuration; elsewhere the
passage around the first matching word is cut here, with the same stemmers.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .backends import MARK_START, MARK_STOP, TEXT_EDGE
from .stopwords import STOP_WORDS
from .text import WORD, fold, stemmer

SNIPPET_WORDS = 30
WORDS_BEFORE = 8


def from_headline(headline, text_start, text_end):
    """The HTML of a `ts_headline` marked with MARK_START and MARK_STOP, with
    "…" where its passage begins after the text's first words or stops before
    its last ones, as `highlight` writes it: `text_start` and `text_end` are the
    text's first and last TEXT_EDGE characters."""
    html = escape(headline or "").strip()
    if not html:
        return ""
    html = html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    words = WORD.findall(headline)
    first, last = WORD.findall(text_start or ""), WORD.findall(text_end or "")
    # An edge that long may cut its innermost word in two: it is not compared.
    if len(text_start or "") >= TEXT_EDGE:
        first = first[:-1]
    if len(text_end or "") >= TEXT_EDGE:
        last = last[1:]
    before = "" if begins_with(words, first) else "… "
    after = "" if begins_with(words[::-1], last[::-1]) else " …"
    return mark_safe(f"{before}{html}{after}")


def begins_with(words, others):
    """Whether `words` and `others` begin with the same words, as far as the
    shorter goes."""
    count = min(len(words), len(others))
    return words[:count] == others[:count]


def highlight(text, parsed, lang):
    """The passage of `text` around the first word `parsed` wants, as HTML."""
    tokens = list(WORD.finditer(text or ""))
    if not tokens:
        return ""
    stop = STOP_WORDS.get(lang, ())
    wanted = set(
        stemmer(lang).stemWords(
            [fold(word) for word in parsed.positive_words() if fold(word) not in stop]
        )
    )
    marked = [
        index
        for index, token in enumerate(tokens)
        if stemmer(lang).stemWord(fold(token.group())) in wanted
    ]
    chosen = set(marked)
    start = max(0, (marked[0] if marked else 0) - WORDS_BEFORE)
    end = min(len(tokens), start + SNIPPET_WORDS)
    parts = ["… " if start else ""]
    position = tokens[start].start()
    for index in range(start, end):
        token = tokens[index]
        parts.append(escape(text[position : token.start()]))
        word = escape(token.group())
        parts.append(f"<mark>{word}</mark>" if index in chosen else word)
        position = token.end()
    if end < len(tokens):
        parts.append(" …")
    return mark_safe("".join(parts))
