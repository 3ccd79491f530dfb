"""The page cache's middleware: it sits above the session, language and view
layers, so that a hit costs one cache read and nothing else."""

import datetime
import hashlib

from django.conf import settings
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from .generation import (
    GENERATION_KEY,
    cache_errors,
    current_generation,
    page_cache,
    seconds_to_keep,
)

# What a shared cache (a CDN) may serve while it fetches a fresh copy.
STALE_WHILE_REVALIDATE = 30
# The longest a browser keeps a page without asking again.
BROWSER_MAX_AGE = 60
# The admin, and files WhiteNoise or the web server serve.
UNCACHED_PREFIXES = (
    "/admin/",
    "/" + settings.STATIC_URL.lstrip("/"),
    "/" + settings.MEDIA_URL.lstrip("/"),
)
# Responses that say they are for one reader only.
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


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
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    vary = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))
    }
    return not (directives & PRIVATE_DIRECTIVES or vary & {"cookie", "*"})


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
    client that cannot read gzip never gets the copy made for one that can."""
    gzip = "gzip" if re_accepts_gzip.search(accept_encoding) else "identity"
    url = f"{lang} {gzip} {scheme}://{host}{full_path}"
    return "page:" + hashlib.sha256(url.encode()).hexdigest()


def lookup(key):
    """(generation, the stored response or None); the response is ready to send,
    with its Cache-Control counted down."""
    try:
        found = page_cache().get_many([GENERATION_KEY, key])
    except cache_errors():
        return None, None
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is None or entry is None:
        return generation, None
    entry_generation, expires_at, response = entry
    now = timezone.now()
    if entry_generation != generation or expires_at <= now:
        return generation, None
    mark_shared(response, expires_at, now)
    response["X-Cache"] = "hit"
    return generation, response


def mark_shared(response, expires_at, now):
    """Cache-Control for browsers and shared caches, never past `expires_at`."""
    seconds = max(int((expires_at - now).total_seconds()), 0)
    patch_cache_control(
        response,
        public=True,
        max_age=min(seconds, BROWSER_MAX_AGE),
        s_maxage=seconds,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        generation, response = lookup(key)
        if response is not None:
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if request.method == "GET" and cacheable_response(response):
            self.store(page_cache(), key, generation, response, timezone.now())
        return response

    def store(self, cache, key, generation, response, now):
        try:
            generation = generation or current_generation()
            seconds = seconds_to_keep(generation, now)
            if seconds <= 0:
                return
            expires_at = now + datetime.timedelta(seconds=seconds)
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(now.timestamp())
            mark_shared(response, expires_at, now)
            cache.set(key, (generation, expires_at, response), seconds)
        except cache_errors():
            return
        response["X-Cache"] = "miss"
