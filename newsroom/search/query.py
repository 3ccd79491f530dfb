"""A visitor's query, read once for every backend: words, "quoted phrases",
-exclusions and `or`, the syntax of PostgreSQL's `websearch_to_tsquery`.

Whatever was typed, what reaches the database is rebuilt from words alone (letters
and digits), at most `MAX_TERMS` of them and none longer than `MAX_WORD_LENGTH`, so
that no input can break the query's syntax or make it cost more than a few words do.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from newsroom.models.releases import REFERENCE_FORMAT

from .stopwords import STOP_WORDS
from .text import WORD, fold

MAX_TERMS = 8
# Only the start of a longer text is read.
MAX_QUERY_LENGTH = 1000
# No word of any language is longer; a longer one is cut, and so bounded.
MAX_WORD_LENGTH = 60

# A quoted phrase (the closing quote may be missing) or a run of other characters,
# each with an optional leading minus. Quotes as phones and French or Spanish
# keyboards type them (“…”, « … ») are quotes too.
QUOTES = '"“”„«»'
TOKEN = re.compile(rf"(-?)[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|(-?)([^\s{QUOTES}]+)")
# An elided article or pronoun before a word ("l'", "d'", "qu'") and a
# possessive after it ("'s"): a word typed with one asks for the word alone, as
# PostgreSQL's stop words have it ("l'ONU" finds "ONU"). Within a word
# ("Côte-d'Ivoire") or a quoted phrase they stay: the text has them there too.
# The apostrophe as keyboards and phones type it: straight, typographic (’, ʼ),
# a left quotation mark (‘, "smart" quotes after a letter) or an accent (`, ´).
APOSTROPHES = "'’ʼ‘`´"
CLITIC = re.compile(
    rf"^\W*(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)[{APOSTROPHES}](?=\w)"
    rf"|(?<=\w)[{APOSTROPHES}]s\W*$",
    re.I,
)

# A release's reference number, which the index holds as REFERENCE_FORMAT writes
# it ("PR/2019/007"): typed without the serial's zeros ("PR/2019/7"), as the
# admin's search takes it, it asks for the same number.
REFERENCE = re.compile(r"\bPR/(\d{4})/(\d{1,9})\b", re.I | re.ASCII)


def as_indexed(reference):
    return REFERENCE_FORMAT.format(year=int(reference[1]), serial=int(reference[2]))


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of words that must follow each other."""

    words: tuple
    negated: bool = False

    def websearch(self):
        text = " ".join(self.words)
        # The word "or" ("l'or", gold) in quotes too: bare, between two words,
        # `websearch_to_tsquery` reads it as its operator.
        if len(self.words) > 1 or text.lower() == "or":
            text = f'"{text}"'
        return f"-{text}" if self.negated else text


@dataclass
class ParsedQuery:
    """All `groups` must match; within a group, any of its terms (`or`)."""

    groups: list = field(default_factory=list)
    # What was left out, for the page to say: words past `MAX_TERMS`, the words
    # (or the end of a word) past `MAX_QUERY_LENGTH` characters, the end of a
    # word longer than `MAX_WORD_LENGTH`.
    truncated: bool = False
    cut: bool = False
    shortened: bool = False
    # The words wanted were all too common to search (`common_words`).
    too_common: bool = False

    @property
    def searchable(self):
        """A query finds something only through a word it wants: a query of
        exclusions alone would list the whole archive."""
        return any(not term.negated for group in self.groups for term in group)

    def websearch(self):
        """The query in `websearch_to_tsquery` syntax, made of words only."""
        return " ".join(
            " or ".join(term.websearch() for term in group) for group in self.groups
        )

    @property
    def exact(self):
        """Whether the query has neither phrase nor exclusion: a GIN index then
        answers it without reading any document."""
        return all(
            len(term.words) == 1 and not term.negated
            for group in self.groups
            for term in group
        )

    def loose(self):
        """A query that finds at least what this one finds, made of words alone:
        a phrase becomes its words (its first in an `or`), exclusions go. The
        candidates are found with it, then checked against the whole query."""
        groups = []
        for group in self.groups:
            terms = [term for term in group if not term.negated]
            if len(terms) == 1:
                groups += [[Term((word,))] for word in terms[0].words]
            elif terms:
                groups.append([Term(term.words[:1]) for term in terms])
        return ParsedQuery(groups=groups, truncated=self.truncated)

    def common_words(self, lang):
        """This query without its words, when every word it wants is one of
        `lang`'s stop words ("the", « de la »): PostgreSQL leaves them out of
        its documents, so such a query finds nothing in `lang`'s texts (and
        would find every text were they searched); the page says so instead
        of searching. None for any other query."""
        wanted = self.positive_words()
        stop = STOP_WORDS.get(lang, ())
        if wanted and all(fold(word) in stop for word in wanted):
            return ParsedQuery(too_common=True)
        return None

    def only_common_words(self):
        """Whether every word this query wants is a stop word of one language
        or another ("the", « le », "the le"): the admin, which reads each text
        in its own language, finds none of the texts of those languages by
        them."""
        wanted = self.positive_words()
        return bool(wanted) and all(
            any(fold(word) in stop for stop in STOP_WORDS.values()) for word in wanted
        )

    def positive_words(self):
        return [
            word
            for group in self.groups
            for term in group
            if not term.negated
            for word in term.words
        ]


LAST_WORD = re.compile(r"\w+$")


def words_left_out(read, rest):
    """Whether cutting a query into `read` and `rest` left words out: a word of
    `rest`, or the end of a word cut in the middle (unless it is longer than
    MAX_WORD_LENGTH, and so searched by its start anyway)."""
    last = LAST_WORD.search(read)
    tail = WORD.match(rest) if last else None
    if tail and len(last[0]) < MAX_WORD_LENGTH:
        return True
    return bool(WORD.search(rest, tail.end() if tail else 0))


def parse(text, max_terms=MAX_TERMS):
    """The query in `text`, cut after `max_terms` words."""
    text = text or ""
    read, rest = text[:MAX_QUERY_LENGTH], text[MAX_QUERY_LENGTH:]
    query = ParsedQuery()
    budget = max_terms
    pending_or = False
    for match in TOKEN.finditer(REFERENCE.sub(as_indexed, read)):
        quote_minus, phrase, minus, chunk = match.groups()
        if phrase is None and chunk.lower() == "or" and not minus:
            pending_or = bool(query.groups)
            continue
        wanted = phrase if phrase is not None else CLITIC.sub("", chunk)
        # In compatibility form, as the index reads the text: "2ᵉ" is "2e".
        found = WORD.findall(unicodedata.normalize("NFKC", wanted))
        if not found:
            continue
        if len(found) > budget:
            query.truncated = True
            found = found[:budget]
        query.shortened |= any(len(word) > MAX_WORD_LENGTH for word in found)
        words = tuple(word[:MAX_WORD_LENGTH] for word in found)
        budget -= len(words)
        term = Term(words, negated=bool(quote_minus or minus))
        if pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
        if budget == 0:
            query.truncated |= bool(WORD.search(match.string, match.end()))
            query.truncated |= bool(rest) and words_left_out(read, rest)
            break
    else:
        query.cut = bool(rest) and words_left_out(read, rest)
    return query
