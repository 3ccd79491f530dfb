"""How the index is written, matched and ranked on each database.

PostgreSQL: a weighted tsvector per row in the language's own configuration, which
folds accents (`unaccent`) before the language's Snowball stemmer, written by a
trigger (migration 0002); the query goes
through `websearch_to_tsquery` in the same configuration; `ts_rank` and
`ts_headline` rank and highlight. Other databases (SQLite, the embedded default):
the same Snowball stemmers run in Python on folded words at indexing and query time,
and a word or phrase is a substring match on space-padded lines of stems.
"""

import datetime

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import connection
from django.db.models import (
    Case,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Left, Right

from newsroom.core.languages import LANGUAGE_CODES

from .models import NOT_PUBLIC, shown_to
from .stopwords import STOP_WORDS
from .text import STEMMERS, fold, stem_line

# The configurations made by migration 0002: a copy of PostgreSQL's own per
# language, with `unaccent` before its stemmer.
CONFIGS = {lang: f"newsroom_{name}" for lang, name in STEMMERS.items()}
# Highlight markers: control characters, which the indexed text never holds (see
# text.plain_text), so the snippet can be escaped and then marked up.
MARK_START, MARK_STOP = "\x02", "\x03"
# How many of the first and last characters of a snippet's text PostgreSQL
# gives with its headline, for `snippets.from_headline` to tell whether the
# headline begins and ends where the text does.
TEXT_EDGE = 200
# The order of "most recent".
NEWEST = (F("date").desc(nulls_last=True), "-pk")
# The periods, in days before today, in which PostgreSQL looks for the most recent
# matches one after the other (PostgresBackend.newest).
PERIODS = (30, 365, 3 * 365)
# Title A, lead and names B, body C: a word in the title counts most.
PORTABLE_WEIGHTS = {"stems_a": 1.0, "stems_b": 0.4, "stems_c": 0.2}


def config(lang):
    return CONFIGS.get(lang, "simple")


def snippet_text():
    """The text a snippet is cut from: the lead, then the body."""
    return Concat("lead", Value(" "), "body", output_field=TextField())


class Recency(Func):
    """1 for an item of today, ½ for one a year away, ⅓ two years away; 1 for an
    item without a date (people, offices)."""

    output_field = FloatField()

    def __init__(self, date, today):
        super().__init__(date, Value(today, output_field=DateField()))

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=(
                "COALESCE(1.0 / (1.0 + ABS(julianday(%(expressions)s)) / 365.0), 1.0)"
            ),
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="COALESCE(1.0 / (1.0 + ABS(%(expressions)s) / 365.0), 1.0)",
            arg_joiner=" - ",
            **extra,
        )


class Backend:
    """What every database does; subclasses say how."""

    has_headline = False
    # Whether a query's SQL depends only on its shape, its words being parameters
    # (see results.shape).
    compiles_once = False

    def prepare(self, entry):
        """Fill what `entry` needs before it is written."""

    def match(self, parsed, lang):
        """A Q for the rows in `lang` that match `parsed`."""
        raise NotImplementedError

    def relevance(self, parsed):
        raise NotImplementedError

    def matching(self, parsed):
        """A Q for the rows that match `parsed`, each read in its own language."""
        return Q.create([self.match(parsed, lang) for lang in LANGUAGE_CODES], Q.OR)

    def visible(self, parsed, lang):
        """A Q for the rows that the visitors reading `lang` may find and that
        match `parsed`."""
        return shown_to(lang) & self.matching(parsed)

    def anywhere(self, parsed):
        """A Q for the rows of any version, public or not, that match `parsed`."""
        return self.matching(parsed)

    def score(self, parsed, today):
        """Relevance in the row's own language, times recency."""
        return self.relevance(parsed) * Recency("date", today)

    def newest(self, rows, limit, today=None):
        """A subquery of the pks of the `limit` most recent of `rows` (dated
        rows, when `today` is given)."""
        return rows.order_by(*NEWEST).values("pk")[:limit]


