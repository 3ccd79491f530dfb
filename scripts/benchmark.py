"""Time the public pages in-process and count their SQL queries.

    .venv/bin/python scripts/benchmark.py [--releases 300] [--rounds 30]

Builds a throw-away SQLite database (or uses DATABASE_URL), loads the demo, adds
`--releases` live releases, then requests each public page `--rounds` times through
Django's test client. Prints the median and 95th percentile in milliseconds and the
number of queries of one request. Figures, not a test: nothing here can fail.
"""

import argparse
import os
import time

from benchmarking import median_p95, start_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()

    scratch = start_django()  # noqa: F841 (the database lives in it)
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone, translation

    from newsroom.models import PressRelease

    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    seed = PressRelease.objects.live().filter(main_photo__isnull=False).first()
    topics = list(seed.topics.all())
    for number in range(options.releases):
        seed.pk = None
        seed.revision = 0
        seed.embargo_token = f"bench-{number}"
        for lang in ("en", "fr", "es"):
            setattr(seed, f"slug_{lang}", f"bench-{lang}-{number}")
        seed.publish_at = timezone.now() - timezone.timedelta(minutes=number + 1)
        seed.save()
        seed.topics.set(topics)

    client = Client()
    pages = []
    for lang in ("en", "fr", "es"):
        with translation.override(lang):
            pages += [
                reverse("home"),
                reverse("newsroom:release-list"),
                reverse("newsroom:release-list") + "?page=5",
                seed.get_absolute_url(),
                reverse("newsroom:event-list"),
                reverse("newsroom:contact-list"),
                reverse("organisation:structure"),
                reverse("organisation:office-list"),
                reverse("syndication:release-rss"),
            ]
    pages += ["/sitemap.xml", "/sitemap-releases.xml", "/robots.txt"]

    print(f"{options.releases} extra live releases, {options.rounds} rounds")
    print(f"{'page':<55} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for path in pages:
        client.get(path)  # warm caches and renditions
        reset_queries()  # the log is bounded, and the set-up filled it
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        timings = []
        for _round in range(options.rounds):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        median, p95 = median_p95(timings)
        label = f"{path} [{status}]"
        print(f"{label:<55} {median:>10.1f} {p95:>8.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()
