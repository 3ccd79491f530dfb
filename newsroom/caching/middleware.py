"""The page cache's middleware: it sits above the session, language and view
layers, so that a hit costs one cache read and nothing else."""

import datetime
import hashlib
import threading
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from newsroom.core.build import build

from .generation import (
    GENERATION_KEY,
    cache_errors,
    current_generation,
    page_cache,
    retry_lost_bump,
    seconds_to_keep,
)

# What a shared cache (a CDN) may serve while it fetches a fresh copy.
STALE_WHILE_REVALIDATE = 30
# The longest a browser keeps a page without asking again.
BROWSER_MAX_AGE = 60
# The admin, and files WhiteNoise or the web server serve.
UNCACHED_PREFIXES = (
    "/admin/",
    # The probes: /healthz reads nothing, not even the cache.
    "/healthz",
    "/readyz",
    "/" + settings.STATIC_URL.lstrip("/"),
    "/" + settings.MEDIA_URL.lstrip("/"),
)
# Responses that say they are for one reader only.
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}
# The directives the cache sets on every page it keeps.
SHARED_DIRECTIVES = {"public", "max-age", "s-maxage", "stale-while-revalidate"}
# What each server process keeps of the pages it served lately (RecentPages).
RECENT_PAGES_BYTES = 32 * 1024 * 1024


def cacheable_request(request):
    """Anonymous reads of public pages: a visitor with a session (staff, whoever
    logged in) or credentials always gets a page built for them."""
    return (
        settings.NEWSROOM_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def cacheable_response(response):
    """A complete 200 for everyone: no cookie set, nothing private (previews and
    embargo links say so), nothing that varies with the visitor's cookies."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {name for name, _part in cache_directives(response)}
    vary = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))
    }
    return not (directives & PRIVATE_DIRECTIVES or vary & {"cookie", "*"})


def cache_directives(response):
    """(name, directive) of each directive of the response's Cache-Control."""
    return [
        (part.split("=")[0].strip().lower(), part.strip())
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    ]


def other_directives(response):
    """The directives of the view's own Cache-Control that the cache does not set."""
    return "".join(
        f", {part}"
        for name, part in cache_directives(response)
        if name not in SHARED_DIRECTIVES
    )


def page_key(request):
    """The URL and the language the page is in: the prefix's, or for the few
    addresses without one (robots.txt, sitemaps) the one LocaleMiddleware takes
    from the cookie or Accept-Language (their Vary header)."""
    lang = get_language_from_request(request, check_path=True)
    return key_for(
        lang,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("Accept-Encoding", ""),
    )


def key_for(lang, scheme, host, full_path, accept_encoding):
    """Compressed and plain copies are kept apart (Vary: Accept-Encoding): a
    client that cannot read gzip never gets the copy made for one that can. The
    prefix names the entries' format (StoredPage): a server of an earlier
    version, which kept pickled responses under "page:", never reads them; the
    build, that a server of another build (during a release) never serves it."""
    gzip = "gzip" if re_accepts_gzip.search(accept_encoding) else "identity"
    url = f"{lang} {gzip} {scheme}://{host}{full_path}"
    return f"stored-page:{build()}:" + hashlib.sha256(url.encode()).hexdigest()


class StoredPage(NamedTuple):
    """A page as the server sends it, so that a hit builds no response object:
    its headers but Cache-Control (counted down on every hit) and its body."""

    generation: str
    expires_at: datetime.datetime
    headers: list
    # The view's own Cache-Control directives, if any, after those of the cache.
    other_directives: str
    content: bytes

    def seconds_left(self, now):
        return max(int((self.expires_at - now).total_seconds()), 0)

    def headers_at(self, now):
        control = shared_control(self.seconds_left(now)) + self.other_directives
        return [*self.headers, ("Cache-Control", control), ("X-Cache", "hit")]

    def as_response(self, now):
        return HttpResponse(self.content, headers=self.headers_at(now))


def shared_control(seconds):
    """Cache-Control for browsers and shared caches, never past `seconds`."""
    return (
        f"public, max-age={min(seconds, BROWSER_MAX_AGE)}, s-maxage={seconds}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE}"
    )


class RecentPages:
    """This process's copies of the pages it served lately, all of the current
    generation: a hit reads the generation from the shared cache (so that a save
    made anywhere shows on the next request here) and, most of the time, nothing
    else. Copies of an older generation are dropped as soon as a newer one is
    read; the least recently served go when the copies pass `max_bytes`."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.lock = threading.Lock()
        self.clear(None)

    def clear(self, generation):
        self.generation = generation
        self.pages = OrderedDict()
        self.size = 0

    def get(self, key, generation):
        with self.lock:
            if generation != self.generation:
                self.clear(generation)
                return None
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def add(self, key, page):
        with self.lock:
            if page.generation != self.generation:
                return
            old = self.pages.pop(key, None)
            self.size += len(page.content) - (len(old.content) if old else 0)
            self.pages[key] = page
            while self.size > self.max_bytes:
                self.size -= len(self.pages.popitem(last=False)[1].content)


recent_pages = RecentPages(RECENT_PAGES_BYTES)


def lookup(key, now):
    """(generation, the stored page if it is still fresh at `now`, else None): one
    read of the generation, and of the page only when this process has no copy of
    it yet."""
    cache = page_cache()
    # A cache that can keep the generation in the process until it changes
    # (Redis: newsroom/resilience/watch.py) saves a round trip per hit.
    read = (
        getattr(cache, "get_watched", cache.get)
        if settings.NEWSROOM_PAGE_CACHE_WATCH
        else cache.get
    )
    try:
        generation = read(GENERATION_KEY)
        if generation is None or retry_lost_bump():
            return None, None
        page = recent_pages.get(key, generation)
        if page is None:
            page = cache.get(key)
            if page is None or page.generation != generation:
                return generation, None
            recent_pages.add(key, page)
    except cache_errors():
        return None, None
    return generation, page if page.expires_at > now else None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        now = timezone.now()
        generation, page = lookup(key, now)
        if page is not None:
            response = page.as_response(now)
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if request.method == "GET" and cacheable_response(response):
            self.store(page_cache(), key, generation, response, now)
        return response

    def store(self, cache, key, generation, response, now):
        try:
            generation = generation or current_generation()
            if generation is None:  # The cache is down.
                return
            seconds = seconds_to_keep(generation, now)
            if seconds <= 0:
                return
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(now.timestamp())
            other = other_directives(response)
            response["Cache-Control"] = shared_control(seconds) + other
            page = StoredPage(
                generation,
                now + datetime.timedelta(seconds=seconds),
                [item for item in response.items() if item[0] != "Cache-Control"],
                other,
                response.content,
            )
            cache.set(key, page, seconds)
            recent_pages.add(key, page)
        except cache_errors():
            return
        response["X-Cache"] = "miss"
