"""What renaming a topic and an office costs the admin's save, at the size of the
archive: the save rewrites the search rows of the releases naming them, or
leaves them to the worker past NEWSROOM_SEARCH_INDEX_AT_ONCE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/benchmark_rename.py --releases 3000

Uses DATABASE_URL (a throw-away SQLite database without it), migrated; brings it
to `--releases` press releases with the generator, then renames the topic and
the office that name the most releases `--rounds` times each, every rename in a
transaction rolled back (nothing changes, nothing is left for the worker).
Prints, for each, the releases naming it and the median and maximum of the
save's wall clock in milliseconds, with the load average. Figures, not a test:
nothing here can fail.
"""

import argparse
import os
import statistics
import time

from benchmarking import generate_releases, start_django


class RolledBack(Exception):
    pass


def rename_times(item, field, rounds):
    from django.db import transaction

    times = []
    for _round in range(rounds):
        try:
            with transaction.atomic():
                setattr(item, field, f"{getattr(item, field)} (renamed)")
                started = time.perf_counter()
                item.save()
                times.append((time.perf_counter() - started) * 1000)
                raise RolledBack
        except RolledBack:
            item.refresh_from_db()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    _scratch = start_django()
    generate_releases(options.releases)

    from django.conf import settings
    from django.db.models import Count

    from newsroom.models import Topic
    from organisation.models import Office

    print(f"NEWSROOM_SEARCH_INDEX_AT_ONCE = {settings.NEWSROOM_SEARCH_INDEX_AT_ONCE}")
    for model in (Topic, Office):
        item = (
            model.objects.annotate(naming=Count("press_releases"))
            .order_by("-naming")
            .first()
        )
        times = rename_times(item, "name_en", options.rounds)
        print(
            f"{model.__name__} naming {item.naming} releases: rename "
            f"{statistics.median(times):.1f} ms median, {max(times):.1f} ms max "
            f"of {options.rounds}"
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
