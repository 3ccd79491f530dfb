"""Hostile input never breaks a public URL: every URL of the registry, with a fixed
corpus of hostile values in each query parameter its view reads and in each path
segment, and with bad conditional and language headers, answers below 500, with
debug on and off. The corpus goes through each parameter once: values ×
parameters, not every combination."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.test import Client
from django.utils import translation

from . import surfaces

pytestmark = pytest.mark.django_db

# Each value as it appears in a URL (already percent-encoded where needed).
CORPUS = [
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    quote("²"),
    quote("①"),
    quote("٣٤"),
    "%00",
    "a%00b",
    "%FF%FE",
    "%",
    "A" * 10240,
    quote("<script>alert(1)</script>"),
    quote("' OR 1=1 --"),
    quote('"; DROP TABLE newsroom_pressrelease; --'),
    quote("../../etc/passwd", safe=""),
    quote("\u202e\u200b"),
    "NaN",
    "",
]
# In a path, only values a <slug> accepts reach the view; of the others, a few show
# that the resolver refuses them cleanly.
PATH_CORPUS = [
    value for value in CORPUS if value and re.fullmatch(r"[-a-zA-Z0-9_]+", value)
] + ["%00", quote("²"), "%FF%FE", quote("<script>", safe="")]
HEADERS = [
    {"HTTP_IF_NONE_MATCH": '"unterminated'},
    {"HTTP_IF_NONE_MATCH": "W/" + "x" * 5000},
    {"HTTP_IF_MODIFIED_SINCE": "Mon, 99 Foo 99999 99:99:99 GMT"},
    {"HTTP_IF_MODIFIED_SINCE": "-1"},
    {"HTTP_ACCEPT_LANGUAGE": "xx-" + "Y" * 300 + ";q=abc"},
    {"HTTP_ACCEPT_LANGUAGE": "²;q=1e309, fr;q=-1, *;q=NaN"},
]


def registry_urls(world):
    """(URL name, parameters, URLs) of every surface, in English."""
    with translation.override("en"):
        return [
            (name, surface.params, surface.urls(world))
            for name, surface in surfaces.SURFACES.items()
        ]


def hostile_requests(world):
    """(path with query, extra headers) for every surface: each parameter with each
    value (and repeated), each path segment replaced by each value, each bad
    header on the surface's first URL."""
    requests = [("/", headers) for headers in HEADERS]
    for _name, params, urls in registry_urls(world):
        paths = sorted({urlsplit(url).path for url in urls})
        first = paths[0]
        for param in params:
            requests += [(f"{first}?{param}={value}", {}) for value in CORPUS]
            requests.append((f"{first}?{param}=1&{param}=2&{param}=%FF", {}))
        for path in paths[:1]:
            segments = path.split("/")
            # The language prefix is the resolver's; the other segments are views'.
            for index in range(2, len(segments) - 1) if len(segments) > 3 else ():
                for value in PATH_CORPUS:
                    changed = [*segments[:index], value, *segments[index + 1 :]]
                    requests.append(("/".join(changed), {}))
        requests += [(urls[0], headers) for headers in HEADERS]
    return requests


def statuses(requests):
    """{(path, headers): status} of each request (headers as a tuple of items)."""
    client = Client(raise_request_exception=False)
    return {
        (path, headers): client.get(path, **dict(headers)).status_code
        for path, headers in requests
    }


# The requests go in parts (every PARTS-th one), so that the suite's two workers
# can share them: each part is a test of its own.
PARTS = 4


class TestTheWorld:
    """The world, built once for the class."""

    @pytest.mark.parametrize("part", range(PARTS))
    def test_hostile_requests_never_fail(self, world, settings, part):
        """Every hostile request answers below 500 with debug off. Debug on changes
        how Django answers an error (its technical pages; no view of the site reads
        DEBUG): the requests refused with debug off are sent again with it on, and
        one in 25 of the others, which must answer as they did."""
        requests = [(path, tuple(h.items())) for path, h in hostile_requests(world)]
        # A segment of two surfaces' paths changed alike (/en/<value>/ from the
        # release list and from the event list) is one request, sent once.
        requests = list(dict.fromkeys(requests))[part::PARTS]
        settings.DEBUG = False
        production = statuses(requests)
        refused = [request for request in requests if production[request] >= 400]
        answered = [request for request in requests if production[request] < 400]
        settings.DEBUG = True
        debug = statuses(refused + answered[::25])
        failures = [
            f"{status} {path[:200]} {dict(headers)}"
            for results in (production, debug)
            for (path, headers), status in results.items()
            if status >= 500
        ]
        assert not failures, "\n".join(failures)
        changed = [
            request
            for request in answered[::25]
            if debug[request] != production[request]
        ]
        assert not changed, changed
        assert len(requests) > 500 / PARTS
        assert len(refused) > 500 / PARTS
