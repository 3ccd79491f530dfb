"""The query layer: what a visitor finds, and what an editor finds in the admin.

A visitor reading `lang` finds the rows shown to that language (their own version
where it is public, else the original), of items that their model's `live()` rule
makes public now, matched in the row's own language: their language's versions
first, then originals in other languages, each by relevance times recency.
"""

import datetime
from dataclasses import astuple, dataclass, field
from functools import cached_property, lru_cache

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, IntegerField, Value, When, Window
from django.urls import NoReverseMatch
from django.utils import timezone

from newsroom.core.languages import LANGUAGE_NAMES, in_any_language, slug_url
from newsroom.models import Topic

from .backends import PERIODS, backend
from .compiled import compile_shape, execute
from .documents import BY_MODEL, INDEXES
from .models import Entry
from .query import parse
from .snippets import from_headline, highlight

DISPLAYED_FIELDS = ("kind", "lang", "slugs", "date", "title", "lead")
# Each type counts and ranks at most this many of its most recent matches: ranking
# reads each one's document, so this bounds a search's cost at any archive size
# (200 rather than 500 halves it at 100,000 releases; see README, Search).
MAX_CANDIDATES = 200


@dataclass
class Filters:
    kind: str = ""
    year: int | None = None
    topic: str = ""
    region: str = ""
    # A topic or region that none of those offered has: nothing is searched.
    names_nothing: bool = False

    def rule_out(self, spec):
        """Whether a filter excludes every item of `spec`'s kind. (The kind
        itself is not one: the other kinds are still counted, for the tabs.)"""
        return (
            self.names_nothing
            or (self.year and not spec.dated)
            or (self.topic and not spec.topic_path)
            or (self.region and not spec.region_path)
        )


def candidates(spec, visible, filters, at=None):
    """The rows of `spec`'s kind that a visitor finds: `visible` (a Q, see
    Backend.visible), public now, through the filters."""
    rows = Entry.objects.filter(visible, spec.public(at), kind=spec.kind)
    if filters.year:
        rows = rows.filter(date__year=filters.year)
    if filters.topic:
        topics = Topic.objects.public().filter(in_any_language("slug", filters.topic))
        tagged = spec.model.objects.filter(**{f"{spec.topic_path}__in": topics})
        rows = rows.filter(**{f"{spec.field}__in": tagged})
    if filters.region:
        rows = rows.filter(
            **{f"{spec.field}__{spec.region_path}__slug": filters.region}
        )
    return rows


