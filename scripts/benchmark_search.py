"""Search latency at scale: p50 and p95 per kind of query and language, and the
size of the index.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/benchmark_search.py --releases 100000

Uses DATABASE_URL (a throw-away SQLite database without it), migrated; brings it to
`--releases` press releases with `manage.py generate_content` when it has fewer
(with a tenth as many events and a hundredth as many people), then requests the
search page for one-, two- and three-word queries and a quoted phrase in each
language, drawn from the generator's phrase lists, through Django's test client:
the whole page (counts per type, the best hits of each type, snippets). First,
unmeasured, `--warm-up` queries of each kind in each language drawn from another
seed, none of them one of the measured queries: the process and the database's
buffers are then warm as on a running site, but no measured query has run
before. Prints the median, the 95th percentile and the maximum of the wall clock
in milliseconds, and the median and 95th percentile of the CPU time of the
Django process alone, which another load on the machine does not inflate, and
the time of the page's SQL queries as the client saw them, and, when PostgreSQL
runs on this machine, the CPU time of the server process that answered them),
the SQL queries of a page, the index's rows and size, and the load average.
`--dearest N` lists the N slowest requests of each kind of query: their words,
CPU, SQL and server CPU ("DB"), the pages the server read from the operating system
(not in its shared buffers) and the time of the garbage collections that ran
in them. Figures, not a test: nothing here can fail.
"""

import argparse
import gc
import itertools
import os
import random
import time

from benchmarking import generate_releases, median_p95, start_django


def vocabulary(lang):
    """{shape: [query…]} drawn from the generator's phrase lists in `lang`."""
    from newsroom.demo import wordlists
    from newsroom.demo.generator import LANG_INDEX

    index = LANG_INDEX[lang]

    def words(table):
        found = []
        for row in table:
            found += [
                word.strip("'’").split("'")[-1]
                for word in row[index].split()
                if len(word) > 3
            ]
        return sorted(set(found))

    def phrases(*tables):
        return [
            row[index].split(" ", 1)[-1]
            if row[index].startswith(("la ", "le ", "l'"))
            else row[index]
            for table in tables
            for row in table
            if len(row[index].split()) > 1
        ]

    return {
        "people": words(wordlists.PEOPLE),
        "aid": words(wordlists.AID),
        "disasters": words(wordlists.DISASTERS),
        "cities": [row[index] for row in wordlists.CITIES if " " not in row[index]],
        "topics": words(wordlists.TOPICS),
        "phrases": phrases(wordlists.PEOPLE, wordlists.AID, wordlists.TOPICS),
    }


def queries(lang, count, rng):
    words = vocabulary(lang)
    everything = sorted(
        {word for key, found in words.items() if key != "phrases" for word in found}
    )
    return {
        "one word": [rng.choice(everything) for _ in range(count)],
        "two words": [
            f"{rng.choice(words['people'])} {rng.choice(words['cities'])}"
            for _ in range(count)
        ],
        "three words": [
            f"{rng.choice(words['people'])} {rng.choice(words['aid'])} "
            f"{rng.choice(words['disasters'])}"
            for _ in range(count)
        ],
        "phrase": [f'"{rng.choice(words["phrases"])}"' for _ in range(count)],
    }


