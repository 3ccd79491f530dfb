"""SQL built once per shape of query, then run with each search's values.

Compiling the ORM's queries of a search page cost about half its Python time. Their
SQL depends on the query's shape (the type, the visitor's language, the filters,
whether the query is exact, the page), not on its words or on the time: a shape's
queryset is built twice, with two sets of stand-in values, and the parameters that
differ between the two are the slots each search fills with its own values. The
other parameters are written into the SQL once, quoted as the database driver
quotes them when it binds them on the client side, and so are the values of a
search: the driver then has no placeholder to find in a long statement (it parsed
each one again, not caching statements longer than 4 kB). The
querysets are still built by the same code (the one `live_q()` rule included), once
per shape. Anything else that varies between two builds (a clock read while
building) shows as a difference that no stand-in explains: such a shape is not kept
but built for each search.

`execute` runs a page's queries in one round trip, each as a statement that the
connection prepares once, its slots as parameters, with a generic plan: PostgreSQL
then plans it once per connection, not at every search (planning took about a third
of the time of a page's search queries at 100,000 releases).
"""

import datetime
import itertools
import logging
import re
import weakref
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# A parameter's placeholder, or an escaped percent sign, in the SQL of a queryset.
PLACEHOLDER = re.compile(r"%s|%%")
# The type a quoted value is cast to ("'2026-01-31'::date"); a text has none.
CAST = re.compile(r"::[a-z ]+$")
# Statements a connection keeps prepared; past this, it forgets them all.
MAX_PREPARED = 256
# {raw connection: {SQL with parameters: statement name}}
PREPARED = weakref.WeakKeyDictionary()
STATEMENT_NUMBERS = itertools.count()

# Values no search ever has: a moment, and two texts with control characters, which
# a query never holds (see query.parse).
STAND_INS = (
    {
        "at": datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
        "loose": "\x01loose one\x01",
        "full": "\x01full one\x01",
    },
    {
        "at": datetime.datetime(1902, 4, 6, 8, 10, 12, tzinfo=datetime.UTC),
        "loose": "\x01loose two\x01",
        "full": "\x01full two\x01",
    },
)


@dataclass(frozen=True)
class Template:
    """SQL in `pieces`, between which come the values of `names`."""

    pieces: tuple
    names: tuple

    def sql(self, quoted):
        """The SQL with {name: quoted value} `quoted` filled in."""
        parts = [self.pieces[0]]
        for name, piece in zip(self.names, self.pieces[1:], strict=True):
            parts += [quoted[name], piece]
        return "".join(parts)

    def parameters(self):
        """The names of the values, each once, in the order of their parameters."""
        return tuple(dict.fromkeys(self.names))

    def parameterised(self, quoted):
        """The SQL with the parameters $1, $2… in place of the values, each cast
        to the type of its value in `quoted`."""
        return self.sql(
            {
                name: f"${number}"
                + (match[0] if (match := CAST.search(quoted[name])) else "::text")
                for number, name in enumerate(self.parameters(), 1)
            }
        )


def execute(connection, statements):
    """[(column names, rows)] of each of `statements`, [(Template, {name: quoted
    value})], run in one round trip, each prepared once per connection with a
    generic plan."""
    with connection.cursor() as cursor:
        prepared = PREPARED.setdefault(connection.connection, {})
        sent = ["SET LOCAL plan_cache_mode = force_generic_plan"]
        if len(prepared) + len(statements) > MAX_PREPARED:
            sent.append("DEALLOCATE ALL")
            prepared.clear()
        for template, quoted in statements:
            sql = template.parameterised(quoted)
            if sql not in prepared:
                prepared[sql] = f"search_{next(STATEMENT_NUMBERS)}"
                sent.append(f"PREPARE {prepared[sql]} AS {sql}")
            values = ", ".join(quoted[name] for name in template.parameters())
            sent.append(f"EXECUTE {prepared[sql]}" + (f"({values})" if values else ""))
        found = []
        try:
            cursor.execute("; ".join(sent))
            while True:
                if cursor.description:
                    columns = [column.name for column in cursor.description]
                    found.append((columns, cursor.fetchall()))
                if not cursor.nextset():
                    break
        except Exception:
            # What this connection has prepared is unknown now: prepare anew
            # (under new names).
            PREPARED.pop(connection.connection, None)
            raise
    return found


def inline(sql, params, slots, quote):
    """A Template of `sql`, with its `params` quoted by `quote` but those at the
    positions of {position: name} `slots`."""
    pieces, names, piece, start = [], [], [], 0
    params = iter(enumerate(params))
    for match in PLACEHOLDER.finditer(sql):
        piece.append(sql[start : match.start()])
        start = match.end()
        if match.group() == "%%":
            piece.append("%")
            continue
        position, value = next(params)
        if position in slots:
            pieces.append("".join(piece))
            names.append(slots[position])
            piece = []
        else:
            piece.append(quote(value))
    piece.append(sql[start:])
    pieces.append("".join(piece))
    return Template(tuple(pieces), tuple(names))


def slot_name(first, second, names, values):
    """The name of the value that gave `first` in the first build and `second`
    in the second, or None."""
    try:
        name = names.get(first)
    except TypeError:  # an unhashable parameter
        return None
    return name if name is not None and values[1][name] == second else None


def compile_shape(build, expand, quote):
    """The Template of `build(values)` (which returns (sql, params)), where
    `expand(**stand_in)` gives {name: value} of a search, its other parameters
    quoted by `quote`; None when the SQL depends on something else than those
    values."""
    values = [expand(**stand_in) for stand_in in STAND_INS]
    (sql, params), (other_sql, other_params) = (build(each) for each in values)
    if sql != other_sql or len(params) != len(other_params):
        logger.warning("Search SQL not kept: it changes between two builds")
        return None
    names = {value: name for name, value in values[0].items()}
    slots = {}
    for position, (first, second) in enumerate(zip(params, other_params, strict=True)):
        if first == second:
            continue
        name = slot_name(first, second, names, values)
        if name is None:
            logger.warning("Search SQL not kept: parameter %s varies", position)
            return None
        slots[position] = name
    return inline(sql, params, slots, quote)
