"""Cached pages served before Django builds a request: for an anonymous GET of a
page under a language prefix, the WSGI entry point reads the page cache itself
and answers from it, skipping the request object, the signals and the
middleware. Anything it cannot decide as the middleware would (a conditional
request, a cookie that may be a session, a proxy's headers) goes to Django,
whose PageCacheMiddleware serves the same entries."""

from django.conf import settings
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.utils.encoding import escape_uri_path, iri_to_uri

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
    lang = path.split("/")[1] if path.count("/") > 1 else ""
    if lang not in LANGUAGE_CODES or path.startswith(UNCACHED_PREFIXES):
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


class PageCacheApplication:
    """Wraps Django's WSGI application."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = fast_key(environ)
        response = lookup(key)[1] if key else None
        if response is None:
            return self.application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [response.content]
