"""Search latency at scale: p50 and p95 per kind of query and language, and the
size of the index.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/benchmark_search.py --releases 100000

Uses DATABASE_URL (a throw-away SQLite database without it), migrated; brings it to
`--releases` press releases with `manage.py generate_content` when it has fewer
(with a tenth as many events and a hundredth as many people), then requests the
search page for one-, two- and three-word queries and a quoted phrase in each
language, drawn from the generator's phrase lists, through Django's test client:
the whole page (counts per type, the best hits of each type, snippets). Prints
the median and 95th percentile in milliseconds (wall clock, the CPU time of the
Django process alone, which another load on the machine does not inflate, and
the time of the page's SQL queries as the client saw them),
the SQL queries of a page, the index's rows and size, and the load average.
Figures, not a test: nothing here can fail.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=30, help="per kind and language")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    # As in production, the page cache is on and what pages share (the menu, the
    # filter choices) is remembered; every request has an address of its own
    # (`n`, which the page ignores), so each one searches.
    scratch = start_django()  # noqa: F841 (the database lives in it)
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse
    from django.utils import translation

    from newsroom.models import PressRelease

    generate_releases(options.releases, options.seed)
    # Debug off, as in production: with it on, Django keeps what each request of
    # the test client built (benchmark_scale.py), for the collector to walk.
    override_settings(DEBUG=False).enable()

    rng = random.Random(options.seed)
    client = Client()
    addresses = itertools.count()
    print(f"{PressRelease.objects.count()} releases, {connection.vendor}")
    print(f"index: {index_size(connection)}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(
        f"{'language':<9} {'query':<12} {'median ms':>10} {'p95 ms':>8} "
        f"{'CPU p50':>8} {'CPU p95':>8} {'SQL p50':>8} {'SQL p95':>8} {'queries':>8}"
    )
    for lang in ("en", "fr", "es"):
        with translation.override(lang):
            path = reverse("newsroom:search")
        # A server builds the SQL of each shape of query once (words alone, or
        # with a phrase; see newsroom/search/compiled.py): measure it built.
        for warm in ("warm", '"warm up"'):
            client.get(path, {"q": warm})
        # What start-up and the first requests loaded, out of the collector's
        # sight, as the server does (newsroom/wsgi.py).
        gc.freeze()
        for shape, texts in queries(lang, options.queries, rng).items():
            timings, cpu, sql = [], [], []
            for text in texts:
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, {"q": text, "n": next(addresses)})
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                sql.append(sum(float(query["time"]) for query in captured) * 1000)
                assert response.status_code == 200, (text, response.status_code)
                assert response.get("X-Cache") != "hit", text
            median, p95 = median_p95(timings)
            cpu_median, cpu_p95 = median_p95(cpu)
            sql_median, sql_p95 = median_p95(sql)
            print(
                f"{lang:<9} {shape:<12} {median:>10.1f} {p95:>8.1f} "
                f"{cpu_median:>8.1f} {cpu_p95:>8.1f} "
                f"{sql_median:>8.1f} {sql_p95:>8.1f} {len(captured):>8}"
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