class PostgresBackend(Backend):
    has_headline = True
    compiles_once = True

    def newest(self, rows, limit, today=None):
        """The most recent of dated `rows` period by period (the last PERIODS[0] days,
        then the days before PERIODS[1], …, then the rest), each period's a query
        of its own in one UNION ALL under the LIMIT: PostgreSQL reads a period
        only while the more recent ones gave fewer than `limit` rows, and finds a
        period's rows in the GIN indexes, which hold each row's date (migration
        0004), so a common word reads about `limit` rows, not all its matches."""
        if today is None:
            return super().newest(rows, limit)
        parts, since = [], None
        for days in (*PERIODS, None):
            part = rows
            if since is not None:
                # Only checked on the rows found: indexed, this bound would make
                # the index read every earlier date.
                part = part.alias(day=ExpressionWrapper(F("date") + 0, DateField()))
                part = part.filter(Q(day__lt=since) | Q(date__isnull=True))
            if days is not None:
                since = today - datetime.timedelta(days=days)
                part = part.filter(date__gte=since)
            parts.append(super().newest(part, limit).query.sql_with_params())
        union = " UNION ALL ".join(f"({sql})" for sql, _params in parts)
        return RawSQL(
            f"SELECT * FROM ({union}) AS newest LIMIT {int(limit)}",
            [param for _sql, params in parts for param in params],
        )

    def query(self, parsed, lang):
        return SearchQuery(
            parsed.websearch(), config=config(lang), search_type="websearch"
        )

    def match(self, parsed, lang):
        return Q(lang=lang, document=self.query(parsed, lang))

    def anywhere(self, parsed):
        # One arm per audience, so that each reads its partial GIN indexes.
        audiences = [shown_to(lang) for lang in LANGUAGE_CODES] + [NOT_PUBLIC]
        matching = self.matching(parsed)
        return Q.create([audience & matching for audience in audiences], Q.OR)

    def by_language(self, make, output_field):
        return Case(
            *[When(lang=lang, then=make(lang)) for lang in LANGUAGE_CODES],
            output_field=output_field,
        )

    def relevance(self, parsed):
        # Normalisation 1: a long body does not outrank a short one by length.
        return self.by_language(
            lambda lang: SearchRank(
                F("document"), self.query(parsed, lang), normalization=Value(1)
            ),
            FloatField(),
        )

    def headline(self, parsed):
        """{name: expression} of a snippet: the best passages of the lead and
        body, marked with MARK_START/STOP (`headline`), and the text's first and
        last TEXT_EDGE characters (`text_start`, `text_end`)."""
        headline = self.by_language(
            lambda lang: SearchHeadline(
                snippet_text(),
                self.query(parsed, lang),
                config=config(lang),
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                # A passage begins and ends with a word, whatever its length,
                # as elsewhere (the default drops words of up to three letters
                # there, such as the first word of a text: "An", "The").
                short_word=0,
            ),
            TextField(),
        )
        return {
            "headline": headline,
            "text_start": Left(snippet_text(), TEXT_EDGE),
            "text_end": Right(snippet_text(), TEXT_EDGE),
        }


class PortableBackend(Backend):
    def prepare(self, entry):
        entry.stems_a = stem_line(entry.title, entry.lang)
        entry.stems_b = stem_line(f"{entry.lead} {entry.names}", entry.lang)
        entry.stems_c = stem_line(entry.body, entry.lang)

    def phrases(self, parsed, lang):
        """[(group of (stem line, negated))] of `parsed` in `lang`, without the
        terms of `lang`'s stop words alone, as PostgreSQL's query leaves them
        out (a phrase keeps them: the text has them there)."""
        stop = STOP_WORDS.get(lang, ())
        groups = []
        for group in parsed.groups:
            terms = [
                (line, term.negated)
                for term in group
                if not all(fold(word) in stop for word in term.words)
                and (line := stem_line(" ".join(term.words), lang))
            ]
            if terms:
                groups.append(terms)
        return groups

    def found(self, line):
        return Q.create(
            [(f"{column}__contains", line) for column in PORTABLE_WEIGHTS], Q.OR
        )

    def match(self, parsed, lang):
        groups = self.phrases(parsed, lang)
        if not any(not negated for group in groups for _line, negated in group):
            # Nothing wanted in this language: PostgreSQL finds nothing either.
            return Q(pk__in=[])
        condition = Q(lang=lang)
        for group in groups:
            condition &= Q.create(
                [
                    ~self.found(line) if negated else self.found(line)
                    for line, negated in group
                ],
                Q.OR,
            )
        return condition

    def relevance(self, parsed):
        def points(lang):
            lines = [
                line
                for group in self.phrases(parsed, lang)
                for line, negated in group
                if not negated
            ]
            total = Value(0.0)
            for line in lines:
                for column, weight in PORTABLE_WEIGHTS.items():
                    total += Case(
                        When(**{f"{column}__contains": line}, then=Value(weight)),
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
            return total

        return Case(
            *[When(lang=lang, then=points(lang)) for lang in LANGUAGE_CODES],
            output_field=FloatField(),
        )


def backend():
    """The backend of the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return PortableBackend()
