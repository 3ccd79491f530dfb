"""The pages whose cost could grow with the archive, timed in-process on a large
database: the release list (first page, last page, filtered), the sitemap index
and files, the admin's list of releases, the API's list of releases (a poll for
what changed since a day and since years, tombstones included).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_big \\
        nice -n 10 .venv/bin/python scripts/benchmark_scale.py --releases 100000

Brings DATABASE_URL to `--releases` press releases with the generator (as
scripts/benchmark_search.py does), then requests each page `--rounds` times
through Django's test client as a signed-in editor, whose pages are never
cached; with `--remember`, the values many pages share (the release list's filter
choices) are kept per generation as in production, else computed on every
request. Prints the median and 95th
percentile in milliseconds (wall clock, and the CPU time of this process), the
most CPU time the garbage collector took in one request, the SQL queries of one
request and the database's time for them (as the connection measures it: under
load, it includes waiting for a core), how many times the costliest request (by
CPU) and the median one were preempted (involuntary context switches: another
process took the core), and the load average. A round whose query count differs
from the others (a remembered value recomputed) is flagged. Figures, not a test.

The pages are served with debug off, as in production: with debug on, Django's
cache of signatures (django.utils.inspect) keeps each of the test client's signal
receivers, and with it the context of each page it served, so that the process
held hundreds of pages' objects and each full garbage collection walked them.
`--freeze` moves what the process holds after each page's first request out of
the collector's reach (`gc.freeze()`), as a server could once warmed up.
"""

import argparse
import gc
import os
import resource
import statistics
import time

from benchmarking import generate_releases, median_p95, start_django


def pages():
    from django.urls import reverse
    from django.utils import timezone, translation

    from newsroom.core.dates import in_utc
    from newsroom.models import PressRelease, ReleaseCountry, Topic
    from newsroom.views.release_list import MAX_PAGES
    from organisation.models import Region

    live = PressRelease.objects.live()
    topic = Topic.objects.filter(press_releases__in=live).first()
    newest = live.order_by("-publish_at").first()
    country = ReleaseCountry.objects.filter(release__in=live).first()
    country = country.country if country else "KE"
    region = Region.objects.filter(offices__press_releases__in=live).first()
    with translation.override("en"):
        releases = reverse("newsroom:release-list")
    return {
        "release list, first page": releases,
        f"release list, page {MAX_PAGES} (the last)": f"{releases}?page={MAX_PAGES}",
        "release list, topic": f"{releases}?topic={topic.slug_en}",
        "release list, year": f"{releases}?year={newest.publish_at.year - 3}",
        "release list, country": f"{releases}?country={country}",
        "release list, country, page 50": f"{releases}?country={country}&page=50",
        "release list, region": f"{releases}?region={region.slug if region else ''}",
        "release list, topic+year, page 5": f"{releases}?topic={topic.slug_en}"
        f"&year={newest.publish_at.year - 1}&page=5",
        "sitemap index": "/sitemap.xml",
        "sitemap of releases, first file": "/sitemap-releases.xml",
        "sitemap of releases, last file": "/sitemap-releases.xml?p=last",
        "admin: releases": "/admin/newsroom/pressrelease/",
        "admin: releases, published": "/admin/newsroom/pressrelease/"
        "?state__exact=published",
        "admin: releases, a year": "/admin/newsroom/pressrelease/"
        f"?publish_at__year={newest.publish_at.year - 3}",
        "admin: releases, last page": "/admin/newsroom/pressrelease/?p=200",
        "API: releases": "/api/v1/releases",
        "API: releases, a topic": f"/api/v1/releases?topic={topic.slug_en}",
        "API: releases, a country": f"/api/v1/releases?country={country}",
        "API: releases, a country none has": "/api/v1/releases?country=ZZ",
        "API: releases changed in a day": "/api/v1/releases?updated_since="
        f"{in_utc(timezone.now() - timezone.timedelta(days=1)):%Y-%m-%dT%H:%M:%SZ}",
        "API: releases changed since 2000": "/api/v1/releases"
        "?updated_since=2000-01-01T00:00:00Z",
    }


def counting(calls):
    """A database execute wrapper that notes each query of a timed round."""

    def wrapper(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    return wrapper


class GarbageCollections:
    """The CPU time the garbage collector took since `ms` was last reset."""

    def __init__(self):
        self.ms, self.started = 0, 0
        gc.callbacks.append(self.measure)

    def measure(self, phase, _info):
        if phase == "start":
            self.started = time.process_time()
        else:
            self.ms += (time.process_time() - self.started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--remember", action="store_true")
    parser.add_argument(
        "--only", help="time only the pages whose label contains this (e.g. list)"
    )
    parser.add_argument("--freeze", action="store_true")
    options = parser.parse_args()

    os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "300" if options.remember else "0"
    # Every round of every API page from one address: not to be refused as a flood.
    os.environ["NEWSROOM_API_RATE_LIMIT"] = "100000/m"
    scratch = start_django()  # noqa: F841 (the database lives in it)
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    override_settings(DEBUG=False).enable()
    collecting = GarbageCollections()

    from newsroom.models import PressRelease
    from newsroom.syndication.sitemaps import ReleaseSitemap

    generate_releases(options.releases)
    client = Client()
    user, _created = User.objects.get_or_create(
        username="benchmark", defaults={"is_staff": True, "is_superuser": True}
    )
    client.force_login(user)
    last_file = -(-PressRelease.objects.live().count() // ReleaseSitemap.limit)
    remembered = "remembered" if options.remember else "computed every time"
    print(
        f"{PressRelease.objects.count()} releases, {connection.vendor}, "
        f"shared values {remembered}"
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(
        f"{'page':<36} {'median ms':>10} {'p95 ms':>8} {'CPU p50':>8} "
        f"{'CPU p95':>8} {'GC max':>7} {'queries':>8} {'SQL ms':>7} {'preempted':>10}"
    )
    for label, path in pages().items():
        if options.only and options.only not in label:
            continue
        path = path.replace("p=last", f"p={last_file}")
        client.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        queries = len(captured)
        sql_ms = sum(float(query["time"]) for query in captured) * 1000
        if options.freeze:
            gc.freeze()
        timings, cpu, collected, counted, preempted = [], [], [], [], []
        for _round in range(options.rounds):
            collecting.ms = 0
            calls = []
            switches = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw
            start, start_cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(counting(calls)):
                client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            switches = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw - switches
            collected.append(collecting.ms)
            counted.append(len(calls))
            preempted.append(switches)
        median, p95 = median_p95(timings)
        cpu_median, cpu_p95 = median_p95(cpu)
        flag = "" if status == 200 else f" [status {status}]"
        if min(counted) != max(counted):
            flag += f" [queries per round {min(counted)} to {max(counted)}]"
        costliest = cpu.index(max(cpu))
        switches = f"{preempted[costliest]}/{statistics.median(preempted):.0f}"
        print(
            f"{label:<36} {median:>10.1f} {p95:>8.1f} {cpu_median:>8.1f} "
            f"{cpu_p95:>8.1f} {max(collected):>7.1f} {queries:>8} "
            f"{sql_ms:>7.1f} {switches:>10}{flag}",
            flush=True,
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
