"""Text as the index sees it: plain text out of sanitised rich text, words folded
for accents and case, and reduced to their stem by the language's Snowball stemmer.

PostgreSQL folds and stems in its own text search configurations (the same Snowball
algorithms); SQLite stores and queries what `stems()` returns, so a visitor finds the
same words on both.
"""

import functools
import html
import re
import unicodedata

import snowballstemmer

from .unaccent import RULES

# Block-level tags and table cells separate words; inline tags (<strong>,
# <a>…) do not.
BLOCK_TAG = re.compile(
    r"</?(?:p|br|h[1-6]|ul|ol|li|blockquote|div|table|caption|thead|tbody|tfoot|tr|th|td)"
    r"\b[^>]*>",
    re.I,
)
ANY_TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")
WORD = re.compile(r"\w+")
# Characters the snippets use as highlight markers never come from the text.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# The Snowball stemmer of each language PostgreSQL knows by the same name.
STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}


def plain_text(value):
    """The words a reader sees in `value` (sanitised HTML or plain text): tags,
    their attributes and entities gone, white space collapsed."""
    if not value:
        return ""
    text = ANY_TAG.sub("", BLOCK_TAG.sub(" ", value))
    return SPACES.sub(" ", CONTROL.sub(" ", html.unescape(text))).strip()


# fold() as an SQL function of SQLite connections (SearchConfig registers it).
FOLD_FUNCTION = "NEWSROOM_FOLD"


# PostgreSQL's `unaccent` rules as a translation table (see unaccent.py).
UNACCENT = str.maketrans(RULES)


def fold(text):
    """`text` without accents, in lower case, as PostgreSQL folds the words of
    the index (migration 0006): in Unicode's compatibility form ("2ᵉ" is
    "2e"), then through `unaccent` ("VOTACIÓN" → "VOTACION", "Ɗahiru" →
    "Dahiru"; a letter it keeps, such as "ǣ", stays), then in lower case."""
    return unicodedata.normalize("NFKC", text).translate(UNACCENT).lower()


def register_fold(sender, connection, **kwargs):
    """Makes fold() an SQL function of an open SQLite `connection`."""
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function(
            FOLD_FUNCTION,
            1,
            lambda text: None if text is None else fold(text),
            deterministic=True,
        )


@functools.cache
def stemmer(lang):
    return snowballstemmer.stemmer(STEMMERS.get(lang, "english"))


def words(text):
    """The folded words of `text`, in order."""
    return WORD.findall(fold(text))


def stems(text, lang):
    """The folded, stemmed words of `text` in `lang`, in order: accents go before
    stemming, as PostgreSQL's configurations do it."""
    return stemmer(lang).stemWords(words(text))


def stem_line(text, lang):
    """The stems of `text` as one space-padded line, so that a word or a phrase is
    found with a plain substring match (" stem " or " stem stem ")."""
    found = stems(text, lang)
    return f" {' '.join(found)} " if found else ""