def ranked(rows, parsed, lang, today):
    """`rows` in the order shown: the visitor's language first, then by score."""
    engine = backend()
    rows = rows.annotate(
        score=engine.score(parsed, today),
        elsewhere=Case(
            When(lang=lang, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("elsewhere", "-score", "-date", "pk")
    if engine.has_headline:
        return rows.annotate(**engine.headline(parsed)).only(*DISPLAYED_FIELDS)
    return rows.only(*DISPLAYED_FIELDS, "body")


@dataclass
class Hit:
    """One result as the page shows it."""

    entry: Entry
    parsed: object
    visitor_lang: str

    @property
    def spec(self):
        return INDEXES[self.entry.kind]

    @cached_property
    def url(self):
        try:
            return slug_url(self.spec.url_name, self.entry.slug_for(self.visitor_lang))
        except NoReverseMatch:
            return None

    @property
    def is_fallback(self):
        return self.entry.lang != self.visitor_lang

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.entry.lang, self.entry.lang)

    @cached_property
    def snippet(self):
        if hasattr(self.entry, "headline"):
            entry = self.entry
            return from_headline(entry.headline, entry.text_start, entry.text_end)
        text = f"{self.entry.lead} {self.entry.body}".strip()
        return highlight(text, self.parsed, self.entry.lang)


class CountedPaginator(Paginator):
    """A paginator told its count, already taken with the others."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def bounded(rows, parsed, today=None):
    """Of `rows` (found with the loose form of `parsed`), the `MAX_CANDIDATES`
    most recent, then those that match `parsed` itself: counting and ranking read
    that many rows at most, whatever the size of the archive. A query with fewer
    matches is exact; one with more ranks its most recent matches. (`today` for
    the kinds read period by period, see Backend.newest.)"""
    engine = backend()
    found = Entry.objects.filter(pk__in=engine.newest(rows, MAX_CANDIDATES, today))
    return found if parsed.exact else found.filter(engine.matching(parsed))


@dataclass(frozen=True)
class Placeholder:
    """Stands for a parsed query while its shape's SQL is built: its texts are
    the stand-ins of compiled.STAND_INS."""

    full: str
    loose_text: str
    exact: bool
    searchable = True

    def websearch(self):
        return self.full

    def loose(self):
        return Placeholder(self.loose_text, self.loose_text, True)


def search_values(at, loose, full):
    """{name: value} of a search's slots (see compiled.Template)."""
    today = timezone.localdate(at)
    since = {f"since {days}": today - datetime.timedelta(days=days) for days in PERIODS}
    return {"at": at, "loose": loose, "full": full, "today": today, **since}


@lru_cache(maxsize=256)
def shape(what, kind, lang, exact, filters, offset, limit, cap):
    """The compiled.Template of the `what` ("hits" or "count") query of `kind`
    (`cap`: the MAX_CANDIDATES it was built with)."""

    def build(values):
        placeholder = Placeholder(values["full"], values["loose"], exact)
        search = Search(placeholder, lang, Filters(*filters), values["at"])
        if what == "count":
            sql, params = (
                search.rows(kind).order_by().values("pk").query.sql_with_params()
            )
            return f"SELECT COUNT(*) FROM ({sql}) AS c", params
        return search.ranked_rows(kind, offset, limit).query.sql_with_params()

    return compile_shape(build, search_values, quote)


def quote(value):
    """`value` as an SQL literal, as the driver writes it when it binds it."""
    return connection.ops.compose_sql("%s", [value])


def entries(columns, rows):
    """The Entry of each of `rows` of `columns`, the columns not its fields as
    attributes, as Entry.objects.raw() gives them."""
    attnames = [field.attname for field in Entry._meta.concrete_fields]
    loaded = [name for name in attnames if name in columns]
    extra = [name for name in columns if name not in attnames]
    found = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        entry = Entry.from_db(
            connection.alias, loaded, [values[name] for name in loaded]
        )
        for name in extra:
            setattr(entry, name, values[name])
        found.append(entry)
    return found


@dataclass
class Search:
    """A visitor's search: counts per kind, and the hits of one kind or of all."""

    parsed: object
    lang: str
    filters: Filters = field(default_factory=Filters)
    at: object = None

    def __post_init__(self):
        self.at = self.at or timezone.now()
        self.today = timezone.localdate(self.at)
        self.known_counts = {}

    @cached_property
    def kinds(self):
        """The kinds the filters leave, if the query asks for a word."""
        if not self.parsed.searchable:
            return []
        return [
            kind for kind, spec in INDEXES.items() if not self.filters.rule_out(spec)
        ]

    def rows(self, kind):
        """The candidate rows of `kind`."""
        spec = INDEXES[kind]
        # Candidates by the loose query, whose every arm a GIN index answers
        # exactly; phrases and exclusions are checked on the few that remain.
        visible = backend().visible(self.parsed.loose(), self.lang)
        return bounded(
            candidates(spec, visible, self.filters, self.at),
            self.parsed,
            self.today if spec.by_period else None,
        )

    def template(self, what, kind, offset=0, limit=0):
        """The SQL of this search's shape, when the backend builds it once."""
        if not backend().compiles_once:
            return None
        filters = astuple(self.filters)
        key = (self.lang, self.parsed.exact, filters, offset, limit, MAX_CANDIDATES)
        return shape(what, kind, *key)

    @cached_property
    def quoted(self):
        """The values of this search's slots, as SQL."""
        loose = self.parsed.loose().websearch()
        values = search_values(self.at, loose, self.parsed.websearch())
        return {name: quote(value) for name, value in values.items()}

    def count(self, kinds):
        """{kind: number of hits} of `kinds`, in one round trip where the SQL is
        built once."""
        templates = [self.template("count", kind) for kind in kinds]
        if None in templates:
            return {kind: self.rows(kind).count() for kind in kinds}
        results = execute(
            connection, [(template, self.quoted) for template in templates]
        )
        return {
            kind: rows[0][0]
            for kind, (_columns, rows) in zip(kinds, results, strict=True)
        }

    @property
    def counts(self):
        """{kind: number of hits (at most MAX_CANDIDATES)}: the kinds not yet
        counted by `hits` counted together."""
        missing = [kind for kind in self.kinds if kind not in self.known_counts]
        if missing:
            self.known_counts.update(self.count(missing))
        return self.known_counts

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def capped(self):
        """Whether some kind has more hits than were counted."""
        return any(count >= MAX_CANDIDATES for count in self.counts.values())

    def ranked_rows(self, kind, offset, limit):
        """The hits of `kind` from `offset`, each with the count of them all."""
        rows = ranked(self.rows(kind), self.parsed, self.lang, self.today)
        return rows.annotate(total=Window(Count("pk")))[offset : offset + limit]

    def fetch(self, kinds, offset, limit):
        """{kind: its hits from `offset`} for each of `kinds`, counting them all in
        the same query; the queries of all the kinds in one round trip where
        the SQL is built once."""
        templates = [self.template("hits", kind, offset, limit) for kind in kinds]
        if not kinds:
            return {}
        if None in templates:
            found = {
                kind: list(self.ranked_rows(kind, offset, limit)) for kind in kinds
            }
        else:
            results = execute(
                connection, [(template, self.quoted) for template in templates]
            )
            found = {
                kind: entries(columns, rows)
                for kind, (columns, rows) in zip(kinds, results, strict=True)
            }
        for kind, rows in found.items():
            if rows:
                self.known_counts[kind] = rows[0].total
            elif not offset:
                self.known_counts[kind] = 0
        return {
            kind: [Hit(entry, self.parsed, self.lang) for entry in rows]
            for kind, rows in found.items()
        }

    def hits(self, kind, offset=0, limit=10):
        """The hits of `kind` from `offset`, counting them all in the same query."""
        return self.fetch([kind], offset, limit)[kind]

    def best(self, limit):
        """{kind: its first `limit` hits} for every kind, counted in the same
        query."""
        return self.fetch(self.kinds, 0, limit)

    def page(self, kind, number, per_page):
        """Page `number` of the hits of `kind`: the first for a bad number, the
        last past the end (no kind has more pages than MAX_CANDIDATES fill,
        which bounds the offset asked of the database)."""
        try:
            number = max(1, int(number or 1))
        except (TypeError, ValueError):
            number = 1
        number = min(number, -(-MAX_CANDIDATES // per_page))
        hits = self.hits(kind, (number - 1) * per_page, per_page)
        if not hits and number > 1:
            count = self.counts[kind]
            number = max(1, -(-count // per_page))
            hits = self.hits(kind, (number - 1) * per_page, per_page)
        paginator = CountedPaginator(hits, per_page, self.counts[kind])
        page = paginator.page(number)
        page.object_list = hits
        return page


def admin_matches(model, text):
    """The pks of `model`'s items with a version of any state matching `text`,
    read in its own language; None when `text` asks for no word."""
    parsed = parse(text)
    if not parsed.searchable:
        return None
    spec = BY_MODEL[model]
    return Entry.objects.filter(backend().anywhere(parsed), kind=spec.kind).values(
        spec.field
    )