def server_process(connection):
    """(CPU ms, pages read from the OS) so far of the PostgreSQL process serving
    `connection`, read from /proc; None when it is not on this machine."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    proc = f"/proc/{connection.connection.info.backend_pid}"
    try:
        with open(f"{proc}/schedstat") as schedstat, open(f"{proc}/io") as io:
            cpu = int(schedstat.read().split()[0]) / 1e6
            read = dict(line.split(": ") for line in io.read().splitlines())
    except OSError:
        return None
    return cpu, int(read["rchar"]) / 8192


# The milliseconds of CPU of each garbage collection since the last clear().
GC_TIMES = []
_gc_started = []


def time_collections(phase, info):
    if phase == "start":
        _gc_started[:] = [time.process_time()]
    elif _gc_started:
        GC_TIMES.append((time.process_time() - _gc_started[0]) * 1000)


def index_size(connection):
    from newsroom.search.models import Entry

    rows = Entry.objects.count()
    if connection.vendor != "postgresql":
        return f"{rows} rows"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_relation_size('search_entry')), "
            "pg_size_pretty(pg_table_size('search_entry')), "
            "pg_size_pretty(pg_total_relation_size('search_entry'))"
        )
        heap, table, total = cursor.fetchone()
        cursor.execute(
            "SELECT am.amname, count(*), "
            "pg_size_pretty(sum(pg_relation_size(i.indexrelid))) "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam "
            "WHERE i.indrelid = 'search_entry'::regclass GROUP BY am.amname"
        )
        indexes = ", ".join(
            f"{count} {method} {size}" for method, count, size in cursor.fetchall()
        )
    return (
        f"{rows} rows; table {heap} (with TOAST {table}); indexes: {indexes}; "
        f"total {total}"
    )


def measure(client, path, text, address):
    """{figure: value} of one search page for `text`: wall, cpu, sql, db (the
    server's CPU) and read (its pages read from the OS) in ms or pages, NaN when
    unknown; gc (ms of garbage collection), queries."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    server_before = server_process(connection)
    GC_TIMES.clear()
    with CaptureQueriesContext(connection) as captured:
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, {"q": text, "n": address})
        wall = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - start_cpu) * 1000
    assert response.status_code == 200, (text, response.status_code)
    assert response.get("X-Cache") != "hit", text
    db = read = float("nan")
    if server_before:
        server_after = server_process(connection)
        db, read = (
            after - before
            for before, after in zip(server_before, server_after, strict=True)
        )
    return {
        "text": text,
        "wall": wall,
        "cpu": cpu,
        "sql": sum(float(query["time"]) for query in captured) * 1000,
        "db": db,
        "read": read,
        "gc": sum(GC_TIMES),
        "queries": len(captured),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument(
        "--queries", type=int, default=40, help="measured per kind and language"
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        default=10,
        help="unmeasured queries per kind and language first, none of them measured",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dearest", type=int, default=0, help="slowest requests listed per kind"
    )
    options = parser.parse_args()

    # As in production, the page cache is on and what pages share (the menu, the
    # filter choices) is remembered; every request has an address of its own
    # (`n`, which the page ignores), so each one searches.
    scratch = start_django()  # noqa: F841 (the database lives in it)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import translation

    from newsroom.models import PressRelease

    generate_releases(options.releases, options.seed)
    # Debug off, as in production: with it on, Django keeps what each request of
    # the test client built (benchmark_scale.py), for the collector to walk.
    override_settings(DEBUG=False).enable()

    languages = ("en", "fr", "es")
    rng = random.Random(options.seed)
    measured = {lang: queries(lang, options.queries, rng) for lang in languages}
    client = Client()
    addresses = itertools.count()
    paths = {}
    for lang in languages:
        with translation.override(lang):
            paths[lang] = reverse("newsroom:search")
    print(f"{PressRelease.objects.count()} releases, {connection.vendor}")
    print(f"index: {index_size(connection)}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    # A server builds the SQL of each shape of query once (words alone, or with a
    # phrase; see newsroom/search/compiled.py), and a running site's buffers hold
    # what searches read often: measure with both warm, but no measured query run
    # before (drawn from another seed, any measured one left out).
    warm_rng = random.Random(f"warm-up {options.seed}")
    warmed = 0
    for lang in languages:
        for warm in ("warm", '"warm up"'):
            client.get(paths[lang], {"q": warm})
        drawn = queries(lang, 4 * options.warm_up, warm_rng)
        for shape, texts in measured[lang].items():
            unmeasured = [text for text in drawn[shape] if text not in texts]
            for text in unmeasured[: options.warm_up]:
                client.get(paths[lang], {"q": text, "n": next(addresses)})
                warmed += 1
    print(
        f"warm-up: {warmed} requests, none of them measured; measured: "
        f"{options.queries} per kind and language"
    )
    # What start-up and the first requests loaded, out of the collector's sight,
    # as the server does (newsroom/wsgi.py).
    gc.freeze()
    print(
        f"{'language':<9} {'query':<12} {'median ms':>10} {'p95 ms':>8} "
        f"{'max ms':>8} {'CPU p50':>8} {'CPU p95':>8} {'SQL p50':>8} "
        f"{'SQL p95':>8} {'DB p50':>7} {'DB p95':>7} {'queries':>8}"
    )
    gc.callbacks.append(time_collections)
    for lang in languages:
        for shape, texts in measured[lang].items():
            found = [
                measure(client, paths[lang], text, next(addresses)) for text in texts
            ]
            wall = [request["wall"] for request in found]
            figures = [*median_p95(wall), max(wall)] + [
                value
                for name in ("cpu", "sql", "db")
                for value in median_p95([request[name] for request in found])
            ]
            widths = (10, 8, 8, 8, 8, 8, 8, 7, 7)
            print(
                f"{lang:<9} {shape:<12} "
                + " ".join(
                    f"{value:>{width}.1f}"
                    for value, width in zip(figures, widths, strict=True)
                )
                + f" {found[0]['queries']:>8}"
            )
            for request in sorted(found, key=lambda request: -request["wall"])[
                : options.dearest
            ]:
                print(
                    "    {wall:6.1f} ms: CPU {cpu:.1f}, SQL {sql:.1f}, DB {db:.1f}, "
                    "pages read {read:.0f}, GC {gc:.1f}; {text}".format(**request)
                )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
