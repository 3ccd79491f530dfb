"""Cached pages served before Django builds a request: for an anonymous GET of a
page, the WSGI entry point reads the page cache itself
and answers from it, skipping the request object, the signals and the
middleware. Anything it cannot decide as the middleware would (a conditional
request, a cookie that may be a session, a proxy's headers) goes to Django,
whose PageCacheMiddleware serves the same entries."""

from django.conf import settings
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.utils import timezone
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language_from_request

from newsroom.core.languages import LANGUAGE_CODES

from .middleware import UNCACHED_PREFIXES, key_for, lookup

# Headers that make the answer depend on more than the URL.
PASS_THROUGH = (
    "HTTP_AUTHORIZATION",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def fast_key(environ):
    """The middleware's key for this request, or None when only Django can tell."""
    if (
        settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0
        or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", "")
        or any(name in environ for name in PASS_THROUGH)
        or settings.USE_X_FORWARDED_HOST
        or settings.SECURE_PROXY_SSL_HEADER
        or "HTTP_HOST" not in environ
    ):
        return None
    path = get_script_name(environ) + get_path_info(environ)
    lang = path_language(path) or header_language(environ)
    if lang is None or path.startswith(UNCACHED_PREFIXES):
        return None
    query = environ.get("QUERY_STRING", "")
    full_path = escape_uri_path(path) + (f"?{iri_to_uri(query)}" if query else "")
    return key_for(
        lang,
        environ["wsgi.url_scheme"],
        environ["HTTP_HOST"],
        full_path,
        environ.get("HTTP_ACCEPT_ENCODING", ""),
    )


def path_language(path):
    lang = path.split("/")[1] if path.count("/") > 1 else ""
    return lang if lang in LANGUAGE_CODES else None


def header_language(environ):
    """For an address without a language prefix (robots.txt, the sitemaps): the
    language LocaleMiddleware takes from Accept-Language, as the middleware's key
    does; None when a language cookie may decide instead."""
    if settings.LANGUAGE_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
        return None
    return get_language_from_request(HeadersOnly(environ))


class HeadersOnly:
    """What get_language_from_request() reads of a request with no cookie."""

    COOKIES = {}

    def __init__(self, environ):
        self.META = environ


class PageCacheApplication:
    """Wraps Django's WSGI application."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = fast_key(environ)
        now = timezone.now()
        page = lookup(key, now)[1] if key else None
        if page is None:
            return self.application(environ, start_response)
        start_response("200 OK", page.headers_at(now))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [page.content]
