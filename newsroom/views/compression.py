"""Compressed pages, but never a page that carries a CSRF token (BREACH: an
attacker who can inject text into a compressed response and watch its length can
guess a secret in it, one character at a time)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re, set_response_etag


class GZipWithoutSecretsMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, skipping responses that used the CSRF token.

    It sits right below CsrfViewMiddleware, so it sees the response before that
    middleware clears the flag `get_token()` sets whenever a form's token is
    rendered (CSRF_COOKIE_NEEDS_UPDATE). A view decorated with csrf_protect (every
    admin view) clears that flag itself, having set the cookie on the response:
    the cookie tells then."""

    def process_response(self, request, response):
        if (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or settings.CSRF_COOKIE_NAME in response.cookies
        ):
            return response
        # The ETag names the content before it is compressed, as with Django's
        # own order (GZip above ConditionalGet): compressed bytes differ on each
        # response (random padding against BREACH), so an ETag computed from
        # them by ConditionalGetMiddleware would never be matched again.
        if (
            request.method in ("GET", "HEAD")
            and not response.streaming
            and not response.has_header("ETag")
            and "no-store" not in cc_delim_re.split(response.get("Cache-Control", ""))
        ):
            set_response_etag(response)
        return super().process_response(request, response)
